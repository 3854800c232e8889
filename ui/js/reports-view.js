// The Reports screen: the one row of controls (report, date range, filters, Fetch), the progress
// bar with Cancel, the source and read/kept/rejected line, summary cards, and the rows table with
// search and count. It shows whatever report Rust hands it (fetched, opened or dropped).
// It does not read files, talk to Kaltura or compute figures; Rust does all of that.

import { byId, el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError, showInfo, dismissBanner } from "./banner.js";
import { setStatus } from "./status.js";
import { VirtualTable } from "./virtual-table.js";
import { displayColumns, ROW_NOUNS, REPORT_TITLES, DEFAULT_SORT } from "./columns.js";
import { renderCards } from "./summary-cards.js";
import { openDrilldown } from "./drilldown.js";
import { openExportSheet } from "./export-sheet.js";
import { parseIdList, acceptPastedLists } from "./id-list.js";
import { enterSubmits } from "./forms.js";
import { formatCount, formatRangeDays, formatIsoDate, isoDateDaysAgo, plural, zoneSentence } from "./format.js";

const SEARCH_MIN = 3;
// Error codes whose fix is in Settings, and those that may pass if the fetch is simply tried again.
const ACCOUNT_PROBLEMS = ["credentials_rejected", "invalid_partner_id", "secret_not_found", "invalid_service_url", "permission_denied", "keychain_unavailable"];
const PASSING_PROBLEMS = ["network_unreachable", "network_timeout", "server_unavailable", "rate_limited", "kaltura_timeout", "kaltura_internal_error", "bad_response", "deadline_exceeded"];
const SEARCH_DELAY_MS = 250;

// Which filters each report accepts (Kaltura's own list per report).
const FILTERS_BY_KIND = {
  room_data: ["room_ids", "virtual_event_ids"],
  attendees: ["room_ids", "user_ids", "session_ids", "virtual_event_ids"],
  breakouts: ["main_room_ids", "virtual_event_ids"],
};
const FILTER_INPUTS = {
  room_ids: "filter-room-ids",
  main_room_ids: "filter-main-room-ids",
  session_ids: "filter-session-ids",
  user_ids: "filter-user-ids",
  virtual_event_ids: "filter-virtual-event-ids",
};

/**
 * Builds the Reports screen. context.currentAccount() returns the selected Account;
 * context.exportDefaults() the current export options; context.onChange() runs when the form
 * changes (to remember the last view); context.openSettings() shows Settings.
 */
