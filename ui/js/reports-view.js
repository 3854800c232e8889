// The Reports screen as a whole: a submit of the controls becomes a fetch with progress and
// Cancel; a fetched, opened or dropped report becomes the source line, read counts, summary cards
// and rows; Save as CSV and Open CSV start their Rust commands. Its parts live in report-form,
// fetch-progress, report-source, summary-cards and rows-panel. It computes no figures itself.

import { byId } from "./dom.js";
import { commands } from "./backend.js";
import { showError, showInfo, dismissBanner } from "./banner.js";
import { setStatus } from "./status.js";
import { REPORT_TITLES } from "./columns.js";
import { renderCards } from "./summary-cards.js";
import { openDrilldown } from "./drilldown.js";
import { openExportSheet } from "./export-sheet.js";
import { createReportForm } from "./report-form.js";
import { createFetchProgress } from "./fetch-progress.js";
import { createRowsPanel } from "./rows-panel.js";
import { sourceWords, renderReadStats } from "./report-source.js";
import { actionFor } from "./error-actions.js";


/**
 * Builds the Reports screen. context.currentAccount() returns the selected Account;
 * context.exportDefaults() the current export options; context.onChange() runs when the form
 * changes (to remember the last view); context.openSettings() shows Settings;
 * context.onFetched(accountId, error | null) after each fetch (the sidebar shows reachability).
 */
export function createReportsView(context) {
  const main = byId("main");
  const fetchButton = byId("fetch");
  const sourceLine = byId("report-source");
  const readStats = byId("read-stats");
  const summary = byId("summary");
  const saveButton = byId("save-csv");
  const openButton = byId("open-csv");

  let report = null; // ReportInfo on screen
  let fetching = false;

  const form = createReportForm({ onChange: () => context.onChange(), onSubmit: () => runFetch() });
  const progress = createFetchProgress();
  let reading = null; // the file name while a file is being read
  const rows = createRowsPanel({
    onPerson: openDrilldown,
    onError: (error) => showError(error),
    usesFilters: () => form.usesFilters(),
  });

  function setState(state) {
    main.dataset.state = state;
  }

  /** Banner options for a failed fetch: the action its category calls for. */
  function fetchFailedOptions(error) {
    const action = actionFor(error, { settings: context.openSettings, retry: runFetch });
    return action ? { action } : {};
  }

  async function runFetch() {
    if (fetching) return;
    const problem = form.problem();
    if (problem) {
      showError({ code: "invalid_input", category: "input", message: problem.message });
      problem.field.focus();
      return;
    }
    const account = context.currentAccount();
    if (!account) {
      showError({ code: "invalid_input", category: "input", message: "Choose an account in the sidebar first, or add one in Settings." });
      return;
    }
    dismissBanner();
    setStatus("");
    context.onChange();
    const kind = form.kind();
    const kindTitle = REPORT_TITLES[kind] ?? "report";
    fetching = true;
    setState("fetching");
    fetchButton.disabled = true;
    progress.start(kindTitle, () => commands.cancelFetch().catch((error) => showError(error)));
    rows.fetching(kindTitle);
    const request = { account_id: account.id, kind, range: form.range(), filters: form.filters() };
    try {
      const info = await commands.fetchReport(request, progress.update);
      context.onFetched(account.id, null);
      await showReport(info);
    } catch (error) {
      context.onFetched(account.id, error);
      if (error.category === "cancelled") {
        showInfo(error.message || "Fetch cancelled. Nothing was saved.", { code: "cancelled" });
        setState(report ? "done" : "idle");
      } else {
        showError(error, fetchFailedOptions(error));
        setState("error");
      }
    } finally {
      rows.idle();
      fetching = false;
      fetchButton.disabled = false;
      if (progress.finish()) fetchButton.focus();
    }
  }

  async function loadSummary(info) {
    try {
      const result = await commands.reportSummary(info.report_id);
      if (report === info) renderCards(summary, result?.cards ?? []);
    } catch (error) {
      summary.hidden = true;
      showError(error);
    }
  }

  async function loadRows(info) {
    try {
      await rows.show(info);
    } catch (error) {
      showError(error);
    }
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
    renderReadStats(readStats, info);
    saveButton.disabled = false;
    await Promise.all([loadSummary(info), loadRows(info)]);
    performance.clearMeasures("roomlens:rows-shown");
    performance.measure("roomlens:rows-shown", "roomlens:report-arrived");
    if (report === info) setState("done");
  }

  /** A report file Rust has read (Open CSV… or a drop). */
  async function openedFile(info) {
    form.setKind(info.kind);
    await showReport(info);
    setStatus(`Opened ${info.source?.file_name ?? "the file"}.`);
  }

  saveButton.addEventListener("click", () => {
    if (!report) return;
    const what = (report.title || REPORT_TITLES[report.kind] || "report").toLowerCase();
    openExportSheet(report.report_id, context.exportDefaults(), what);
  });

  /** How far Rust has read a report file (opened or dropped): the progress box with Cancel. */
  function fileReading(p) {
    if (reading !== p?.file_name) {
      reading = p?.file_name ?? "";
      setState("reading");
      progress.startReading(reading, () => commands.cancelOpen().catch((error) => showError(error)));
    }
    progress.update(p);
  }

  function readingEnded() {
    if (reading === null) return;
    reading = null;
    if (progress.finish()) openButton.focus();
  }

  /** A report file could not be read: say why; the report on screen (if any) stays. */
  function fileFailed(error) {
    readingEnded();
    if (error?.category === "cancelled") {
      showInfo("Reading the file was cancelled. The report on screen is unchanged.", { code: "cancelled" });
      setState(report ? "done" : "idle");
      return;
    }
    const action = actionFor(error, { choose_file: () => openButton.click() });
    showError(error, action ? { action } : {});
    setState(report ? "done" : "error");
  }

  openButton.addEventListener("click", async () => {
    openButton.disabled = true;
    try {
      // null: the person cancelled the dialog; what was on screen stays exactly as it was.
      const info = await commands.openCsv(fileReading);
      readingEnded();
      if (info) await openedFile(info);
    } catch (error) {
      fileFailed(error);
    } finally {
      openButton.disabled = false;
    }
  });

  return {
    fetch: runFetch,
    fileReading,
    openedFile(info) {
      readingEnded();
      return openedFile(info);
    },
    fileFailed,
    formState: () => form.state(),
    restore: (saved) => form.restore(saved),
    /** An account switch: fetched rows on screen belong to the account they came from. */
    accountChanged() {
      if (report?.source?.type === "fetch") setStatus("The table shows the previous account’s report until you fetch again.");
    },
  };
}
