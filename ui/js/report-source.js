// Where the report on screen came from, in words: the line under the title ("Attendees · Demo ·
// 1–31 Mar 2026", "Attendees · opened from march.csv" or "… · from the library · …") and, for files, the one-line read / kept /
// rejected count with the reasons behind a disclosure. Text only; nothing here reads files.

import { el, clear } from "./dom.js";
import { formatCount, formatRangeDays, plural } from "./format.js";

/**
 * Where a report kept in the library came from, in words.
 * @param {import("../contract/SnapshotSource").SnapshotSource} source
 */
export function keptFrom(source) {
  if (source?.type === "fetch") {
    const range = formatRangeDays(source.from_unix, source.to_unix);
    return source.filters ? `${source.account_name} · ${range} · filtered by ${source.filters}` : `${source.account_name} · ${range}`;
  }
  if (source?.type === "file") return `Opened from ${source.file_name}`;
  return "";
}

/** The line under the title for a ReportInfo. */
export function sourceWords(info) {
  const title = info.title || "Report";
  const src = info.source ?? {};
  if (src.type === "file") return `${title} · opened from ${src.file_name}`;
  if (src.type === "fetch") return `${title} · ${src.account_name} · ${formatRangeDays(src.from_unix, src.to_unix)}`;
  if (src.type === "kept") return `${title} · from the library · ${keptFrom(src.source)}`;
  return title;
}

/** Fills `container` (#read-stats) with the read counts and warnings of `info`, or hides it. */
export function renderReadStats(container, info) {
  clear(container);
  const warnings = info.warnings ?? [];
  const stats = info.read_stats;
  if (!stats && warnings.length === 0) {
    container.hidden = true;
    return;
  }
  if (stats) {
    const fileName = info.source?.file_name;
    container.append(
      el("span", {}, "Read ", el("strong", {}, plural(stats.rows_read, "row")), fileName ? ` from ${fileName}` : ""),
      el("span", {}, "kept ", el("strong", { id: "rows-kept" }, formatCount(stats.rows_kept))),
      el("span", {}, "rejected ", el("strong", { id: "rows-rejected" }, formatCount(stats.rows_rejected))),
    );
  }
  if (warnings.length) {
    const about = stats ? "this file" : "this fetch";
    const summary = stats?.rows_rejected > 0 ? `Why rows were rejected or changed (${formatCount(warnings.length)})` : `${plural(warnings.length, "note")} about ${about}`;
    container.append(
      el("details", { id: "read-warnings" }, el("summary", {}, summary), el("ul", {}, warnings.map((w) => el("li", {}, w)))),
    );
  }
  container.hidden = false;
}
