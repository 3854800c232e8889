// The only door from the page to the Rust side: named calls to the app's own Tauri commands,
// progress channels, with every failure turned into one `{ code, category, message }` shape.
// It holds no state and no logic about reports; it does not touch files or the network itself.

function tauri() {
  return window.__TAURI__ ?? null;
}

/** A failure as the rest of the UI sees it: a stable code and a sentence for the person. */
export class BackendError extends Error {
  constructor(code, message, detail, category) {
    super(message);
    this.code = code;
    this.category = category ?? "internal";
    this.detail = detail ?? null;
  }
}

function toBackendError(raw) {
  if (raw instanceof BackendError) return raw;
  if (raw && typeof raw === "object" && typeof raw.message === "string") {
    return new BackendError(String(raw.code ?? "unknown"), raw.message, raw.detail, raw.category);
  }
  if (typeof raw === "string" && raw.length > 0) return new BackendError("unknown", raw);
  return new BackendError("unknown", "Something went wrong inside Roomlens. Try again; if it keeps happening, restart the app.");
}

/** Calls a Rust command by name; resolves with its result or rejects with a BackendError. */
export async function call(command, args = {}) {
  const api = tauri();
  if (!api?.core?.invoke) {
    throw new BackendError("no_backend", "This window is not connected to Roomlens. Close it and start Roomlens again.");
  }
  try {
    return await api.core.invoke(command, args);
  } catch (raw) {
    throw toBackendError(raw);
  }
}

/** A Tauri channel whose messages go to `onMessage`; pass it as a command argument. */
export function channel(onMessage) {
  const api = tauri();
  if (!api?.core?.Channel) return null;
  const ch = new api.core.Channel();
  ch.onmessage = onMessage;
  return ch;
}

// ---- The app's commands, as listed in src-tauri/build.rs. Their argument and result types are
// generated from the Rust types (ui/contract/, checked by tests/ui/tsconfig.json).

/** @typedef {import("../contract/Bootstrap").Bootstrap} Bootstrap */
/** @typedef {import("../contract/AccountView").AccountView} AccountView */
/** @typedef {import("../contract/AccountDraft").AccountDraft} AccountDraft */
/** @typedef {import("../contract/SavedAccount").SavedAccount} SavedAccount */
/** @typedef {import("../contract/Removed").Removed} Removed */
/** @typedef {import("../contract/Settings").Settings} Settings */
/** @typedef {import("../contract/FetchArgs").FetchArgs} FetchArgs */
/** @typedef {import("../contract/FetchProgress").FetchProgress} FetchProgress */
/** @typedef {import("../contract/ReportInfo").ReportInfo} ReportInfo */
/** @typedef {import("../contract/RowsQuery").RowsQuery} RowsQuery */
/** @typedef {import("../contract/RowsPage").RowsPage} RowsPage */
/** @typedef {import("../contract/SummaryCards").SummaryCards} SummaryCards */
/** @typedef {import("../contract/UserDetail").UserDetail} UserDetail */
/** @typedef {import("../contract/ExportOptions").ExportOptions} ExportOptions */
/** @typedef {import("../contract/SaveResult").SaveResult} SaveResult */
/** @typedef {import("../contract/ReadingProgress").ReadingProgress} ReadingProgress */
/** @typedef {import("../contract/DropEvent").DropEvent} DropEvent */
/** @typedef {import("../contract/RoomSeen").RoomSeen} RoomSeen */
/** @typedef {import("../contract/DashboardArgs").DashboardArgs} DashboardArgs */
/** @typedef {import("../contract/DashboardView").DashboardView} DashboardView */
/** @typedef {import("../contract/ChartsArgs").ChartsArgs} ChartsArgs */
/** @typedef {import("../contract/DashboardCharts").DashboardCharts} DashboardCharts */
/** @typedef {import("../contract/HeatmapArgs").HeatmapArgs} HeatmapArgs */
/** @typedef {import("../contract/ChartView").ChartView} ChartView */
/** @typedef {import("../contract/StripsArgs").StripsArgs} StripsArgs */
/** @typedef {import("../contract/AttendeeStrip").AttendeeStrip} AttendeeStrip */
/** @typedef {import("../contract/SaveTableArgs").SaveTableArgs} SaveTableArgs */
/** @typedef {import("../contract/SaveChartArgs").SaveChartArgs} SaveChartArgs */
/** @typedef {import("../contract/SavePdfArgs").SavePdfArgs} SavePdfArgs */
/** @typedef {import("../contract/PaperChoice").PaperChoice} PaperChoice */
/** @typedef {import("../contract/ReportPdfArgs").ReportPdfArgs} ReportPdfArgs */
/** @typedef {import("../contract/ReportChartsArgs").ReportChartsArgs} ReportChartsArgs */
/** @typedef {import("../contract/ReportChartsView").ReportChartsView} ReportChartsView */
/** @typedef {import("../contract/SaveReportChartArgs").SaveReportChartArgs} SaveReportChartArgs */
/** @typedef {import("../contract/EmailReportArgs").EmailReportArgs} EmailReportArgs */
/** @typedef {import("../contract/EmailExportAccepted").EmailExportAccepted} EmailExportAccepted */

