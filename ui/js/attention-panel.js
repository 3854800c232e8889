// The Library's Attention panel: sessions that fell furthest below their own room's usual
// attendance or engagement (the room's median), and people whose engagement over their last
// sessions dropped against their earlier ones. Rust finds them (`library_attention`) with the
// thresholds it names; this shows them and saves either table.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { plainTable } from "./chart-figure.js";
import { formatCount, formatDateTime, formatDecimal, formatPercentPoints, plural, zoneSentence } from "./format.js";
import { rangeSelect, saveButtons } from "./rollup-controls.js";

/** "−75%" / "+4.5 points" / "—". @param {number | null} value @param {string} unit */
function signed(value, unit) {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  const sign = value > 0.05 ? "+" : value < -0.05 ? "−" : "";
  return `${sign}${formatDecimal(Math.abs(value))}${unit}`;
}

/**
 * Adds the panel to `root`; `refresh()` asks Rust again.
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountAttentionPanel(root, { store }) {
  const range = rangeSelect("attention-range");
  const sessionsHost = el("div", { id: "attention-sessions" });
  const peopleHost = el("div", { id: "attention-people" });
  const element = el(
    "div",
    { class: "rollup-panel", id: "attention-panel" },
    el("div", { class: "table-toolbar rollup-toolbar" }, range.select),
    el(
      "section",
      { class: "rollup-section", "aria-labelledby": "attention-sessions-title" },
      el(
        "div",
        { class: "rollup-section-header" },
        el("h2", { class: "section-title", id: "attention-sessions-title" }, "Sessions below their room's usual"),
        saveButtons({ prefix: "attention-sessions-save", what: "sessions below their room's usual", store, range: range.range, choice: () => ({ table: "attention_sessions" }) }),
      ),
      el("p", { class: "row-count" }, "Each room with at least three dated sessions is held against its own median: the sessions that lost most of their audience come first."),
      sessionsHost,
    ),
    el(
      "section",
      { class: "rollup-section", "aria-labelledby": "attention-people-title" },
      el(
        "div",
        { class: "rollup-section-header" },
        el("h2", { class: "section-title", id: "attention-people-title" }, "People whose engagement dropped"),
        saveButtons({ prefix: "attention-people-save", what: "people whose engagement dropped", store, range: range.range, choice: () => ({ table: "attention_people" }) }),
      ),
      el("p", { class: "row-count" }, "People with at least four rated sessions: their last three against the ones before, weighted by participation time; a drop of 10 points or more is listed."),
      peopleHost,
    ),
  );
  root.appendChild(element);

  let asked = 0;

  async function refresh() {
    const mine = ++asked;
    element.dataset.state = "loading";
    try {
      const found = await commands.libraryAttention(range.range());
      if (mine !== asked) return;
      clear(sessionsHost);
      sessionsHost.appendChild(
        found.sessions.length === 0
          ? el("p", { class: "empty-text", id: "attention-sessions-empty" }, "No session fell below its room's usual — or no room has three dated sessions kept yet.")
          : plainTable(
              "attention-sessions-table",
              `Sessions below their room's usual (${zoneSentence()})`,
              ["Room", "Session start", "Unique attendees", "Room's median", "Attendance", "Engagement rate", "Room's median", "Engagement"],
              [false, false, true, true, true, true, true, true],
              found.sessions.map((s) => [
                s.room_name || s.room_id,
                formatDateTime(s.start),
                formatCount(s.users),
                typeof s.room_median_users === "number" ? formatDecimal(s.room_median_users) : "—",
                signed(s.attendance_change_pct, "%"),
                formatPercentPoints(s.engagement_pct),
                formatPercentPoints(s.room_median_engagement_pct),
                signed(s.engagement_change_points, " points"),
              ]),
            ),
      );
      clear(peopleHost);
      peopleHost.appendChild(
        found.people.length === 0
          ? el("p", { class: "empty-text", id: "attention-people-empty" }, "Nobody's engagement dropped by 10 points or more over their last three sessions.")
          : plainTable(
              "attention-people-table",
              "People whose engagement dropped",
              ["Name", "E-mail", "Sessions compared", "Earlier", "Last three", "Drop", "Last seen"],
              [false, false, true, true, true, true, false],
              found.people.map((p) => [
                p.name || p.user_id,
                p.email,
                formatCount(p.sessions),
                formatPercentPoints(p.earlier_pct),
                formatPercentPoints(p.recent_pct),
                `${formatDecimal(p.drop_points)} points`,
                formatDateTime(p.last_seen),
              ]),
            ),
      );
      element.dataset.state = "done";
      element.dataset.sessions = String(found.sessions.length);
      element.dataset.people = String(found.people.length);
      element.setAttribute("aria-description", `${plural(found.sessions.length, "session")} and ${plural(found.people.length, "person", "people")} listed`);
    } catch (error) {
      if (mine !== asked) return;
      element.dataset.state = "error";
      showError(error);
    }
  }

  range.select.addEventListener("change", refresh);
  return { element, refresh };
}
