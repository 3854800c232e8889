// The Reports screen as a whole: a submit of the controls becomes a fetch with progress and
// Cancel; a fetched, opened or dropped report becomes the store's report and the source line, read
// counts, summary cards and rows; Save as CSV and Open CSV start their Rust commands. Its parts are
// components of their own (report-form, fetch-progress, summary-cards, rows-panel) mounted in it.
// It reads the current account and export defaults from the store and computes no figures itself.

import { el } from "./dom.js";
import { commands } from "./backend.js";
import { showError, showInfo, dismissBanner } from "./banner.js";
import { setStatus } from "./status.js";
import { metaFor } from "./report-meta.js";
import { mountSummaryCards } from "./summary-cards.js";
import { mountExportSheet } from "./export-sheet.js";
import { mountPdfSheet } from "./pdf-sheet.js";
import { mountEmailSheet } from "./email-sheet.js";
import { mountReportForm } from "./report-form.js";
import { mountFetchProgress } from "./fetch-progress.js";
import { mountRowsPanel } from "./rows-panel.js";
import { mountReportCharts } from "./report-charts.js";
import { sourceWords, renderReadStats } from "./report-source.js";
import { actionFor } from "./error-actions.js";
import { noteFetch } from "./accounts.js";
import { installShortcuts } from "./shortcuts.js";
import { currentAccount } from "./store.js";
import { formatRangeDays } from "./format.js";

/**
 * Adds the Reports screen to `root` (hidden until the router shows it). `stateHost` is the element
 * whose data-state says what the screen is doing — "idle", "fetching", "reading", "done" or "error"
 * — for the tests and benchmarks that wait on it (the page's <main>).
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore, stateHost: HTMLElement }} options
 */