export const commands = {
  /** @returns {Promise<Bootstrap>} */
  bootstrap: () => call("bootstrap"),
  /** @param {unknown} view @returns {Promise<void>} */
  saveLastView: (view) => call("save_last_view", { view }),
  /** @param {Settings} settings @returns {Promise<void>} */
  saveSettings: (settings) => call("save_settings", { settings }),

  /** @returns {Promise<AccountView[]>} */
  listAccounts: () => call("list_accounts"),
  /** @param {AccountDraft} draft @returns {Promise<SavedAccount>} */
  addAccount: (draft) => call("add_account", { draft }),
  /** @param {string} id @param {AccountDraft} draft @returns {Promise<SavedAccount>} */
  updateAccount: (id, draft) => call("update_account", { id, draft }),
  /** @param {string} id @returns {Promise<Removed>} */
  removeAccount: (id) => call("remove_account", { id }),
  /** @param {string} id @returns {Promise<void>} */
  testConnection: (id) => call("test_connection", { id }),
  /** @param {AccountDraft} draft @param {string | null} [id] @returns {Promise<void>} */
  testDraft: (draft, id = null) => call("test_draft", id ? { draft, id } : { draft }),

  /** @param {FetchArgs} request @param {(p: FetchProgress) => void} onProgress @returns {Promise<ReportInfo>} */
  fetchReport: (request, onProgress) => call("fetch_report", { request, progress: channel(onProgress) }),
  /** @returns {Promise<void>} */
  cancelFetch: () => call("cancel_fetch"),
  /** @param {RowsQuery} query @returns {Promise<RowsPage>} */
  queryRows: (query) => call("query_rows", { query }),
  /** @param {number} reportId @returns {Promise<SummaryCards>} */
  reportSummary: (reportId) => call("report_summary", { report_id: reportId }),
  /** @param {number} reportId @param {string} userId @returns {Promise<UserDetail>} */
  userSessions: (reportId, userId) => call("user_sessions", { report_id: reportId, user: userId }),

  /** @param {number} reportId @param {ExportOptions} options @returns {Promise<SaveResult>} */
  saveCsv: (reportId, options) => call("save_csv", { report_id: reportId, options }),
  /** @param {(p: ReadingProgress) => void} onProgress @returns {Promise<ReportInfo | null>} */
  openCsv: (onProgress) => call("open_csv", { progress: channel(onProgress) }),
  /** @returns {Promise<void>} */
  cancelOpen: () => call("cancel_open"),
  /** @param {(event: DropEvent) => void} onEvent @returns {Promise<void>} */
  watchDrops: (onEvent) => call("watch_drops", { events: channel(onEvent) }),

  /** @returns {Promise<RoomSeen[]>} */
  listRooms: () => call("list_rooms"),
  /** @param {DashboardArgs} request @returns {Promise<DashboardView>} */
  sessionDashboard: (request) => call("session_dashboard", { request }),
  /** @param {ChartsArgs} request @returns {Promise<DashboardCharts>} */
  sessionCharts: (request) => call("session_charts", { request }),
  /** @param {HeatmapArgs} request @returns {Promise<ChartView>} */
  attendeeHeatmap: (request) => call("attendee_heatmap", { request }),
  /** @param {StripsArgs} request @returns {Promise<AttendeeStrip[]>} */
  attendeeStrips: (request) => call("attendee_strips", { request }),
  /** @param {SaveTableArgs} request @returns {Promise<SaveResult>} */
  saveSessionTable: (request) => call("save_session_table", { request }),
  /** @param {SaveChartArgs} request @returns {Promise<SaveResult>} */
  saveSessionChart: (request) => call("save_session_chart", { request }),
  /** @returns {Promise<void>} */
  cancelDashboard: () => call("cancel_dashboard"),
  /** @param {SavePdfArgs} request @returns {Promise<SaveResult>} */
  saveSessionPdf: (request) => call("save_session_pdf", { request }),
  /** @param {ReportPdfArgs} request @returns {Promise<SaveResult>} */
  saveReportPdf: (request) => call("save_report_pdf", { request }),
  /** @param {ReportChartsArgs} request @returns {Promise<ReportChartsView>} */
  reportCharts: (request) => call("report_charts_of", { request }),
  /** @param {SaveReportChartArgs} request @returns {Promise<SaveResult>} */
  saveReportChart: (request) => call("save_report_chart", { request }),
  /** @param {EmailReportArgs} request @returns {Promise<EmailExportAccepted>} */
  sendReportEmail: (request) => call("send_report_email", { request }),
  /** @returns {Promise<import("../contract/LibraryListing").LibraryListing>} */
  librarySnapshots: () => call("library_snapshots"),
  /** @param {number} id @returns {Promise<ReportInfo>} */
  openSnapshot: (id) => call("open_snapshot", { id }),
  /** @param {number} id @returns {Promise<void>} */
  removeSnapshot: (id) => call("remove_snapshot", { id }),
  /** @param {number} id @returns {Promise<DashboardView>} a kept session dashboard, for Rooms */
  openKeptDashboard: (id) => call("open_kept_dashboard", { id }),
  /** @param {number} id @returns {Promise<void>} */
  removeKeptDashboard: (id) => call("remove_kept_dashboard", { id }),
  /** @returns {Promise<void>} */
  cancelKeeping: () => call("cancel_keeping"),
  /** @returns {Promise<import("../contract/Keeping").Keeping | null>} */
  keepingProgress: () => call("keeping_progress"),
  /** @returns {Promise<string>} where the old library file is now */
  startNewLibrary: () => call("start_new_library"),
  /** @param {import("../contract/PeopleArgs").PeopleArgs} request @returns {Promise<import("../contract/PeopleView").PeopleView>} */
  libraryPeople: (request) => call("library_people", { request }),
  /** @param {import("../contract/SaveRollupChartArgs").SaveRollupChartArgs} request @returns {Promise<SaveResult>} */
  saveRollupChart: (request) => call("save_rollup_chart", { request }),
  /** @param {import("../contract/RollupRange").RollupRange} range @returns {Promise<import("../contract/Attention").Attention>} */
  libraryAttention: (range) => call("library_attention", { range }),
  /** @param {import("../contract/RollupRange").RollupRange} range @returns {Promise<import("../contract/MainRoomBreakouts").MainRoomBreakouts[]>} */
  libraryBreakouts: (range) => call("library_breakouts", { range }),
  /** @param {import("../contract/PersonSessionsArgs").PersonSessionsArgs} request @returns {Promise<import("../contract/PersonSession").PersonSession[]>} */
  libraryPersonSessions: (request) => call("library_person_sessions", { request }),
  /** @param {import("../contract/RoomTrendsArgs").RoomTrendsArgs} request @returns {Promise<import("../contract/RoomTrendsView").RoomTrendsView>} */
  libraryRoomTrends: (request) => call("library_room_trends", { request }),
  /** @param {import("../contract/SaveRollupCsvArgs").SaveRollupCsvArgs} request @returns {Promise<SaveResult>} */
  saveRollupCsv: (request) => call("save_rollup_csv", { request }),
  /** @param {import("../contract/SaveRollupPdfArgs").SaveRollupPdfArgs} request @returns {Promise<SaveResult>} */
  saveRollupPdf: (request) => call("save_rollup_pdf", { request }),
  /** @returns {Promise<void>} */
  cancelPdf: () => call("cancel_pdf"),
  /** @param {string} locale @returns {Promise<PaperChoice>} */
  paperForLocale: (locale) => call("paper_for_locale", { locale }),
};
