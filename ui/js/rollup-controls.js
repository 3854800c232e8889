// What the Library's rollup panels share: the range a rollup counts (everything kept, or the
// sessions of the last 30, 90 or 365 days), and the "Save as CSV…" / "Save as PDF…" buttons
// that open the export and paper sheets and hand the person's choices to Rust. They count and
// write nothing themselves.

import { el } from "./dom.js";
import { commands } from "./backend.js";
import { mountExportSheet } from "./export-sheet.js";
import { mountPdfSheet } from "./pdf-sheet.js";

/** @typedef {import("../contract/RollupRange").RollupRange} RollupRange */
/** @typedef {import("../contract/RollupChoice").RollupChoice} RollupChoice */

const RANGES = [
  ["", "Everything kept"],
  ["30", "Sessions of the last 30 days"],
  ["90", "Sessions of the last 90 days"],
  ["365", "Sessions of the last 365 days"],
];

/**
 * A select of ranges with id `id`; `range()` is the chosen one as Rust takes it.
 * @param {string} id
 */
export function rangeSelect(id) {
  const select = el(
    "select",
    { id, "aria-label": "Which sessions to count" },
    RANGES.map(([value, label]) => el("option", { value }, label)),
  );
  return {
    select,
    /** @returns {RollupRange} */
    range: () => ({ days: select.value ? Number(select.value) : null, room_id: null }),
  };
}

/**
 * "Save as CSV…" and "Save as PDF…" buttons (ids `${prefix}-csv` / `${prefix}-pdf`) saving what
 * `choice()` names over `range()`; `what` says in the sheets what is saved ("people").
 * @param {{ prefix: string, what: string, store: import("./accounts.js").AppStore, range: () => RollupRange, choice: () => RollupChoice }} options
 */
export function saveButtons({ prefix, what, store, range, choice }) {
  const csv = el("button", { type: "button", id: `${prefix}-csv` }, "Save as CSV…");
  csv.addEventListener("click", () => {
    mountExportSheet(document.body, {
      title: what,
      defaults: store.get().exportDefaults,
      save: (options) => commands.saveRollupCsv({ range: range(), rollup: choice(), options }),
    });
  });
  const pdf = el("button", { type: "button", id: `${prefix}-pdf` }, "Save as PDF…");
  pdf.addEventListener("click", () => {
    mountPdfSheet(document.body, {
      what: `the ${what} table, as counted on screen.`,
      paper: commands.paperForLocale(navigator.language || "en"),
      save: (paper) => commands.saveRollupPdf({ range: range(), rollup: choice(), paper }),
      stop: () => commands.cancelPdf(),
    });
  });
  return el("div", { class: "rollup-save" }, csv, pdf);
}