export function mountReportsView(root, { store, stateHost }) {
  const sourceLine = el("p", { class: "view-subtitle", id: "report-source" }, "Choose a report and a date range, then Fetch.");
  const openButton = el("button", { type: "button", id: "open-csv" }, "Open CSV…");
  const saveButton = el("button", { type: "button", id: "save-csv", disabled: true }, "Save as CSV…");
  const pdfButton = el("button", { type: "button", id: "save-pdf", disabled: true, title: "The summary, the charts and the table as a PDF to print or forward" }, "Save as PDF…");
  const emailButton = el("button", { type: "button", id: "send-email", disabled: true, title: "Kaltura e-mails you a link to this report as CSV" }, "Send to my e-mail…");
  const readStats = el("p", { class: "read-stats", id: "read-stats", hidden: true });
  const element = el(
    "section",
    { class: "view", id: "view-reports", "aria-labelledby": "reports-title", hidden: true },
    el(
      "header",
      { class: "view-header" },
      el("div", { class: "view-heading" }, el("h1", { id: "reports-title" }, "Reports"), sourceLine),
      el("div", { class: "view-actions" }, openButton, saveButton, pdfButton, emailButton),
    ),
  );
  root.appendChild(element);

  let fetching = false;
  let reading = null; // the file name while a file is being read

  const form = mountReportForm(element, { store, onSubmit: () => runFetch() });
  const progress = mountFetchProgress(element);
  element.appendChild(readStats);
  const cards = mountSummaryCards(element);
  const charts = mountReportCharts(element, { store });
  const rows = mountRowsPanel(element, {
    store,
    usesFilters: () => form.usesFilters(),
    onSearch: (text) => charts.search(text),
  });

  /** The report on screen. */
  const shownReport = () => store.get().report;
  const openSettings = () => store.set({ route: "settings" });

  function setState(state) {
    stateHost.dataset.state = state;
  }

  /** Banner options for a failed fetch: the action its category calls for. */
  function fetchFailedOptions(error) {
    const action = actionFor(error, { settings: openSettings, retry: runFetch });
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
    const account = currentAccount(store.get());
    if (!account) {
      showError({ code: "invalid_input", category: "input", message: "Choose an account in the sidebar first, or add one in Settings." });
      return;
    }
    dismissBanner();
    setStatus("");
    const kind = form.kind();
    const kindTitle = metaFor(store.get().reports, kind)?.title ?? "report";
    fetching = true;
    setState("fetching");
    form.setBusy(true);
    progress.start(kindTitle, () => commands.cancelFetch().catch((error) => showError(error)));
    rows.fetching(kindTitle);
    /** @type {import("../contract/FetchArgs").FetchArgs} */
    const request = { account_id: account.id, kind, range: form.range(), filters: form.filters() };
    try {
      const info = await commands.fetchReport(request, progress.update);
      noteFetch(store, account.id, null);
      await showReport(info);
    } catch (error) {
      noteFetch(store, account.id, error);
      if (error.category === "cancelled") {
        showInfo(error.message || "Fetch cancelled. Nothing was saved.", { code: "cancelled" });
        setState(shownReport() ? "done" : "idle");
      } else {
        showError(error, fetchFailedOptions(error));
        setState("error");
      }
    } finally {
      rows.idle();
      fetching = false;
      form.setBusy(false);
      if (progress.finish()) form.focusFetch();
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
   * @param {import("../contract/ReportInfo").ReportInfo} info
   */
  async function showReport(info) {
    performance.clearMarks("roomlens:report-arrived");
    performance.mark("roomlens:report-arrived");
    store.set({ report: info });
    dismissBanner();
    sourceLine.textContent = sourceWords(info);
    renderReadStats(readStats, info);
    saveButton.disabled = false;
    pdfButton.disabled = false;
    // Kaltura can e-mail only what it holds: a report fetched from it, not a file opened here.
    emailButton.disabled = info.source?.type !== "fetch";
    emailButton.title = emailButton.disabled ? "Only a report fetched from Kaltura can be e-mailed by Kaltura" : "Kaltura e-mails you a link to this report as CSV";
    // The rows need not wait for the cards or charts: on a large report those take longer.
    const rowsShown = loadRows(info).then(() => {
      if (shownReport() !== info) return;
      performance.clearMeasures("roomlens:rows-shown");
      performance.measure("roomlens:rows-shown", "roomlens:report-arrived");
    });
    await Promise.all([cards.show(info), charts.show(info), rowsShown]);
    if (shownReport() === info) setState("done");
  }

  /** A report file Rust has read (Open CSV… or a drop). */
  async function openedFile(info) {
    form.setKind(info.kind);
    await showReport(info);
    setStatus(info.source?.type === "kept" ? "Opened from the library." : `Opened ${info.source?.type === "file" ? info.source.file_name : "the file"}.`);
  }

  saveButton.addEventListener("click", () => {
    const report = shownReport();
    if (!report) return;
    const what = (report.title || "report").toLowerCase();
    mountExportSheet(document.body, { save: (options) => commands.saveCsv(report.report_id, options), defaults: store.get().exportDefaults, title: what });
  });

  pdfButton.addEventListener("click", () => {
    const report = shownReport();
    if (!report) return;
    mountPdfSheet(document.body, {
      what: `this ${(report.title || "report").toLowerCase()} report: its summary, its charts and its table.`,
      paper: commands.paperForLocale(navigator.language || "en"),
      tablePages: true,
      save: (paper, pages) => commands.saveReportPdf({ report_id: report.report_id, paper, pages }),
      stop: () => commands.cancelPdf(),
    });
  });

  emailButton.addEventListener("click", () => {
    const report = shownReport();
    if (!report || report.source?.type !== "fetch") return;
    const span = formatRangeDays(report.source.from_unix, report.source.to_unix);
    mountEmailSheet(document.body, {
      what: `the ${(report.title || "report").toLowerCase()} report for ${span}`,
      email: store.get().emailTo ?? "",
      send: (email, name) => commands.sendReportEmail({ report_id: report.report_id, email, name }),
      remember: (email) => store.set({ emailTo: email }),
    });
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
      setState(shownReport() ? "done" : "idle");
      return;
    }
    const action = actionFor(error, { choose_file: () => openButton.click() });
    showError(error, action ? { action } : {});
    setState(shownReport() ? "done" : "error");
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

  const cleanups = [
    installShortcuts({ f: rows.searchBox, o: openButton, s: saveButton }, () => !element.hidden),
    // An account switch: fetched rows on screen belong to the account they came from.
    store.subscribe((state) => {
      if (state.report?.source?.type === "fetch") setStatus("The table shows the previous account’s report until you fetch again.");
    }, ["accountId"]),
  ];

  return {
    element,
    fetch: runFetch,
    fileReading,
    /** @param {import("../contract/ReportInfo").ReportInfo} info */
    openedFile(info) {
      readingEnded();
      return openedFile(info);
    },
    fileFailed,
    /** Puts back the form's values saved on an earlier run. */
    restore: (saved) => form.restore(saved),
    unmount() {
      for (const cleanup of cleanups) cleanup();
      for (const part of [form, progress, cards, charts, rows]) part.unmount();
      element.remove();
    },
  };
}
