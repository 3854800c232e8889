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

// ---- The app's commands, as listed in src-tauri/build.rs (snake_case JSON inside) ----

export const commands = {
  bootstrap: () => call("bootstrap"),
  saveLastView: (view) => call("save_last_view", { view }),
  saveSettings: (settings) => call("save_settings", { settings }),

  listAccounts: () => call("list_accounts"),
  addAccount: (draft) => call("add_account", { draft }),
  updateAccount: (id, draft) => call("update_account", { id, draft }),
  removeAccount: (id) => call("remove_account", { id }),
  testConnection: (id) => call("test_connection", { id }),
  testDraft: (draft, id = null) => call("test_draft", id ? { draft, id } : { draft }),

  fetchReport: (request, onProgress) => call("fetch_report", { request, progress: channel(onProgress) }),
  cancelFetch: () => call("cancel_fetch"),
  queryRows: (query) => call("query_rows", { query }),
  reportSummary: (reportId) => call("report_summary", { report_id: reportId }),
  userSessions: (reportId, userId) => call("user_sessions", { report_id: reportId, user: userId }),

  saveCsv: (reportId, options) => call("save_csv", { report_id: reportId, options }),
  openCsv: (onProgress) => call("open_csv", { progress: channel(onProgress) }),
  cancelOpen: () => call("cancel_open"),
  watchDrops: (onEvent) => call("watch_drops", { events: channel(onEvent) }),
};
