// Turns the columns Rust describes for a report (key, label, type) into columns on screen: the
// order people read them in (names first, IDs last), a formatter per type and a width.
// It does not fetch, sort or filter rows; Rust does that through the query command.

import { formatCount, formatDateTime, formatMinutes, formatPercent, formatSeconds } from "./format.js";

const text = (v) => (v === undefined || v === null || v === "" ? "—" : String(v));

const FORMATTERS = {
  text,
  time: formatDateTime,
  count: formatCount,
  ratio: formatPercent,
  minutes: formatMinutes,
  seconds: formatSeconds,
};

// Keys shown first, in this order; every other column follows in the order Rust sent it.
const PREFERRED_ORDER = {
  room_data: ["entry_name", "session_start_time", "session_end_time", "session_host_user_id", "meeting_view_period_unique_users", "meeting_engaged_play_time_ratio"],
  attendees: ["user_name", "user_email", "user_type", "meeting_view_time", "meeting_engaged_play_time_ratio", "user_id"],
  breakouts: ["parent_entry_name", "breakout_entry_name", "session_initiator", "session_start_time", "session_end_time", "duration", "participant_count", "engagement_rate"],
};

const WIDE_TEXT = new Set(["entry_name", "user_name", "user_email", "parent_entry_name", "breakout_entry_name"]);

function widthFor(col) {
  if (WIDE_TEXT.has(col.key)) return "minmax(176px, 2fr)";
  switch (col.type) {
    case "time":
      return "208px";
    case "ratio":
      return "168px";
    case "minutes":
    case "seconds":
      return "152px";
    case "count":
      return "120px";
    default:
      return /_id$|^cue_point/.test(col.key) ? "128px" : "minmax(112px, 1fr)";
  }
}

/** "Participation time (minutes)" → "Participation time": the unit is in the formatted value. */
function labelFor(col) {
  if (col.type === "minutes" || col.type === "seconds") return col.label.replace(/\s*\((minutes|seconds)\)\s*$/i, "");
  return col.label;
}

/**
 * Columns for the screen from ReportInfo.columns. Each keeps `index`, its position in a row array.
 */
export function displayColumns(kind, columns) {
  const withIndex = (columns ?? []).map((col, index) => ({
    key: String(col.key),
    label: labelFor(col),
    type: FORMATTERS[col.type] ? col.type : "text",
    numeric: Boolean(col.numeric),
    searchable: Boolean(col.searchable),
    index,
    format: FORMATTERS[col.type] ?? text,
  }));
  for (const col of withIndex) col.width = widthFor(col);
  const preferred = PREFERRED_ORDER[kind] ?? [];
  const rank = (col) => {
    const at = preferred.indexOf(col.key);
    return at === -1 ? preferred.length + col.index : at;
  };
  return withIndex.sort((a, b) => rank(a) - rank(b));
}

/** The value of `col` in a row array. */
export function cellValue(row, col) {
  return Array.isArray(row) ? row[col.index] : undefined;
}

/** What one row of each report is called: "Showing 12 of 212 sessions". */
export const ROW_NOUNS = {
  room_data: ["session", "sessions"],
  attendees: ["attendee", "attendees"],
  breakouts: ["breakout session", "breakout sessions"],
};

export const REPORT_TITLES = {
  room_data: "Room data",
  attendees: "Attendees",
  breakouts: "Breakout rooms",
};

/** The first sort of each report: newest sessions first, longest participation first. */
export const DEFAULT_SORT = {
  room_data: { column: "session_start_time", descending: true },
  attendees: { column: "meeting_view_time", descending: true },
  breakouts: { column: "session_start_time", descending: true },
};
