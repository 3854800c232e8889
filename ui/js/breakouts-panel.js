// The Library's Breakouts panel: per main room, its main sessions' participants and engagement
// beside its breakout rooms' — from the kept Room data and Breakout rooms reports. Rust counts
// (`library_breakouts`); this shows the table and saves it.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { plainTable } from "./chart-figure.js";
import { formatCount, formatPercentPoints, plural } from "./format.js";
import { rangeSelect, saveButtons } from "./rollup-controls.js";

/**
 * Adds the panel to `root`; `refresh()` asks Rust again.
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountBreakoutsPanel(root, { store }) {
  const range = rangeSelect("breakouts-range");
  const count = el("p", { class: "row-count", id: "breakouts-count", role: "status" });
  const host = el("div", { id: "breakouts-host" });
  const element = el(
    "div",
    { class: "rollup-panel", id: "breakouts-panel" },
    el("div", { class: "table-toolbar rollup-toolbar" }, range.select, saveButtons({ prefix: "breakouts-save", what: "breakout rooms", store, range: range.range, choice: () => ({ table: "breakouts" }) })),
    count,
    host,
  );
  root.appendChild(element);

  let asked = 0;

  async function refresh() {
    const mine = ++asked;
    element.dataset.state = "loading";
    try {
      const rooms = await commands.libraryBreakouts(range.range());
      if (mine !== asked) return;
      clear(host);
      const used = rooms.filter((r) => r.breakout_sessions > 0).length;
      count.textContent = `${plural(rooms.length, "main room")}, ${formatCount(used)} with breakout rooms · participants are added up per session, so a person in two breakout rooms counts twice`;
      host.appendChild(
        rooms.length === 0
          ? el(
              "div",
              { class: "placeholder-state", id: "breakouts-empty" },
              el("p", { class: "empty-title" }, "No main rooms yet"),
              el("p", { class: "empty-text" }, "Keep a Room data report, and a Breakout rooms report for the same dates, to compare breakout rooms with their main sessions."),
            )
          : plainTable(
              "breakouts-table",
              "Breakout rooms per main room",
              ["Main room", "Main sessions", "Participants", "Engagement", "With breakouts", "Breakout rooms", "Breakout sessions", "Breakout participants", "Breakout engagement"],
              [false, true, true, true, true, true, true, true, true],
              rooms.map((r) => [
                r.room_name || r.room_id,
                formatCount(r.main_sessions),
                formatCount(r.main_participants),
                formatPercentPoints(r.main_engagement_pct),
                formatCount(r.sessions_with_breakouts),
                formatCount(r.breakout_rooms),
                formatCount(r.breakout_sessions),
                formatCount(r.breakout_participants),
                formatPercentPoints(r.breakout_engagement_pct),
              ]),
            ),
      );
      element.dataset.state = "done";
    } catch (error) {
      if (mine !== asked) return;
      element.dataset.state = "error";
      showError(error);
    }
  }

  range.select.addEventListener("change", refresh);
  return { element, refresh };
}
