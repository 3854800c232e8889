// The person sheet (the drill-down): everything one attendee did in the report — a few cards and
// every session they attended with its time and engagement, as Rust's `user_sessions` returns it.
// It does not aggregate anything itself; rows-panel.js opens it only for Attendees reports.

import { el, clear } from "./dom.js";
import { openSheet } from "./sheet.js";
import { commands } from "./backend.js";
import { renderCards } from "./summary-cards.js";
import { displayColumns, cellValue } from "./columns.js";
import { plural } from "./format.js";

function sessionsTable(columns, rows) {
  const cols = displayColumns(columns);
  return el(
    "div",
    { class: "plain-table-wrap", tabindex: "0", role: "region", "aria-label": "Sessions attended" },
    el(
      "table",
      { class: "plain-table", id: "drilldown-sessions" },
      el("thead", {}, el("tr", {}, cols.map((c) => el("th", { scope: "col", class: c.numeric && "numeric" }, c.label)))),
      el(
        "tbody",
        {},
        rows.map((row) => el("tr", {}, cols.map((c) => el("td", { class: c.numeric && "numeric" }, c.format(cellValue(row, c)))))),
      ),
    ),
  );
}

/**
 * Opens the sheet in `root` for `userId` in report `reportId`; `name` titles it until the data
 * arrives. Returns { dialog, close }.
 * @param {Element} root
 * @param {{ reportId: number, userId: string, name?: string }} options
 */
export function mountDrilldown(root, { reportId, userId, name = "" }) {
  const meta = el("p", { class: "person-meta", id: "drilldown-meta" }, userId);
  const cards = el("section", { class: "cards", id: "drilldown-cards", "aria-label": "Summary for this person", hidden: true });
  const content = el("div", { class: "drilldown-content", id: "drilldown-content", role: "status" }, el("p", { class: "person-meta" }, "Loading sessions…"));
  const close = el("button", { type: "button", id: "drilldown-done", class: "primary", on: { click: () => sheet.close() } }, "Done");

  const sheet = openSheet({
    id: "drilldown",
    title: name || userId,
    body: [meta, cards, content],
    footer: [close],
    wide: true,
    initialFocus: "#drilldown-done",
    root,
  });

  commands
    .userSessions(reportId, userId)
    .then((person) => {
      const title = sheet.dialog.querySelector(".sheet-title");
      title.textContent = person.user_name || person.user_id || name || userId;
      const id = person.user_id || userId;
      meta.textContent = [person.user_email, id && id !== person.user_email ? `User ID ${id}` : null].filter(Boolean).join(" · ");
      renderCards(cards, person.cards, "drilldown-card");
      clear(content);
      const rows = person.rows ?? [];
      content.removeAttribute("role");
      content.appendChild(el("h3", { class: "card-label" }, `${plural(rows.length, "session")} attended`));
      content.appendChild(sessionsTable(person.columns, rows));
    })
    .catch((error) => {
      clear(content);
      content.appendChild(el("p", { class: "test-result", "data-result": "failed", role: "alert" }, error.message));
    });
  return sheet;
}
