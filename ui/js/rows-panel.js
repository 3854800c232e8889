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
import { displayColumns } from "./columns.js";
import { formatCount, formatRangeDays, plural, zoneSentence } from "./format.js";
import { metaFor, personOf, rowNoun } from "./report-meta.js";

const SEARCH_DELAY_MS = 250;
/** A page slower than this (a sort or search of a large report kept in the library) is said. */
const BUSY_AFTER_MS = 400;

const FIRST_TITLE = "No report yet";
const FIRST_TEXT =
  "Choose a report and a date range above, then press Fetch. You can also open a CSV file you downloaded from Kaltura, or drop it on this window.";

/**
 * Adds the panel (#table-panel) to `root`. options.usesFilters(): whether the last fetch was
 * narrowed by filters (for the empty text); options.store: the page's store, for the reports'
 * metadata (search minimum, row nouns, first sort, person columns). A page of rows that cannot
 * be loaded is told in the banner. options.onSearch(text): the search now applied ("" for none).
 * @param {HTMLElement} root
 * @param {{ usesFilters: () => boolean, onSearch?: (text: string) => unknown, store: import("./store.js").Store<import("./store.js").AppState> }} options
 */
export function mountRowsPanel(root, options) {
  const { store } = options;
  /** The metadata of the report on screen, or of `kind`. @param {string} [kind] */
  const meta = (kind) => metaFor(store.get().reports, kind ?? report?.kind ?? "");
  /** Letters the search needs: the same for every report, so the first report's. */
  const searchMin = () => store.get().reports[0]?.search_min ?? 3;
  const tableHost = el("div", { id: "rows-table" });
  const search = el("input", {
    type: "search",
    id: "search",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "search-hint",
    disabled: true,
  });
  const searchHint = el("span", { class: "search-hint", id: "search-hint", "aria-live": "polite" });
  const describeSearch = () => {
    search.placeholder = `Search by name — ${searchMin()} letters or more`;
  };
  describeSearch();
  const stopHearing = store.subscribe(describeSearch, ["reports"]);
  const rowCount = el("p", { class: "row-count", id: "row-count", "aria-live": "polite" });
  const zone = el("p", { class: "zone", id: "zone" });
  const busy = el("p", { class: "rows-busy", id: "rows-busy", role: "status", hidden: true });
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
      busy,
    ),
    el("div", { class: "table-area" }, tableHost, empty),
  );
  const onError = (error) => showError(error);

  let report = null;
  let activeSearch = "";
  let searchTimer = 0;

  const table = new VirtualTable(tableHost, {
    label: "Report rows",
    // Rows about one person (the report names person columns) open their sessions.
    isActivatable: () => (meta()?.person.length ?? 0) > 0,
    onActivate: (row) => {
      if (!report) return;
      const person = personOf(meta(), report.columns, row);
      if (person) mountDrilldown(document.body, { reportId: report.report_id, userId: person });
    },
    onSort: () => reload(),
    onError,
  });

  function setEmpty(title, text) {
    emptyTitle.textContent = title;
    emptyText.textContent = text;
  }

  function explainNoRows(info, all, searchText) {
    const many = rowNoun(meta(info.kind), 2);
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
    rowCount.textContent = `Showing ${formatCount(total)} of ${formatCount(all)} ${rowNoun(meta(info.kind), all)}`;
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
      sayingWhenSlow(
        () =>
          commands
            .queryRows({
              report_id: info.report_id,
              sort: sort ? { column: sort.column, direction: sort.descending ? "desc" : "asc" } : null,
              search: searchText,
              offset,
              limit,
            })
            .then((page) => ({ rows: page.rows, total: page.matched, all: page.total })),
        info.row_count,
      ),
    );
    if (counts && report === info) renderCounts(info, counts, searchText);
  }

  let pending = 0;
  let busyTimer = 0;
  /**
   * `work` (a page asked of Rust), saying "Going through the rows…" while it takes longer than
   * BUSY_AFTER_MS.
   * @template T @param {() => Promise<T>} work @param {number} rows @returns {Promise<T>}
   */
  function sayingWhenSlow(work, rows) {
    pending += 1;
    if (pending === 1) {
      busyTimer = window.setTimeout(() => {
        busy.textContent = `Going through ${formatCount(rows)} ${rowNoun(meta(), rows)}…`;
        busy.hidden = false;
        panel.setAttribute("aria-busy", "true");
      }, BUSY_AFTER_MS);
    }
    return work().finally(() => {
      pending -= 1;
      if (pending === 0) {
        clearTimeout(busyTimer);
        busy.hidden = true;
        busy.textContent = "";
        panel.removeAttribute("aria-busy");
      }
    });
  }

  function reloadShowingErrors() {
    reload().catch(onError);
  }

  function applySearch(now) {
    clearTimeout(searchTimer);
    const text = search.value.trim();
    const effective = text.length >= searchMin() ? text : "";
    const missing = searchMin() - text.length;
    searchHint.textContent = text.length > 0 && missing > 0 ? `Type ${plural(missing, "more letter", "more letters")} to search` : "";
    if (effective === activeSearch) return;
    const run = () => {
      activeSearch = effective;
      options.onSearch?.(effective);
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
      rowCount.textContent = "";
      clearTimeout(searchTimer);
      search.value = "";
      searchHint.textContent = "";
      activeSearch = "";
      zone.textContent = info.zone ? `Times in ${info.zone}` : zoneSentence();
      search.disabled = false;
      tableHost.hidden = false;
      const known = meta(info.kind);
      const columns = displayColumns(info.columns, known?.shown_first);
      const first = known?.default_sort;
      table.setColumns(
        columns,
        first && columns.some((c) => c.key === first.column) ? { column: first.column, descending: first.direction === "desc" } : null,
      );
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
      stopHearing();
      clearTimeout(searchTimer);
      report = null;
      table.dispose();
      panel.remove();
    },
  };
}
