// Starts the window: mounts the sidebar's parts and the screens into the page's shell
// (index.html) and starts the router; asks Rust for the accounts, settings and last view and puts
// them in the store (and the remembered screen on show); then keeps the last view saved as it
// changes and hands dropped files to the Reports screen. The screens and their parts live in their
// own modules and share state only through the store (store.js).

import { byId } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { createAppStore, currentAccount, exportDefaultsFrom } from "./store.js";
import { createRouter } from "./router.js";
import { accountsPatch, checkAllAccounts } from "./accounts.js";
import { mountAccountSwitcher } from "./account-switcher.js";
import { mountSectionNav } from "./section-nav.js";
import { showScreens } from "./screens.js";
import { mountReportsView } from "./reports-view.js";
import { mountRoomsView } from "./rooms-view.js";
import { mountLibraryView } from "./library-view.js";
import { mountSettingsView } from "./settings-view.js";
import { setAppearance } from "./appearance.js";

const SAVE_DELAY_MS = 250;

const store = createAppStore();
const router = createRouter({ store });
const main = byId("main");
const screensRoot = byId("screens");

mountAccountSwitcher(byId("account-switcher"), { store });
mountSectionNav(byId("sections"), { store });
const reports = mountReportsView(screensRoot, { store, stateHost: main });
const rooms = mountRoomsView(screensRoot, { store });
showScreens({
  store,
  focusHost: main,
  screens: {
    reports,
    rooms,
    library: mountLibraryView(screensRoot, {
      store,
      onOpen: (info) => {
        store.set({ route: "reports" });
        return reports.openedFile(info);
      },
      onOpenDashboard: (view) => {
        store.set({ route: "rooms" });
        rooms.showKept(view);
      },
    }),
    settings: mountSettingsView(screensRoot, { store }),
  },
});
router.start();

// "Skip to content" moves the focus without touching the URL's hash, which names the screen.
byId("skip-link").addEventListener("click", (event) => {
  event.preventDefault();
  main.focus();
});

let saveTimer = 0;

/** Saves the screen, account and report form shown, a moment after the last change. */
function rememberView() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    const state = store.get();
    const view = {
      version: 1,
      section: state.route,
      account_id: currentAccount(state)?.id ?? null,
      report: state.reportForm,
      email_to: state.emailTo,
      charts_open: state.chartsOpen,
    };
    commands.saveLastView(view).catch(() => {
      // Forgetting the last view only costs the user their place next time; nothing to show.
    });
  }, SAVE_DELAY_MS);
}

/** @param {import("../contract/DropEvent").DropEvent} event */
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
      store.set({ route: "reports" });
      reports.fileReading(event);
      break;
    case "opened":
      overlay.hidden = true;
      store.set({ route: "reports" });
      reports.openedFile(event.report).catch((error) => reports.fileFailed(error));
      break;
    case "failed":
      overlay.hidden = true;
      reports.fileFailed(event.error ?? {});
      break;
    default:
      break;
  }
}

async function start() {
  let boot;
  try {
    boot = await commands.bootstrap();
  } catch (error) {
    showError(error);
    main.dataset.state = "error";
    return;
  }
  /** @type {any} The page's own earlier view: checked field by field where it is used. */
  const last = boot?.last_view && typeof boot.last_view === "object" ? boot.last_view : null;
  store.set({
    reports: Array.isArray(boot?.reports) ? boot.reports : [],
    ...accountsPatch(boot?.accounts ?? [], last?.account_id ?? "demo"),
    // Settings live in their own file; views saved before that carried the export defaults.
    exportDefaults: exportDefaultsFrom(boot?.settings?.export ?? last?.export),
    appearance: ["light", "dark"].includes(boot?.settings?.appearance) ? boot.settings.appearance : "system",
    emailTo: typeof last?.email_to === "string" && last.email_to.length <= 254 ? last.email_to : "",
    chartsOpen: last?.charts_open !== false,
  });
  setAppearance(store.get().appearance);
  store.subscribe((state) => setAppearance(state.appearance), ["appearance"]);
  reports.restore(last?.report);
  router.restore(last?.section);
  byId("app-version").textContent = boot?.version ? `Roomlens ${boot.version}` : "";
  store.subscribe(rememberView, ["route", "accountId", "reportForm", "emailTo", "chartsOpen"]);

  commands.watchDrops(onDrop).catch((error) => showError(error));
  checkAllAccounts(store);
  // The Demo account's data is built in, so a first look needs no network and no waiting.
  if (currentAccount(store.get())?.is_demo) await reports.fetch();
  // Shown after the first fetch, which clears older banners when it starts.
  if (boot?.accounts_problem) showError(boot.accounts_problem, { action: { label: "Open Settings", run: () => store.set({ route: "settings" }) } });
}

start();
