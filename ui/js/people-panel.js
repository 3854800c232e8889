// The Library's People panel: everyone across the kept Attendees reports — sessions, rooms,
// participation time, engagement, first and last seen, roles — most time first or as chosen,
// searched by name, e-mail or user ID from three letters. A name opens the person's sessions.
// Rust counts (`library_people`, `library_person_sessions`); this shows and asks.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { openSheet } from "./sheet.js";
import { formatCount, formatDate, formatDateTime, formatMinutes, formatPercentPoints, plural, zoneSentence } from "./format.js";
import { plainTable } from "./chart-figure.js";
import { rangeSelect, saveButtons } from "./rollup-controls.js";

/** @typedef {import("../contract/PersonRollup").PersonRollup} PersonRollup */

const ORDERS = [
  ["minutes", "Most participation time"],
  ["sessions", "Most sessions"],
  ["engagement", "Highest engagement"],
  ["last_seen", "Seen most recently"],
  ["name", "Name"],
];

/** People asked for at first, and added by each *Show more*. */
const PAGE = 500;
/** People the table shows at most (Rust sends no more); a search or the saved CSV finds the rest. */
const MOST = 20000;

const HEADINGS = ["Person", "Sessions", "Rooms", "Participation time", "Engagement rate", "First seen", "Last seen", "Roles"];
const NUMERIC = [false, true, true, true, true, false, false, false];

