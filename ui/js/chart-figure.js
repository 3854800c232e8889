// A chart as Rust draws it, for any screen: the SVG shown as an image (never as markup, so no
// text in it can become HTML), its figures as a table for screen readers and anyone who wants the
// numbers, its note, and "Save as PNG…" / "Save as SVG…" buttons that call back. Also the plain
// table it uses. It draws, counts and saves nothing itself.

import { el } from "./dom.js";

/** A plain table of `rows` (arrays of text) under `headings`; numeric columns right-aligned. */
export function plainTable(id, caption, headings, numeric, rows) {
  return el(
    "div",
    { class: "plain-table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    el(
      "table",
      { class: "plain-table", id },
      el("caption", { class: "visually-hidden" }, caption),
      el("thead", {}, el("tr", {}, headings.map((h, i) => el("th", { scope: "col", class: numeric[i] && "numeric" }, h)))),
      el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell, i) => el("td", { class: numeric[i] && "numeric" }, cell))))),
    ),
  );
}

/** @typedef {import("../contract/ChartView").ChartView} ChartView */

/**
 * A chart as Rust draws it: the SVG as an image (never as markup, so no text in it can become
 * HTML), its title, and its figures as a table for screen readers and anyone who wants numbers.
 * With `points` (the timeline), hovering shows the minute under the pointer.
 * @param {string} id @param {ChartView} chart
 * @param {(format: import("../contract/ImageFormat").ImageFormat) => void} onSave "Save as PNG…" / "Save as SVG…"
 */
export function chartFigure(id, chart, onSave) {
  const img = el("img", {
    id: `chart-${id}`,
    class: "chart",
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(chart.svg)}`,
    alt: `${chart.title}. The figures are in the table below.`,
    width: String(chart.width),
    height: String(chart.height),
  });
  const tip = el("div", { class: "chart-tip", role: "status", hidden: true });
  const frame = el("div", { class: "chart-frame" }, img, tip);
  if (chart.points.length > 0) {
    img.addEventListener("mousemove", (event) => {
      const scale = chart.width / Math.max(1, img.clientWidth);
      const x = event.offsetX * scale;
      let best = 0;
      for (let i = 1; i < chart.points.length; i += 1) {
        if (Math.abs(chart.points[i].x - x) < Math.abs(chart.points[best].x - x)) best = i;
      }
      const row = chart.rows[best] ?? [];
      tip.textContent = row.map((value, i) => `${chart.columns[i] ?? ""}: ${value}`).join(" · ");
      const point = chart.points[best];
      tip.style.left = `${(point.x / scale).toFixed(0)}px`;
      tip.style.top = `${((point.y_viewers ?? point.y_engagement ?? 0) / scale).toFixed(0)}px`;
      tip.hidden = false;
    });
    img.addEventListener("mouseleave", () => {
      tip.hidden = true;
    });
  }
  const table = el(
    "details",
    { class: "chart-table" },
    el("summary", {}, "Show the figures as a table"),
    plainTable(`chart-${id}-table`, chart.title, chart.columns, chart.columns.map((_, i) => i > 0), chart.rows),
  );
  const savePng = el("button", { type: "button", class: "chart-save", id: `save-chart-${id}-png` }, "Save as PNG…");
  savePng.addEventListener("click", () => onSave("png"));
  const saveSvg = el("button", { type: "button", class: "chart-save", id: `save-chart-${id}` }, "Save as SVG…");
  saveSvg.addEventListener("click", () => onSave("svg"));
  return el(
    "figure",
    { class: "chart-figure", id: `figure-${id}` },
    el("figcaption", { class: "visually-hidden" }, chart.title),
    frame,
    chart.note ? el("p", { class: "card-note" }, chart.note) : null,
    el("div", { class: "chart-actions" }, table, el("div", { class: "chart-save-buttons" }, savePng, saveSvg)),
  );
}
