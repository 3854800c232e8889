// The Library's Rooms over time panel: each main room week by week or month by month — the top
// rooms side by side in one chart, then every room with its latest period against its usual
// (the rooms losing most of their audience first); a room's name shows its own trend chart and
// its periods. Rust counts and draws (`library_room_trends`); this shows and asks.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { setStatus } from "./status.js";
import { isDark, onThemeChange } from "./appearance.js";
import { chartFigure, plainTable } from "./chart-figure.js";
import { formatCount, formatDecimal, formatHours, formatIsoDate, formatPercentPoints, plural, zoneSentence } from "./format.js";
import { rangeSelect, saveButtons } from "./rollup-controls.js";

/** @typedef {import("../contract/RoomTrendsView").RoomTrendsView} RoomTrendsView */
/** @typedef {import("../contract/RoomDirection").RoomDirection} RoomDirection */

const HEADINGS = ["Room", "Sessions", "Hours", "Latest period", "Unique attendees then", "Usually", "Change"];
const NUMERIC = [false, true, true, false, true, true, true];

/** "+20%", "−75%", "—". @param {number | null} pct */
function change(pct) {
  if (typeof pct !== "number" || !Number.isFinite(pct)) return "—";
  const sign = pct > 0.05 ? "+" : pct < -0.05 ? "−" : "";
  return `${sign}${formatDecimal(Math.abs(pct))}%`;
}

/**
 * Adds the panel to `root`; `refresh()` asks Rust again.
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountRoomTrendsPanel(root, { store }) {
  const period = el(
    "select",
    { id: "trends-period", "aria-label": "Periods" },
    el("option", { value: "week" }, "Week by week"),
    el("option", { value: "month" }, "Month by month"),
  );
  const range = rangeSelect("trends-range");
  const count = el("p", { class: "row-count", id: "trends-count", role: "status" });
  const charts = el("div", { class: "rollup-charts", id: "trends-charts" });
  const roomDetail = el("section", { class: "room-trend", id: "room-trend", "aria-labelledby": "room-trend-title", hidden: true });
  const body = el("tbody", { id: "trends-rows" });
  const table = el(
    "table",
    { class: "plain-table trends-table", id: "trends-table" },
    el("caption", { class: "visually-hidden" }, "Rooms, the ones losing most of their audience first"),
    el("thead", {}, el("tr", {}, HEADINGS.map((h, i) => el("th", { scope: "col", class: NUMERIC[i] ? "numeric" : null }, h)))),
    body,
  );
  const empty = el(
    "div",
    { class: "placeholder-state", id: "trends-empty", hidden: true },
    el("p", { class: "empty-title" }, "No rooms yet"),
    el("p", { class: "empty-text" }, "Rooms appear here once a Room data report is kept: fetch one on the Reports screen or open a Room data CSV."),
  );
  const element = el(
    "div",
    { class: "rollup-panel", id: "trends-panel" },
    el(
      "div",
      { class: "table-toolbar rollup-toolbar" },
      period,
      range.select,
      saveButtons({
        prefix: "trends-save",
        what: "rooms over time",
        store,
        range: range.range,
        choice: () => ({ table: "rooms", period: /** @type {any} */ (period.value) }),
      }),
    ),
    count,
    charts,
    roomDetail,
    el("div", { class: "plain-table-wrap rollup-wrap", tabindex: "0", role: "region", "aria-label": "Rooms" }, table),
    empty,
  );
  root.appendChild(element);

  let asked = 0;
  /** @type {string | null} */
  let roomShown = null;

  function args() {
    return { range: range.range(), period: /** @type {any} */ (period.value), room_id: roomShown, dark: isDark() };
  }

  /** @param {"top_rooms" | "room"} chart @param {import("../contract/ImageFormat").ImageFormat} format */
  function saveChart(chart, format) {
    commands
      .saveRollupChart({ range: range.range(), period: /** @type {any} */ (period.value), room_id: roomShown, chart, format })
      .then((result) => {
        if (result.saved) setStatus(`Saved ${result.path}`);
      })
      .catch(showError);
  }

  /** @param {RoomTrendsView} view */
  function render(view) {
    clear(charts);
    if (view.rooms.length > 0) charts.appendChild(chartFigure("top-rooms", view.top_rooms, (format) => saveChart("top_rooms", format)));
    clear(roomDetail);
    const room = view.rooms.find((r) => r.room_id === roomShown);
    roomDetail.hidden = !room || !view.room_chart;
    if (room && view.room_chart) {
      const close = el("button", { type: "button", id: "room-trend-close" }, "Close");
      close.addEventListener("click", () => {
        roomShown = null;
        refresh();
      });
      const rows = view.periods.filter((p) => p.room_id === room.room_id);
      roomDetail.append(
        el("div", { class: "room-trend-header" }, el("h2", { id: "room-trend-title", class: "section-title" }, room.name || room.room_id), close),
        chartFigure("room-trend", view.room_chart, (format) => saveChart("room", format)),
        plainTable(
          "room-trend-table",
          `${room.name || room.room_id}, per period`,
          [period.value === "week" ? "Week from" : "Month from", "Sessions", "Unique attendees", "Hours", "Engagement rate"],
          [false, true, true, true, true],
          rows.map((p) => [formatIsoDate(p.period), formatCount(p.sessions), formatCount(p.unique_attendees), formatHours(p.hours), formatPercentPoints(p.engagement_pct)]),
        ),
      );
    }
    clear(body);
    for (const r of view.rooms) {
      const name = el("button", { type: "button", class: "link-button room-open", dataset: { room: r.room_id }, title: "Show this room's trend" }, r.name || r.room_id);
      name.addEventListener("click", () => {
        roomShown = r.room_id;
        refresh().then(() => roomDetail.scrollIntoView({ block: "start" }));
      });
      const changeCell = el("td", { class: "numeric" }, change(r.change_pct));
      if (typeof r.change_pct === "number") changeCell.dataset.direction = r.change_pct < 0 ? "down" : "up";
      body.appendChild(
        el(
          "tr",
          {},
          el("td", {}, name),
          el("td", { class: "numeric" }, formatCount(r.sessions)),
          el("td", { class: "numeric" }, formatHours(r.hours)),
          el("td", {}, formatIsoDate(r.latest_period)),
          el("td", { class: "numeric" }, formatCount(r.latest_attendees)),
          el("td", { class: "numeric" }, typeof r.usual_attendees === "number" ? formatDecimal(r.usual_attendees) : "—"),
          changeCell,
        ),
      );
    }
    table.hidden = view.rooms.length === 0;
    empty.hidden = view.rooms.length > 0;
    const unit = period.value === "week" ? "week" : "month";
    count.textContent = `${plural(view.rooms.length, "room")} · “Usually” is the median of a room's earlier ${unit}s with sessions · ${zoneSentence()}`;
  }

  async function refresh() {
    const mine = ++asked;
    element.dataset.state = "loading";
    try {
      const view = await commands.libraryRoomTrends(args());
      if (mine !== asked) return;
      render(view);
      element.dataset.state = "done";
    } catch (error) {
      if (mine !== asked) return;
      element.dataset.state = "error";
      showError(error);
    }
  }

  period.addEventListener("change", refresh);
  range.select.addEventListener("change", refresh);
  onThemeChange(() => {
    if (!element.hidden && element.dataset.state === "done") refresh();
  });

  return { element, refresh };
}
