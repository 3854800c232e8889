// The charts above a custom report's table (room data, attendees, breakout rooms), as Rust draws
// them over the rows the table's search matches: redrawn when the search changes, when the window
// turns light or dark, and for each new report; answers for an older report or search are dropped.
// Each chart can be saved as PNG or SVG; folded away, they stay folded on the next start. It
// counts nothing itself; Rust computes every figure.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { setStatus } from "./status.js";
import { chartFigure } from "./chart-figure.js";
import { isDark, onThemeChange } from "./appearance.js";

/**
 * Adds the charts section (#report-charts, hidden until a report is shown) to `root`; whether it
 * is unfolded is the store's `chartsOpen`.
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountReportCharts(root, { store }) {
  const scope = el("span", { class: "report-charts-scope", id: "report-charts-scope", "aria-live": "polite" });
  const grid = el("div", { class: "report-charts-grid", id: "report-charts-grid" });
  // A disclosure, open at first: a person who wants only the table folds the charts away.
  const section = el(
    "details",
    { class: "report-charts", id: "report-charts", open: store.get().chartsOpen !== false, hidden: true },
    el("summary", { id: "report-charts-title" }, el("span", { class: "report-charts-heading" }, "Charts"), scope),
    grid,
  );
  root.appendChild(section);

  /** @type {import("../contract/ReportInfo").ReportInfo | null} */
  let report = null;
  let search = "";
  let asked = 0;

  /** Asks Rust for the charts of the report on screen and the current search; shows the newest. */
  async function draw() {
    if (!report) return;
    const info = report;
    const ticket = ++asked;
    section.dataset.state = "drawing";
    scope.textContent = search ? `Drawing the charts for the rows matching “${search}”…` : "Drawing the charts…";
    try {
      const result = await commands.reportCharts({ report_id: info.report_id, search, dark: isDark() });
      if (ticket !== asked || report !== info) return;
      clear(grid);
      for (const { key, chart } of result.charts) {
        grid.appendChild(
          chartFigure(`report-${key}`, chart, (format) => save(info, result.search, key, format)),
        );
      }
      scope.textContent = result.search
        ? `Counting only the rows matching “${result.search}”, as the table below does.`
        : "Counting every row of the report.";
      section.dataset.state = "done";
    } catch (error) {
      if (ticket !== asked) return;
      section.dataset.state = "error";
      scope.textContent = "The charts could not be drawn.";
      showError(error);
    }
  }

  /** Saves a chart (drawn light, for documents and slides) through the system's save dialog. */
  function save(info, searchText, key, format) {
    commands
      .saveReportChart({ report_id: info.report_id, search: searchText, chart: key, format })
      .then((result) => {
        if (result.saved) setStatus(`Saved to ${result.path}`);
      })
      .catch((error) => showError(error));
  }

  const stopHearing = onThemeChange(() => {
    if (report && !section.hidden) draw();
  });
  section.addEventListener("toggle", () => {
    if (store.get().chartsOpen !== section.open) store.set({ chartsOpen: section.open });
  });
  // The saved view arrives after the screen is built.
  const stopFollowing = store.subscribe((state) => {
    if (section.open !== state.chartsOpen) section.open = state.chartsOpen;
  }, ["chartsOpen"]);

  return {
    element: section,
    /** Draws the charts of a new report (ReportInfo), for every row. */
    show(info) {
      report = info;
      search = "";
      section.hidden = false;
      clear(grid);
      return draw();
    },
    /** The table's search changed ("" when it counts every row again). */
    search(text) {
      if (text === search) return Promise.resolve();
      search = text;
      return draw();
    },
    unmount() {
      stopHearing();
      stopFollowing();
      report = null;
      section.remove();
    },
  };
}
