// The panel under the cards: the search box ("3 letters or more"), the zone sentence, the row
// count, the virtual table fed page by page from Rust's `query_rows`, and the empty state that
// says why there are no rows and what to try. It shows one report at a time; a person's row of an
// Attendees report opens the drill-down.
// It does not fetch or open reports and does not sort or search itself (Rust does).

import { el } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { mountDrilldown } from "./drilldown.js";
import { VirtualTable } from "./virtual-table.js";
import { displayColumns, ROW_NOUNS, DEFAULT_SORT } from "./columns.js";
import { formatCount, formatRangeDays, plural, zoneSentence } from "./format.js";

const SEARCH_MIN = 3;
const SEARCH_DELAY_MS = 250;

const FIRST_TITLE = "No report yet";
const FIRST_TEXT =
  "Choose a report and a date range above, then press Fetch. You can also open a CSV file you downloaded from Kaltura, or drop it on this window.";

/**
 * Adds the panel (#table-panel) to `root`. options.usesFilters(): whether the last fetch was
 * narrowed by filters (for the empty text). A page of rows that cannot be loaded is told in the banner.
 * @param {HTMLElement} root
 * @param {{ usesFilters: () => boolean }} options
 */
export function mountRowsPanel(root, options) {
  const tableHost = el("div", { id: "rows-table" });
  const search = el("input", {
    type: "search",
    id: "search",
    placeholder: `Search by name — ${SEARCH_MIN} letters or more`,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "search-hint",
    disabled: true,
  });
  const searchHint = el("span", { class: "search-hint", id: "search-hint", "aria-live": "polite" });
  const rowCount = el("p", { class: "row-count", id: "row-count", "aria-live": "polite" });
  const zone = el("p", { class: "zone", id: "zone" });
  const emptyTitle = el("p", { class: "empty-title", id: "table-empty-title" }, FIRST_TITLE);
  const emptyText = el("p", { class: "empty-text", id: "table-empty-text" }, FIRST_TEXT);
  const empty = el("div", { class: "empty-state", id: "table-empty" }, emptyTitle, emptyText);
  const panel = el(
    "section",
    { class: "table-panel", id: "table-panel", "aria-labelledby": "row-count" },
    el(
      "div",
      { class: "table-toolbar" },
      el("div", { class: "search-field" }, el("label", { for: "search", class: "visually-hidden" }, "Search by name"), search, searchHint),
      zone,
      rowCount,
    ),
    el("div", { class: "table-area" }, tableHost, empty),
  );
  const onError = (error) => showError(error);

  let report = null;
  let activeSearch = "";
  let searchTimer = 0;

  const table = new VirtualTable(tableHost, {
    label: "Report rows",
    isActivatable: () => report?.kind === "attendees",
    onActivate: (row) => {
      // Rust finds the person by user ID, or by e-mail or name when the file has no user ID.
      const value = (key) => {
        const at = report.columns.findIndex((c) => c.key === key);
        return at >= 0 && row[at] !== null && row[at] !== undefined ? String(row[at]) : "";
      };
      const person = value("user_id") || value("user_email") || value("user_name");
      if (person) mountDrilldown(document.body, { reportId: report.report_id, userId: person, name: value("user_name") });
    },
    onSort: () => reload(),
    onError,
  });

  function setEmpty(title, text) {
    emptyTitle.textContent = title;
    emptyText.textContent = text;
  }

  function explainNoRows(info, all, searchText) {
    const many = (ROW_NOUNS[info.kind] ?? ["row", "rows"])[1];
    if (all > 0 && searchText) {
      setEmpty(`No names match “${searchText}”`, "Check the spelling, try part of the name or the e-mail address, or clear the search box.");
    } else if (info.source?.type === "fetch") {
      const span = formatRangeDays(info.source.from_unix, info.source.to_unix);
      setEmpty(`No ${many} between ${span}`, options.usesFilters() ? "Try a longer date range, or remove some filters." : "Try a longer date range.");
    } else {
      setEmpty("This file has no rows", "The file was read, but it holds no rows Roomlens could keep. Open another report file or fetch from Kaltura.");
    }
  }

  function renderCounts(info, { total, all }, searchText) {
    const [one, many] = ROW_NOUNS[info.kind] ?? ["row", "rows"];
    rowCount.textContent = `Showing ${formatCount(total)} of ${formatCount(all)} ${all === 1 ? one : many}`;
    empty.hidden = total > 0;
    empty.classList.add("below-header");
    if (total === 0) explainNoRows(info, all, searchText);
  }

  /** Loads the first page for the current report, sort and search. Rejects if Rust fails. */
  async function reload() {
    if (!report) return;
    const info = report;
    const searchText = activeSearch;
    const counts = await table.load(({ offset, limit, sort }) =>
      commands
        .queryRows({
          report_id: info.report_id,
          sort: sort ? { column: sort.column, direction: sort.descending ? "desc" : "asc" } : null,
          search: searchText,
          offset,
          limit,
        })
        .then((page) => ({ rows: page.rows, total: page.matched, all: page.total })),
    );
    if (counts && report === info) renderCounts(info, counts, searchText);
  }

  function reloadShowingErrors() {
    reload().catch(onError);
  }

  function applySearch(now) {
    clearTimeout(searchTimer);
    const text = search.value.trim();
    const effective = text.length >= SEARCH_MIN ? text : "";
    const missing = SEARCH_MIN - text.length;
    searchHint.textContent = text.length > 0 && missing > 0 ? `Type ${plural(missing, "more letter", "more letters")} to search` : "";
    if (effective === activeSearch) return;
    const run = () => {
      activeSearch = effective;
      reloadShowingErrors();
    };
    if (now) run();
    else searchTimer = setTimeout(run, SEARCH_DELAY_MS);
  }

  search.addEventListener("input", () => applySearch(false));
  search.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      applySearch(true);
    }
  });

  zone.textContent = zoneSentence();
  tableHost.hidden = true;
  root.appendChild(panel);

  return {
    /** Shows a new report (ReportInfo) with its default sort and no search. */
    async show(info) {
      report = info;
      clearTimeout(searchTimer);
      search.value = "";
      searchHint.textContent = "";
      activeSearch = "";
      zone.textContent = info.zone ? `Times in ${info.zone}` : zoneSentence();
      search.disabled = false;
      tableHost.hidden = false;
      const columns = displayColumns(info.kind, info.columns);
      const preferred = DEFAULT_SORT[info.kind];
      table.setColumns(columns, preferred && columns.some((c) => c.key === preferred.column) ? { ...preferred } : null);
      await reload();
    },
    /** While the first report is fetched: the empty table says so. */
    fetching(kindTitle) {
      if (!report) setEmpty(`Fetching ${kindTitle.toLowerCase()}…`, "The rows appear here when the fetch is done. You can cancel at any time.");
    },
    /** After a fetch that brought nothing new: the empty table goes back to its first words. */
    idle() {
      if (!report) setEmpty(FIRST_TITLE, FIRST_TEXT);
    },
    /** The search box, for Ctrl/⌘+F. */
    searchBox: search,
    element: panel,
    unmount() {
      clearTimeout(searchTimer);
      report = null;
      table.dispose();
      panel.remove();
    },
  };
}
