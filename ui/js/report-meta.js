// What the page knows of each report before one is loaded — title, what a row is called, its
// filters, the order people read its columns in, the first sort, which columns name a row's
// person, the search minimum — as Rust's report tables send it in `bootstrap` (ReportMeta).
// Lookups over that list only: no report rule is written here. Plain data, runs under Node.

/** @typedef {import("../contract/ReportMeta").ReportMeta} ReportMeta */

/**
 * The entry of `kind` in `reports`, or null.
 * @param {ReadonlyArray<ReportMeta>} reports
 * @param {string} kind
 * @returns {ReportMeta | null}
 */
export function metaFor(reports, kind) {
  return reports.find((m) => m.kind === kind) ?? null;
}

/**
 * "session" / "sessions" for `count` rows of a report; "row" / "rows" when the report is unknown.
 * @param {ReportMeta | null} meta
 * @param {number} count
 */
export function rowNoun(meta, count) {
  if (!meta) return count === 1 ? "row" : "rows";
  return count === 1 ? meta.row_noun : meta.row_noun_plural;
}

/**
 * Who a table row is about, as the drill-down asks for them: the value of the first of the
 * report's person columns that has one; "" when none has or the report's rows are not people.
 * @param {ReportMeta | null} meta
 * @param {ReadonlyArray<{ key: string }>} columns the loaded report's columns, aligned with `row`
 * @param {ReadonlyArray<unknown>} row
 */
export function personOf(meta, columns, row) {
  for (const key of meta?.person ?? []) {
    const at = columns.findIndex((c) => c.key === key);
    const value = at >= 0 ? row[at] : null;
    if (value !== null && value !== undefined && String(value) !== "") return String(value);
  }
  return "";
}