export function createReportsView(context) {
  const main = byId("main");
  const form = byId("report-form");
  const kindSelect = byId("report-kind");
  const rangeSelect = byId("date-range");
  const fromInput = byId("date-from");
  const toInput = byId("date-to");
  const filtersToggle = byId("filters-toggle");
  const filtersPanel = byId("filters");
  const filtersCount = byId("filters-count");
  const fetchButton = byId("fetch");
  const progressBox = byId("progress");
  const progressBar = byId("progress-bar");
  const progressText = byId("progress-text");
  const cancelButton = byId("cancel");
  const sourceLine = byId("report-source");
  const readStats = byId("read-stats");
  const summary = byId("summary");
  const search = byId("search");
  const searchHint = byId("search-hint");
  const rowCount = byId("row-count");
  const zone = byId("zone");
  const empty = byId("table-empty");
  const emptyTitle = byId("table-empty-title");
  const emptyText = byId("table-empty-text");
  const saveButton = byId("save-csv");
  const openButton = byId("open-csv");

  let report = null; // ReportInfo now on screen
  let activeSearch = "";
  let searchTimer = 0;
  let fetching = false;

  const table = new VirtualTable(byId("rows-table"), {
    label: "Report rows",
    isActivatable: () => report?.kind === "attendees",
    onActivate: (row) => {
      // Rust finds the person by user ID, or by e-mail or name when the file has no user ID.
      const value = (key) => {
        const at = report.columns.findIndex((c) => c.key === key);
        return at >= 0 && row[at] !== null && row[at] !== undefined ? String(row[at]) : "";
      };
      const person = value("user_id") || value("user_email") || value("user_name");
      if (person) openDrilldown(report.report_id, person, value("user_name"));
    },
    onSort: () => reloadRows(),
    onError: (error) => showError(error),
  });

  // ---------- form ----------

  function setState(state) {
    main.dataset.state = state;
  }

  function syncRangeFields() {
    const custom = rangeSelect.value === "custom";
    byId("custom-from-field").hidden = !custom;
    byId("custom-to-field").hidden = !custom;
    if (custom) {
      if (!toInput.value) toInput.value = isoDateDaysAgo(0);
      if (!fromInput.value) fromInput.value = isoDateDaysAgo(29);
    }
    const today = isoDateDaysAgo(0);
    fromInput.max = today;
    toInput.max = today;
  }

  function syncFilterFields() {
    const allowed = FILTERS_BY_KIND[kindSelect.value] ?? [];
    for (const field of filtersPanel.querySelectorAll("[data-filter]")) {
      field.hidden = !allowed.includes(field.dataset.filter);
    }
    const used = allowed.filter((name) => parseIdList(byId(FILTER_INPUTS[name]).value).length > 0).length;
    filtersCount.textContent = used ? String(used) : "";
    filtersCount.hidden = used === 0;
    filtersToggle.setAttribute("aria-label", used ? `Filters, ${used} in use` : "Filters");
  }

  function filters() {
    const allowed = FILTERS_BY_KIND[kindSelect.value] ?? [];
    const out = {};
    for (const name of Object.keys(FILTER_INPUTS)) {
      out[name] = allowed.includes(name) ? parseIdList(byId(FILTER_INPUTS[name]).value) : [];
    }
    return out;
  }

  function rangeChoice() {
    if (rangeSelect.value === "custom") return { custom: { from: fromInput.value, to: toInput.value } };
    return { last_days: Number(rangeSelect.value) };
  }

  /** A plain sentence if the form cannot be sent as it is; null when it can. */
  function formProblem() {
    fromInput.removeAttribute("aria-invalid");
    toInput.removeAttribute("aria-invalid");
    if (rangeSelect.value !== "custom") return null;
    if (!fromInput.value || !toInput.value) {
      (fromInput.value ? toInput : fromInput).setAttribute("aria-invalid", "true");
      return { field: fromInput.value ? toInput : fromInput, message: "Choose both dates for a custom range." };
    }
    if (fromInput.value > toInput.value) {
      fromInput.setAttribute("aria-invalid", "true");
      return { field: fromInput, message: `The start date (${formatIsoDate(fromInput.value)}) is after the end date (${formatIsoDate(toInput.value)}). Swap them or pick new dates.` };
    }
    return null;
  }

  filtersToggle.addEventListener("click", () => {
    const open = filtersToggle.getAttribute("aria-expanded") !== "true";
    filtersToggle.setAttribute("aria-expanded", String(open));
    filtersPanel.hidden = !open;
    if (open) filtersPanel.querySelector(".field:not([hidden]) input")?.focus();
    context.onChange();
  });
  for (const id of Object.values(FILTER_INPUTS)) {
    const input = byId(id);
    acceptPastedLists(input);
    input.addEventListener("input", () => {
      syncFilterFields();
      context.onChange();
    });
  }
  kindSelect.addEventListener("change", () => {
    syncFilterFields();
    context.onChange();
  });
  rangeSelect.addEventListener("change", () => {
    syncRangeFields();
    context.onChange();
  });
  fromInput.addEventListener("change", () => context.onChange());
  toInput.addEventListener("change", () => context.onChange());
  enterSubmits(form);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    runFetch();
  });

  const EMPTY_TITLE = emptyTitle.textContent;
  const EMPTY_TEXT = emptyText.textContent;

  function setEmpty(title, text) {
    emptyTitle.textContent = title;
    emptyText.textContent = text;
  }

  // ---------- fetch ----------

  function progressWords(kindTitle, p) {
    const rows = plural(p?.rows_so_far ?? 0, "row");
    if (!p || !p.windows_total) return `Fetching ${kindTitle.toLowerCase()} — starting…`;
    return `Fetching ${kindTitle.toLowerCase()} — ${formatCount(p.windows_done)} of ${plural(p.windows_total, "time window")}, ${rows}`;
  }

  function showProgress(kindTitle, p) {
    progressText.textContent = progressWords(kindTitle, p);
    if (p && p.windows_total) {
      progressBar.max = p.windows_total;
      progressBar.value = p.windows_done;
    } else {
      progressBar.removeAttribute("value");
    }
  }

  async function runFetch() {
    if (fetching) return;
    const problem = formProblem();
    if (problem) {
      showError({ code: "invalid_input", message: problem.message });
      problem.field.focus();
      return;
    }
    const account = context.currentAccount();
    if (!account) {
      showError({ code: "invalid_input", message: "Choose an account in the sidebar first, or add one in Settings." });
      return;
    }
    dismissBanner();
    const kind = kindSelect.value;
    const kindTitle = REPORT_TITLES[kind] ?? "report";
    fetching = true;
    setState("fetching");
    fetchButton.disabled = true;
    cancelButton.disabled = false;
    cancelButton.textContent = "Cancel";
    progressBox.hidden = false;
    showProgress(kindTitle, null);
    if (!report) setEmpty(`Fetching ${kindTitle.toLowerCase()}…`, "The rows appear here when the fetch is done. You can cancel at any time.");
    setStatus("");
    const request = { account_id: account.id, kind, range: rangeChoice(), filters: filters() };
    try {
      const info = await commands.fetchReport(request, (p) => showProgress(kindTitle, p));
      await showReport(info);
    } catch (error) {
      if (error.code === "cancelled") {
        showInfo(error.message || "Fetch cancelled. Nothing was saved.", { code: "cancelled" });
        setState(report ? "done" : "idle");
      } else {
        showError(error, actionFor(error));
        setState("error");
      }
    } finally {
      if (!report) setEmpty(EMPTY_TITLE, EMPTY_TEXT);
      const focusWasInProgress = progressBox.contains(document.activeElement);
      fetching = false;
      fetchButton.disabled = false;
      progressBox.hidden = true;
      if (focusWasInProgress) fetchButton.focus();
    }
  }

  function actionFor(error) {
    if (ACCOUNT_PROBLEMS.includes(error.code)) return { action: { label: "Open Settings", run: context.openSettings } };
    if (PASSING_PROBLEMS.includes(error.code)) return { action: { label: "Try again", run: runFetch } };
    return {};
  }

  cancelButton.addEventListener("click", async () => {
    cancelButton.disabled = true;
    cancelButton.textContent = "Cancelling…";
    try {
      await commands.cancelFetch();
    } catch (error) {
      showError(error);
    }
  });

  // ---------- showing a report ----------

  function sourceWords(info) {
    const title = info.title || REPORT_TITLES[info.kind] || "Report";
    const src = info.source ?? {};
    if (src.type === "file") return `${title} · opened from ${src.file_name}`;
    if (src.type === "fetch") return `${title} · ${src.account_name} · ${formatRangeDays(src.from_unix, src.to_unix)}`;
    return title;
  }

  function renderReadStats(info) {
    clear(readStats);
    const warnings = info.warnings ?? [];
    const stats = info.read_stats;
    if (!stats && warnings.length === 0) {
      readStats.hidden = true;
      return;
    }
    if (stats) {
      const fileName = info.source?.file_name;
      readStats.append(
        el("span", {}, "Read ", el("strong", {}, plural(stats.rows_read, "row")), fileName ? ` from ${fileName}` : ""),
        el("span", {}, "kept ", el("strong", { id: "rows-kept" }, formatCount(stats.rows_kept))),
        el("span", {}, "rejected ", el("strong", { id: "rows-rejected" }, formatCount(stats.rows_rejected))),
      );
    }
    if (warnings.length) {
      readStats.append(
        el(
          "details",
          { id: "read-warnings" },
          el("summary", {}, stats ? `Why rows were rejected (${formatCount(warnings.length)})` : `${plural(warnings.length, "note")} about this fetch`),
          el("ul", {}, warnings.map((w) => el("li", {}, w))),
        ),
      );
    }
    readStats.hidden = false;
  }

  /**
   * Shows a report Rust has just fetched or opened (ReportInfo). The time from its arrival to its
   * first rows on screen is left as the performance measure "roomlens:rows-shown" for benchmarks.
   */
  async function showReport(info) {
    performance.clearMarks("roomlens:report-arrived");
    performance.mark("roomlens:report-arrived");
    report = info;
    dismissBanner();
    sourceLine.textContent = sourceWords(info);
    zone.textContent = info.zone ? `Times in ${info.zone}` : zoneSentence();
    renderReadStats(info);
    saveButton.disabled = false;
    search.disabled = false;
    byId("rows-table").hidden = false;
    const columns = displayColumns(info.kind, info.columns);
    const preferred = DEFAULT_SORT[info.kind];
    const sort = preferred && columns.some((c) => c.key === preferred.column) ? { ...preferred } : null;
    table.setColumns(columns, sort);
    await Promise.all([loadSummary(info), reloadRows()]);
    performance.clearMeasures("roomlens:rows-shown");
    performance.measure("roomlens:rows-shown", "roomlens:report-arrived");
    if (report === info) setState("done");
  }

  async function loadSummary(info) {
    try {
      const result = await commands.reportSummary(info.report_id);
      if (report !== info) return;
      renderCards(summary, result?.cards ?? []);
    } catch (error) {
      summary.hidden = true;
      showError(error);
    }
  }

  async function reloadRows() {
    if (!report) return;
    const info = report;
    const searchText = activeSearch;
    try {
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
    } catch (error) {
      showError(error);
    }
  }

  function renderCounts(info, { total, all }, searchText) {
    const [one, many] = ROW_NOUNS[info.kind] ?? ["row", "rows"];
    rowCount.textContent = `Showing ${formatCount(total)} of ${formatCount(all)} ${all === 1 ? one : many}`;
    empty.hidden = total > 0;
    empty.classList.add("below-header");
    if (total > 0) return;
    if (all > 0 && searchText) {
      setEmpty(`No names match “${searchText}”`, "Check the spelling, try part of the name or the e-mail address, or clear the search box.");
    } else if (info.source?.type === "fetch") {
      const span = formatRangeDays(info.source.from_unix, info.source.to_unix);
      const filtered = Object.values(filters()).some((ids) => ids.length > 0);
      setEmpty(`No ${many} between ${span}`, filtered ? "Try a longer date range, or remove some filters." : "Try a longer date range.");
    } else {
      setEmpty("This file has no rows", "The file was read, but it holds no rows Roomlens could keep. Open another report file or fetch from Kaltura.");
    }
  }

  // ---------- search ----------

  function applySearch(now) {
    clearTimeout(searchTimer);
    const text = search.value.trim();
    const effective = text.length >= SEARCH_MIN ? text : "";
    searchHint.textContent = text.length > 0 && text.length < SEARCH_MIN ? `Type ${plural(SEARCH_MIN - text.length, "more letter", "more letters")} to search` : "";
    if (effective === activeSearch) return;
    const run = () => {
      activeSearch = effective;
      reloadRows();
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

  // ---------- files ----------

  saveButton.addEventListener("click", () => {
    if (report) openExportSheet(report.report_id, context.exportDefaults(), (report.title || REPORT_TITLES[report.kind] || "report").toLowerCase());
  });

  openButton.addEventListener("click", async () => {
    openButton.disabled = true;
    try {
      const info = await commands.openCsv();
      if (info) await openedFile(info);
    } catch (error) {
      showError(error);
      if (!report) setState("error");
    } finally {
      openButton.disabled = false;
    }
  });

  async function openedFile(info) {
    kindSelect.value = info.kind;
    syncFilterFields();
    await showReport(info);
    setStatus(`Opened ${info.source?.file_name ?? "the file"}.`);
  }

  // ---------- remembering the last view ----------

  function formState() {
    const values = {};
    for (const [name, id] of Object.entries(FILTER_INPUTS)) values[name] = byId(id).value;
    return {
      kind: kindSelect.value,
      range: rangeSelect.value,
      from: fromInput.value,
      to: toInput.value,
      filters: values,
      filters_open: filtersToggle.getAttribute("aria-expanded") === "true",
    };
  }

  function restore(state) {
    if (!state || typeof state !== "object") return;
    if (["room_data", "attendees", "breakouts"].includes(state.kind)) kindSelect.value = state.kind;
    if (["7", "30", "120", "365", "custom"].includes(String(state.range))) rangeSelect.value = String(state.range);
    if (typeof state.from === "string") fromInput.value = state.from;
    if (typeof state.to === "string") toInput.value = state.to;
    for (const [name, id] of Object.entries(FILTER_INPUTS)) {
      const value = state.filters?.[name];
      if (typeof value === "string") byId(id).value = value;
    }
    if (state.filters_open) {
      filtersToggle.setAttribute("aria-expanded", "true");
      filtersPanel.hidden = false;
    }
    syncRangeFields();
    syncFilterFields();
  }

  /** An account switch: the rows on screen belong to the old account only if they were fetched. */
  function accountChanged() {
    if (report?.source?.type === "fetch") setStatus("The table shows the previous account’s report until you fetch again.");
  }

  syncRangeFields();
  syncFilterFields();
  zone.textContent = zoneSentence();
  byId("rows-table").hidden = true;

  return {
    fetch: runFetch,
    openedFile,
    formState,
    restore,
    accountChanged,
  };
}
