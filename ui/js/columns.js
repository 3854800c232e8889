// Turns the columns Rust describes for a report (key, label, type, width) into columns on screen:
// in the order the report's metadata names (names first, IDs last), a formatter per type and a
// width.
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

function widthFor(col) {
  if (col.wide) return "minmax(176px, 2fr)";
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
 * Columns for the screen from ReportInfo.columns, those `shownFirst` names (the report's
 * ReportMeta.shown_first) first. Each keeps `index`, its position in a row array.
 * @param {ReadonlyArray<import("../contract/ColumnInfo").ColumnInfo>} columns
 * @param {ReadonlyArray<string>} [shownFirst]
 */
export function displayColumns(columns, shownFirst = []) {
  const withIndex = (columns ?? []).map((col, index) => ({
    key: String(col.key),
    label: labelFor(col),
    type: FORMATTERS[col.type] ? col.type : "text",
    numeric: Boolean(col.numeric),
    searchable: Boolean(col.searchable),
    wide: Boolean(col.wide),
    index,
    format: FORMATTERS[col.type] ?? text,
    width: "",
  }));
  for (const col of withIndex) col.width = widthFor(col);
  const rank = (col) => {
    const at = shownFirst.indexOf(col.key);
    return at === -1 ? shownFirst.length + col.index : at;
  };
  return withIndex.sort((a, b) => rank(a) - rank(b));
}

/** The value of `col` in a row array. */
export function cellValue(row, col) {
  return Array.isArray(row) ? row[col.index] : undefined;
}