/**
 * Adds the panel to `root`; `refresh()` asks Rust again (the Library screen calls it when shown).
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountPeoplePanel(root, { store }) {
  const search = el("input", { type: "search", id: "people-search", placeholder: "Search by name, e-mail or user ID — 3 letters or more", "aria-label": "Search people" });
  const order = el("select", { id: "people-order", "aria-label": "Order" }, ORDERS.map(([value, label]) => el("option", { value }, label)));
  const range = rangeSelect("people-range");
  const count = el("p", { class: "row-count", id: "people-count", role: "status" });
  const body = el("tbody", { id: "people-rows" });
  const table = el(
    "table",
    { class: "plain-table people-table", id: "people-table" },
    el("caption", { class: "visually-hidden" }, "People across the library"),
    el("thead", {}, el("tr", {}, HEADINGS.map((h, i) => el("th", { scope: "col", class: NUMERIC[i] ? "numeric" : null }, h)))),
    body,
  );
  const empty = el(
    "div",
    { class: "placeholder-state", id: "people-empty", hidden: true },
    el("p", { class: "empty-title" }, "No people yet"),
    el("p", { class: "empty-text" }, "People appear here once an Attendees report is kept: fetch one on the Reports screen or open an Attendees CSV."),
  );
  const element = el(
    "div",
    { class: "rollup-panel", id: "people-panel" },
    el(
      "div",
      { class: "table-toolbar rollup-toolbar" },
      search,
      order,
      range.select,
      saveButtons({
        prefix: "people-save",
        what: "people",
        store,
        range: range.range,
        choice: () => ({ table: "people", search: search.value, order: /** @type {any} */ (order.value) }),
      }),
    ),
    count,
    el("div", { class: "plain-table-wrap rollup-wrap", tabindex: "0", role: "region", "aria-label": "People" }, table),
    empty,
  );
  const more = el("button", { type: "button", id: "people-more" }, `Show ${formatCount(PAGE)} more`);
  const moreRow = el("div", { class: "rollup-more", hidden: true }, more);
  element.insertBefore(moreRow, empty);
  root.appendChild(element);

  let asked = 0;
  /** How many people the table asks for; back to one page when the search, order or range change. */
  let wanted = PAGE;

  /** @param {PersonRollup[]} people */
  function render(people) {
    clear(body);
    for (const p of people) {
      const name = el("button", { type: "button", class: "link-button person-open", title: "Show every session" }, p.name || p.email || p.user_id || "(no name)");
      name.addEventListener("click", () => openPerson(p));
      body.appendChild(
        el(
          "tr",
          {},
          el("td", { class: "person-cell" }, name, p.email && p.email !== name.textContent ? el("span", { class: "person-email" }, p.email) : null),
          el("td", { class: "numeric" }, formatCount(p.sessions)),
          el("td", { class: "numeric" }, formatCount(p.rooms)),
          el("td", { class: "numeric" }, formatMinutes(p.minutes)),
          el("td", { class: "numeric" }, formatPercentPoints(p.engagement_pct)),
          el("td", { title: formatDateTime(p.first_seen) }, formatDate(p.first_seen)),
          el("td", { title: formatDateTime(p.last_seen) }, formatDate(p.last_seen)),
          el("td", {}, p.roles.join(", ")),
        ),
      );
    }
  }

  async function refresh() {
    const mine = ++asked;
    element.dataset.state = "loading";
    try {
      const view = await commands.libraryPeople({ range: range.range(), search: search.value, order: /** @type {any} */ (order.value), shown: wanted });
      if (mine !== asked) return;
      render(view.people);
      const shown = view.people.length;
      const searching = search.value.trim().length >= 3;
      const parts = [
        shown < view.matched ? `Showing the first ${formatCount(shown)} of ${plural(view.matched, "person", "people")}` : `Showing ${plural(view.matched, "person", "people")}`,
        searching ? `matching “${search.value.trim()}” of ${formatCount(view.total)}` : null,
        view.undated > 0 ? `${plural(view.undated, "attendance")} left out: no kept Room data report dates their session` : null,
        zoneSentence(),
      ];
      count.textContent = parts.filter(Boolean).join(" · ");
      table.hidden = shown === 0;
      empty.hidden = shown > 0;
      moreRow.hidden = shown >= view.matched || shown >= MOST;
      more.textContent = `Show ${formatCount(Math.min(PAGE, view.matched - shown))} more`;
      empty.querySelector(".empty-title").textContent = view.total === 0 ? "No people yet" : "Nobody matches";
      element.dataset.state = "done";
    } catch (error) {
      if (mine !== asked) return;
      element.dataset.state = "error";
      showError(error);
    }
  }

  /** Opens the sheet with every session of `p` in the range. @param {PersonRollup} p */
  function openPerson(p) {
    const content = el("div", { class: "drilldown-content", id: "person-sessions", role: "status" }, el("p", { class: "person-meta" }, "Loading sessions…"));
    const done = el("button", { type: "button", id: "person-done", class: "primary", on: { click: () => sheet.close() } }, "Done");
    const meta = el("p", { class: "person-meta", id: "person-meta" }, [p.email, p.user_id && p.user_id !== p.email ? `User ID ${p.user_id}` : null].filter(Boolean).join(" · "));
    const sheet = openSheet({ id: "person-sheet", title: p.name || p.email || p.user_id, body: [meta, content], footer: [done], wide: true, initialFocus: "#person-done", root: document.body });
    commands
      .libraryPersonSessions({ range: range.range(), person: p.person })
      .then((sessions) => {
        clear(content);
        content.removeAttribute("role");
        content.appendChild(el("h3", { class: "card-label" }, `${plural(sessions.length, "session")} · ${formatMinutes(p.minutes)} · ${zoneSentence()}`));
        content.appendChild(
          plainTable(
            "person-sessions-table",
            "Sessions attended",
            ["Session start", "Room", "Role", "Participation time", "Engagement rate", "Session ID"],
            [false, false, false, true, true, false],
            sessions.map((s) => [formatDateTime(s.session_start), s.room_name || s.room_id, s.role, formatMinutes(s.minutes), formatPercentPoints(s.engagement_pct), s.session_id]),
          ),
        );
      })
      .catch((error) => {
        clear(content);
        content.appendChild(el("p", { class: "test-result", "data-result": "failed", role: "alert" }, error.message));
      });
  }

  /** Asks again from the first page (a new search, order or range). */
  function refreshFromTop() {
    wanted = PAGE;
    return refresh();
  }

  more.addEventListener("click", async () => {
    wanted = Math.min(wanted + PAGE, MOST);
    const before = body.rows.length;
    await refresh();
    // Keyboard users land on the first person just added, not back at the top.
    body.rows[before]?.querySelector("button")?.focus();
  });

  let typing = 0;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = window.setTimeout(refreshFromTop, 200);
  });
  order.addEventListener("change", refreshFromTop);
  range.select.addEventListener("change", refreshFromTop);

  return { element, refresh };
}
