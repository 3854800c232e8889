// The session's viewer engagement table: every attendee in a virtual table (only the rows in view
// exist), sortable, searchable from a few letters, each row with the person's role, company,
// industry and country under their name, and their minute-by-minute engagement strip with their
// Q&A threads, downloads and raised hands under it. Strips are asked of Rust for the rows in view
// only, in one call, and kept; a copy the library kept has none (they are Kaltura's, asked on
// demand), and says so in their place. It computes no figure and draws no chart; Enter opens a person.

import { el } from "./dom.js";
import { VirtualTable, setText } from "./virtual-table.js";
import { formatCount, formatMinutes, formatPercentPoints } from "./format.js";
import { paintStrip, parseColor, stripCounts, stripPixels } from "./minute-strip.js";

/** @typedef {import("../contract/DashboardView").DashboardView} DashboardView */
/** @typedef {import("../contract/AttendeeStrip").AttendeeStrip} AttendeeStrip */

const DASH = "—";
/** Matches `.attendee-grid { --row-height }` in app.css. */
const ROW_HEIGHT = 58;
/** Wait this long after scrolling stops before asking for the strips in view. */
const STRIP_DELAY_MS = 60;
/** Strips with fewer minutes than this (the column's narrowest width) are drawn as crisp blocks. */
const SPARSE_BELOW = 220;
/** Rows asked for at once (Rust takes at most 200). */
const STRIPS_PER_ASK = 120;

/** @type {import("../contract/AttendeeProfile").AttendeeProfile} */
const NO_PROFILE = { email: "", role: "", company: "", industry: "", country: "" };


/**
 * Attendees matching `search` (at least `min` letters; fewer shows everyone), sorted.
 * @param {DashboardView} d @param {string} search @param {number} min
 * @param {{ key: string, descending: boolean }} sort
 * @returns {number[]} indexes into d.attendees
 */
export function attendeeOrder(d, search, min, sort) {
  const needle = search.trim().toLocaleLowerCase();
  const matches = (i) => {
    if (needle.length < min) return true;
    const a = d.attendees[i];
    const p = d.profiles[i] ?? NO_PROFILE;
    return [a.name, a.user_id, p.email].some((t) => String(t ?? "").toLocaleLowerCase().includes(needle));
  };
  const indexes = d.attendees.map((_, i) => i).filter(matches);
  const value = (i) => /** @type {any} */ (d.attendees[i])[sort.key];
  indexes.sort((x, y) => {
    const a = value(x);
    const b = value(y);
    const order = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
    return sort.descending ? -order : order;
  });
  return indexes;
}

/** The line under a name: who the person is, as Kaltura's profile has it. */
export function profileLine(profile) {
  const p = profile ?? NO_PROFILE;
  return [p.role, p.company, p.industry, p.country].filter(Boolean).join(" · ");
}

/** Columns of the grid; `index` is the position in a row array (the last is the attendee). */
const NUMBER_COLUMNS = [
  { key: "minutes", label: "Minutes viewed", index: 1, format: formatMinutes },
  { key: "engagement_pct", label: "Live engagement", index: 2, format: formatPercentPoints },
  { key: "reactions", label: "Reactions", index: 3, format: formatCount },
  { key: "messages", label: "Chat messages", index: 4, format: formatCount },
  { key: "polls", label: "Polls answered", index: 5, format: formatCount },
];
const ATTENDEE_AT = 6;

/**
 * Mounts the grid in `root`.
 * @param {HTMLElement} root
 * @param {{
 *   searchMin: () => number,
 *   loadStrips: (userIds: string[]) => Promise<AttendeeStrip[]>,
 *   onOpen: (index: number) => void,
 *   onStripError: (error: unknown) => void,
 * }} options
 */
