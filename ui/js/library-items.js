// The Library screen's list as one: kept reports and kept session dashboards side by side, newest
// first, each with the words its row shows and is found by (what it is, where it came from), and
// the toolbar's filter (words, kind, kept since). Rust's library listing is its only input; it
// reads, keeps and counts nothing itself.

import { formatDateTime, formatTime } from "./format.js";
import { keptFrom } from "./report-source.js";

/** @typedef {import("../contract/LibraryListing").LibraryListing} LibraryListing */
/** @typedef {import("../contract/SnapshotInfo").SnapshotInfo} SnapshotInfo */
/** @typedef {import("../contract/DashboardInfo").DashboardInfo} DashboardInfo */
/**
 * One row of the list: a kept report or a kept session dashboard.
 * @typedef {{
 *   type: "report" | "dashboard",
 *   id: number,
 *   kind: string,
 *   title: string,
 *   from: string,
 *   at: number,
 *   rows: number | null,
 *   words: string,
 *   snapshot?: SnapshotInfo,
 *   dashboard?: DashboardInfo,
 * }} LibraryItem
 */

/** What each kind of kept thing is called (the kind filter's values are these keys). */
export const KIND_TITLES = {
  room_data: "Room data",
  attendees: "Attendees",
  breakouts: "Breakout rooms",
  session_dashboard: "Session dashboard",
};

/**
 * Where a kept session dashboard came from: "Training team · Sales weekly · session of 3 Mar
 * 2026, 14:05 – 15:30".
 * @param {DashboardInfo} d
 */
export function dashboardFrom(d) {
  const room = d.room_name || d.room_id;
  const start = d.session_start;
  const end = d.session_end;
  const session =
    typeof start === "number" ? `session of ${formatDateTime(start)}${typeof end === "number" ? ` – ${formatTime(end)}` : ""}` : `session ${d.session_id}`;
  return [d.account_name, room, session].filter(Boolean).join(" · ");
}

/**
 * Every kept report and session dashboard of `listing`, newest first (a dashboard before a report
 * kept in the same second, then the higher id first).
 * @param {Partial<LibraryListing>} listing
 * @returns {LibraryItem[]}
 */
export function libraryItems(listing) {
  /** @type {LibraryItem[]} */
  const reports = (listing.snapshots ?? []).map((s) => {
    const title = KIND_TITLES[s.kind] ?? s.kind;
    const from = keptFrom(s.source);
    return { type: "report", id: s.id, kind: s.kind, title, from, at: s.saved_at, rows: s.row_count, words: `${title} ${from}`.toLowerCase(), snapshot: s };
  });
  /** @type {LibraryItem[]} */
  const dashboards = (listing.dashboards ?? []).map((d) => {
    const title = KIND_TITLES.session_dashboard;
    const from = dashboardFrom(d);
    return {
      type: "dashboard",
      id: d.id,
      kind: "session_dashboard",
      title,
      from,
      at: d.fetched_at,
      rows: null,
      words: `${title} ${from} ${d.room_id} ${d.session_id}`.toLowerCase(),
      dashboard: d,
    };
  });
  const rank = (item) => (item.type === "dashboard" ? 0 : 1);
  return [...reports, ...dashboards].sort((a, b) => b.at - a.at || rank(a) - rank(b) || b.id - a.id);
}

/**
 * The items the toolbar lets through: containing `words` (any case), of `kind` ("" for any), kept
 * at or after `since` (Unix seconds; null for any time).
 * @param {LibraryItem[]} items
 * @param {{ words: string, kind: string, since: number | null }} filter
 */
export function filterItems(items, { words, kind, since }) {
  const needle = words.trim().toLowerCase();
  return items.filter((item) => (!kind || item.kind === kind) && (since === null || item.at >= since) && (!needle || item.words.includes(needle)));
}
