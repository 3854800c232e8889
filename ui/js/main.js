// Starts the window: asks Rust for the accounts and the last view, restores the form, export
// defaults and section the user had, wires the sidebar sections and dropped files, and remembers
// the view as it changes. Each screen's behaviour lives in its own module.

import { byId } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { createReportsView } from "./reports-view.js";
import { createAccountsView } from "./accounts-view.js";
import { createExportDefaults } from "./export-defaults.js";
import { installShortcuts } from "./shortcuts.js";

const SAVE_DELAY_MS = 250;
const SECTIONS = ["reports", "settings"];

let section = "reports";
let saveTimer = 0;
let restoring = true;

function showSection(name) {
  section = SECTIONS.includes(name) ? name : "reports";
  for (const s of SECTIONS) {
    byId(`view-${s}`).hidden = s !== section;
    const link = byId(`nav-${s}`);
    if (s === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  rememberView();
}

const exportDefaults = createExportDefaults({ save: (value) => commands.saveSettings({ export: value }) });

const accountsView = createAccountsView({
  onSelect: () => reportsView.accountChanged(),
  onChange: () => rememberView(),
});

const reportsView = createReportsView({
  currentAccount: () => accountsView.current(),
  exportDefaults: () => exportDefaults.value(),
  onChange: () => rememberView(),
  openSettings: () => showSection("settings"),
  onFetched: (accountId, error) => accountsView.noteFetch(accountId, error),
});

function rememberView() {
  if (restoring) return;
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const view = {
      version: 1,
      section,
      account_id: accountsView.current()?.id ?? null,
      report: reportsView.formState(),
    };
    commands.saveLastView(view).catch(() => {
      // Forgetting the last view only costs the user their place next time; nothing to show.
    });
  }, SAVE_DELAY_MS);
}

function onDrop(event) {
  const overlay = byId("drop-overlay");
  switch (event?.type) {
    case "hover":
      overlay.hidden = false;
      break;
    case "leave":
      overlay.hidden = true;
      break;
    case "reading":
      overlay.hidden = true;
      showSection("reports");
      reportsView.fileReading(event);
      break;
    case "opened":
      overlay.hidden = true;
      showSection("reports");
      reportsView.openedFile(event.report).catch((error) => reportsView.fileFailed(error));
      break;
    case "failed":
      overlay.hidden = true;
      reportsView.fileFailed(event.error ?? {});
      break;
    default:
      break;
  }
}

for (const s of SECTIONS) byId(`nav-${s}`).addEventListener("click", () => showSection(s));
installShortcuts();

async function start() {
  let boot;
  try {
    boot = await commands.bootstrap();
  } catch (error) {
    restoring = false;
    showError(error);
    byId("main").dataset.state = "error";
    return;
  }
  /** @type {any} The page's own earlier view: checked field by field where it is used. */
  const last = boot?.last_view && typeof boot.last_view === "object" ? boot.last_view : null;
  accountsView.setAccounts(boot?.accounts ?? [], last?.account_id ?? "demo");
  reportsView.restore(last?.report);
  // Settings live in their own file; views saved before that carried the export defaults.
  exportDefaults.restore(boot?.settings?.export ?? last?.export);
  showSection(last?.section ?? "reports");
  byId("app-version").textContent = boot?.version ? `Roomlens ${boot.version}` : "";
  restoring = false;

  commands.watchDrops(onDrop).catch((error) => showError(error));
  accountsView.checkAll();
  // The Demo account's data is built in, so a first look needs no network and no waiting.
  if (accountsView.current()?.is_demo) await reportsView.fetch();
  // Shown after the first fetch, which clears older banners when it starts.
  if (boot?.accounts_problem) showError(boot.accounts_problem, { action: { label: "Open Settings", run: () => showSection("settings") } });
}

start();