export function mountAttendeeGrid(root, options) {
  const tableHost = el("div", { class: "attendee-grid", id: "attendees-grid" });
  const count = el("p", { class: "row-count", id: "attendees-count", role: "status" });
  root.append(tableHost, count);

  /** @type {DashboardView | null} */
  let shown = null;
  let search = "";
  /** user_id → minutes code, for the dashboard shown. */
  let strips = new Map();
  /** user_id → pixels, painted from `strips` in the current colour. */
  let pixels = new Map();
  let asking = false;
  let failed = false;
  let askTimer = 0;
  let color = { r: 10, g: 132, b: 255 };

  function readColor() {
    // From the root, which is always styled (this screen may be hidden while the theme changes).
    const style = getComputedStyle(document.documentElement);
    color = parseColor(style.getPropertyValue("--accent")) ?? color;
    pixels = new Map();
  }

  /** Asks Rust for the strips of the rows in view that have none yet. */
  function askForStrips() {
    askTimer = 0;
    if (!shown || asking || failed) return;
    const d = shown;
    const waiting = [...tableHost.querySelectorAll("canvas.minute-strip[data-state='waiting']")]
      .map((c) => /** @type {HTMLElement} */ (c).dataset.user ?? "")
      .filter((id, at, all) => id && !strips.has(id) && all.indexOf(id) === at)
      .slice(0, STRIPS_PER_ASK);
    if (waiting.length === 0) return;
    asking = true;
    options
      .loadStrips(waiting)
      .then((answer) => {
        if (shown !== d) return;
        for (const strip of answer) strips.set(strip.user_id, strip.minutes);
        // Anyone Kaltura had no minutes for stays blank rather than being asked again.
        for (const id of waiting) if (!strips.has(id)) strips.set(id, "");
        table.render();
      })
      .catch((error) => {
        if (shown !== d) return;
        failed = true;
        options.onStripError(error);
        table.render();
      })
      .finally(() => {
        asking = false;
        if (shown === d) scheduleAsk();
      });
  }

  function scheduleAsk() {
    if (askTimer) clearTimeout(askTimer);
    askTimer = setTimeout(askForStrips, STRIP_DELAY_MS);
  }

  /** Name, with the person's profile on the line under it. */
  function renderName(cell, row) {
    if (!cell.firstChild) {
      cell.append(el("span", { class: "attendee-name" }), el("span", { class: "attendee-profile" }));
    }
    const [name, profile] = /** @type {HTMLElement[]} */ ([...cell.children]);
    if (row === undefined || !shown) {
      setText(name, "");
      setText(profile, "");
      return;
    }
    const i = row[ATTENDEE_AT];
    const a = shown.attendees[i];
    const p = shown.profiles[i] ?? NO_PROFILE;
    setText(name, a.name || a.user_id || DASH);
    setText(profile, profileLine(p));
    cell.title = [a.name, p.email, a.user_id].filter(Boolean).join("\n");
  }

  /** The strip, and the person's Q&A threads, downloads and raised hands under it. */
  function renderStrip(cell, row) {
    if (!cell.firstChild) {
      cell.append(el("canvas", { class: "minute-strip", width: "1", height: "1", "aria-hidden": "true" }), el("span", { class: "attendee-extra" }));
    }
    const canvas = /** @type {HTMLCanvasElement} */ (cell.firstChild);
    const extra = /** @type {HTMLElement} */ (cell.lastChild);
    if (row === undefined || !shown) {
      canvas.dataset.state = "empty";
      canvas.dataset.user = "";
      setText(extra, "");
      cell.title = "";
      return;
    }
    const a = shown.attendees[row[ATTENDEE_AT]];
    const code = strips.get(a.user_id);
    const counts = `Q&A ${formatCount(a.questions)} · downloads ${formatCount(a.downloads)} · hands ${formatCount(a.raised_hands)}`;
    if (shown.kept) {
      canvas.dataset.user = a.user_id;
      canvas.dataset.state = "not-kept";
      canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
      setText(extra, `${counts} · minutes not kept`);
      cell.title = "The minute-by-minute strip comes from Kaltura and is not part of the copy kept in the library.";
      return;
    }
    if (code === undefined) {
      canvas.dataset.user = a.user_id;
      canvas.dataset.state = failed ? "failed" : "waiting";
      canvas.getContext("2d")?.clearRect(0, 0, canvas.width, canvas.height);
      setText(extra, counts);
      cell.title = "";
      if (!failed) scheduleAsk();
      return;
    }
    if (canvas.dataset.user !== a.user_id || canvas.dataset.state !== "drawn") {
      let painted = pixels.get(a.user_id);
      if (!painted) {
        painted = stripPixels(code, color);
        pixels.set(a.user_id, painted);
      }
      paintStrip(canvas, painted);
      // No layout read here (asking a canvas its width mid-scroll forces a layout per row).
      canvas.classList.toggle("is-sparse", code.length > 0 && code.length < SPARSE_BELOW);
      canvas.dataset.user = a.user_id;
      canvas.dataset.state = "drawn";
    }
    const { present, engaged } = stripCounts(code);
    setText(extra, code.length ? counts : `${counts} · no minutes from Kaltura`);
    cell.title = code.length ? `Engaged ${formatCount(engaged)} of the ${formatCount(present)} minutes present; ${counts.replace("hands", "raised hands")}` : "";
  }

  const columns = [
    { key: "name", label: "Name", type: "text", numeric: false, index: 0, width: "minmax(168px, 2fr)", format: String, render: renderName },
    ...NUMBER_COLUMNS.map((c) => ({ ...c, type: "count", numeric: true, width: c.key === "engagement_pct" ? "112px" : "96px" })),
    { key: "strip", label: "Minute by minute (solid: engaged, pale: present)", type: "text", numeric: false, index: ATTENDEE_AT, width: "minmax(220px, 3fr)", format: String, sortable: false, render: renderStrip },
  ];

  const table = new VirtualTable(tableHost, {
    label: "Viewer engagement",
    rowHeight: ROW_HEIGHT,
    isActivatable: () => true,
    onActivate: (row) => options.onOpen(row[ATTENDEE_AT]),
    onSort: () => reload(),
  });
  table.setColumns(columns, { column: "minutes", descending: true });

  let order = /** @type {number[]} */ ([]);
  function reload() {
    if (!shown) return;
    const d = shown;
    const sort = table.sort ?? { column: "minutes", descending: true };
    order = attendeeOrder(d, search, options.searchMin(), { key: sort.column, descending: sort.descending });
    const noun = d.attendees.length === 1 ? "attendee" : "attendees";
    const unlisted = d.attendees_unlisted > 0 ? ` · Kaltura lists at most 12,000: ${formatCount(d.attendees_unlisted)} more attended, counted in the cards above but not listed` : "";
    count.textContent = `Showing ${formatCount(order.length)} of ${formatCount(d.attendees.length)} ${noun}${unlisted}`;
    table
      .load(async ({ offset, limit }) => {
        const rows = order.slice(offset, offset + limit).map((i) => {
          const a = d.attendees[i];
          return [a.name, a.minutes, a.engagement_pct, a.reactions, a.messages, a.polls, i];
        });
        return { rows, total: order.length, all: d.attendees.length };
      })
      .catch(options.onStripError);
  }

  return {
    /** Shows `d`'s attendees (strips kept while it is the same session). @param {DashboardView} d */
    show(d) {
      if (!shown || shown.session.id !== d.session.id || Boolean(shown.kept) !== Boolean(d.kept)) {
        strips = new Map();
        pixels = new Map();
        failed = false;
      }
      shown = d;
      readColor();
      reload();
    },
    /** Filters by `text` (from `searchMin()` letters). @param {string} text */
    search(text) {
      search = text;
      reload();
    },
    /** Repaints in the current colours (light or dark mode changed). */
    repaint() {
      readColor();
      for (const canvas of tableHost.querySelectorAll("canvas.minute-strip")) /** @type {HTMLElement} */ (canvas).dataset.state = "stale";
      table.render();
    },
    unmount() {
      if (askTimer) clearTimeout(askTimer);
      table.dispose();
      root.replaceChildren();
    },
  };
}
