// The Library screen: every report fetched or opened and every session dashboard loaded on this
// computer, newest first, as Rust's library keeps them — filtered by words (report, account, room,
// file), by report and by when, with the disk they take; Open shows a report on the Reports screen
// and a session dashboard on Rooms, with no network; Delete… removes one after asking.
// Tabs beside the list show what everything kept says together: People, Rooms over time,
// Attention and Breakouts (their own modules). It keeps and counts nothing; Rust does.

import { el, clear } from "./dom.js";
import { commands } from "./backend.js";
import { showError } from "./banner.js";
import { setStatus } from "./status.js";
import { confirmSheet } from "./sheet.js";
import { formatCount, formatDateTime, plural, zoneName } from "./format.js";
import { KIND_TITLES, filterItems, libraryItems } from "./library-items.js";
import { mountPeoplePanel } from "./people-panel.js";
import { mountRoomTrendsPanel } from "./room-trends-panel.js";
import { mountAttentionPanel } from "./attention-panel.js";
import { mountBreakoutsPanel } from "./breakouts-panel.js";

/** @typedef {import("./library-items.js").LibraryItem} LibraryItem */

/** "3.4 MB". @param {number} bytes */
function size(bytes) {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * Adds the Library screen to `root` (hidden until the router shows it); it reads the library each
 * time it is shown. `onOpen(info)` shows an opened report on the Reports screen,
 * `onOpenDashboard(view)` an opened session dashboard on Rooms.
 * @param {HTMLElement} root
 * @param {{
 *   store: import("./accounts.js").AppStore,
 *   onOpen: (info: import("../contract/ReportInfo").ReportInfo) => unknown,
 *   onOpenDashboard: (view: import("../contract/DashboardView").DashboardView) => unknown,
 * }} options
 */
export function mountLibraryView(root, { store, onOpen, onOpenDashboard }) {
  const search = el("input", { type: "search", id: "library-search", placeholder: "Filter by report, account, room or file", "aria-label": "Filter the library" });
  const kind = el(
    "select",
    { id: "library-kind", "aria-label": "Report" },
    el("option", { value: "" }, "Every report"),
    Object.entries(KIND_TITLES).map(([value, title]) => el("option", { value }, value === "session_dashboard" ? "Session dashboards" : title)),
  );
  const when = el(
    "select",
    { id: "library-when", "aria-label": "Kept when" },
    el("option", { value: "" }, "Any time"),
    el("option", { value: "7" }, "Kept in the last 7 days"),
    el("option", { value: "30" }, "Kept in the last 30 days"),
    el("option", { value: "365" }, "Kept in the last 365 days"),
  );
  const unusableText = el("p", { class: "empty-text", id: "library-unusable-text" });
  const startNew = el("button", { type: "button", id: "library-start-new" }, "Start a new library…");
  const unusable = el(
    "div",
    { class: "placeholder-state", id: "library-unusable", role: "alert", hidden: true },
    el("p", { class: "empty-title" }, "Roomlens cannot use this library"),
    unusableText,
    startNew,
  );
  const keepingBar = el("progress", { id: "library-keeping-bar", max: "1", value: "0" });
  const keepingText = el("span", { id: "library-keeping-text" });
  const keepingCancel = el("button", { type: "button", id: "library-keeping-cancel" }, "Cancel");
  const keeping = el("div", { class: "library-keeping", id: "library-keeping", role: "status", hidden: true }, keepingText, keepingBar, keepingCancel);
  const sizeLine = el("p", { class: "view-subtitle", id: "library-size" }, "The reports and session dashboards you fetched and opened, kept on this computer.");
  const problem = el("p", { class: "test-result", id: "library-problem", role: "alert", "data-result": "failed", hidden: true });
  const body = el("tbody", { id: "library-rows" });
  const table = el(
    "table",
    { class: "plain-table library-table", id: "library-table" },
    el("caption", { class: "visually-hidden" }, "Reports and session dashboards kept in the library"),
    el("thead", {}, el("tr", {}, ["Report", "From", "Rows", "Kept", ""].map((h, i) => el("th", { scope: "col", class: i === 2 ? "numeric" : null }, h)))),
    body,
  );
  const empty = el(
    "div",
    { class: "placeholder-state", id: "library-empty", hidden: true },
    el("p", { class: "empty-title", id: "library-empty-title" }, "Nothing kept yet"),
    el("p", { class: "empty-text" }, "Every report you fetch from Kaltura or open from a file, and every session dashboard you load on Rooms, is kept here, so you can come back to it later without a network."),
  );
  const keptPanel = el(
    "div",
    { class: "rollup-panel", id: "kept-panel" },
    problem,
    el("div", { class: "table-toolbar library-toolbar" }, search, kind, when),
    el("div", { class: "plain-table-wrap library-wrap", tabindex: "0", role: "region", "aria-label": "Kept reports" }, table),
    empty,
  );
  const tabList = el("div", { class: "tabs", role: "tablist", "aria-label": "What to show", id: "library-tabs" });
  const panels = el("div", { class: "tab-panels" }, keptPanel);
  const element = el(
    "section",
    { class: "view", id: "view-library", "aria-labelledby": "library-title", hidden: true },
    el("header", { class: "view-header" }, el("div", { class: "view-heading" }, el("h1", { id: "library-title" }, "Library"), sizeLine)),
    unusable,
    keeping,
    tabList,
    panels,
  );
  root.appendChild(element);
  const people = mountPeoplePanel(panels, { store });
  const trends = mountRoomTrendsPanel(panels, { store });
  const attention = mountAttentionPanel(panels, { store });
  const breakouts = mountBreakoutsPanel(panels, { store });
  const tabs = [
    { name: "kept", label: "Kept reports", panel: keptPanel, refresh: () => refresh() },
    { name: "people", label: "People", panel: people.element, refresh: people.refresh },
    { name: "rooms", label: "Rooms over time", panel: trends.element, refresh: trends.refresh },
    { name: "attention", label: "Attention", panel: attention.element, refresh: attention.refresh },
    { name: "breakouts", label: "Breakouts", panel: breakouts.element, refresh: breakouts.refresh },
  ];
  let current = "kept";
  const tabButtons = tabs.map((t) => {
    const button = el("button", { type: "button", role: "tab", id: `library-tab-${t.name}`, "aria-controls": t.panel.id }, t.label);
    t.panel.setAttribute("role", "tabpanel");
    t.panel.setAttribute("aria-labelledby", button.id);
    button.addEventListener("click", () => choose(t.name));
    button.addEventListener("keydown", (event) => {
      const i = tabs.indexOf(t);
      const next = event.key === "ArrowRight" ? i + 1 : event.key === "ArrowLeft" ? i - 1 : event.key === "Home" ? 0 : event.key === "End" ? tabs.length - 1 : null;
      if (next === null) return;
      event.preventDefault();
      const to = tabs[(next + tabs.length) % tabs.length];
      choose(to.name);
      document.getElementById(`library-tab-${to.name}`)?.focus();
    });
    tabList.appendChild(button);
    return button;
  });

  /** Shows tab `name` and asks Rust for its figures. @param {string} name */
  function choose(name) {
    current = tabs.some((t) => t.name === name) ? name : "kept";
    tabs.forEach((t, i) => {
      const on = t.name === current;
      tabButtons[i].setAttribute("aria-selected", String(on));
      tabButtons[i].tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
    });
    element.dataset.tab = current;
    const tab = tabs.find((t) => t.name === current);
    if (tab && tab.name !== "kept") tab.refresh();
  }

  /** @type {LibraryItem[]} */
  let kept = [];

  function render() {
    const since = when.value ? Date.now() / 1000 - Number(when.value) * 86_400 : null;
    const shown = filterItems(kept, { words: search.value, kind: kind.value, since });
    clear(body);
    for (const item of shown) {
      // Reports and dashboards are numbered apart: the ids say which.
      const idPart = item.type === "dashboard" ? `dashboard-${item.id}` : String(item.id);
      const open = el("button", { type: "button", class: "library-open", id: `library-open-${idPart}`, "aria-label": `Open ${item.title}: ${item.from}` }, "Open");
      open.addEventListener("click", () => (item.type === "dashboard" ? openDashboard(item, open) : openSnapshot(item, open)));
      const remove = el("button", { type: "button", class: "library-remove", id: `library-remove-${idPart}`, "aria-label": `Delete ${item.title}: ${item.from}` }, "Delete…");
      remove.addEventListener("click", () => removeItem(item));
      body.appendChild(
        el(
          "tr",
          { dataset: item.type === "dashboard" ? { dashboard: item.id } : { snapshot: item.id } },
          el("td", {}, item.title),
          el("td", {}, item.from),
          el("td", { class: "numeric" }, item.rows === null ? "" : formatCount(item.rows)),
          el("td", {}, formatDateTime(item.at)),
          el("td", { class: "library-actions" }, open, remove),
        ),
      );
    }
    table.hidden = shown.length === 0;
    empty.hidden = shown.length > 0;
    empty.querySelector(".empty-title").textContent = kept.length === 0 ? "Nothing kept yet" : "Nothing kept matches";
  }

  let watching = false;

  /** While a report is being kept, says how far every moment, then lists the library again. */
  async function watchKeeping() {
    if (watching) return;
    watching = true;
    try {
      for (;;) {
        const now = await commands.keepingProgress();
        if (!now) break;
        keeping.hidden = false;
        keepingText.textContent = `Keeping ${KIND_TITLES[now.kind] ?? "the report"} in the library — ${formatCount(now.rows_written)} of ${plural(now.rows, "row")}`;
        keepingBar.max = Math.max(1, now.rows);
        keepingBar.value = now.rows_written;
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
    } catch (error) {
      showError(error);
    } finally {
      watching = false;
      if (!keeping.hidden) {
        keeping.hidden = true;
        refresh();
      }
    }
  }

  keepingCancel.addEventListener("click", () => {
    commands.cancelKeeping().catch(showError);
  });

  async function refresh() {
    element.dataset.state = "loading";
    try {
      const listing = await commands.librarySnapshots();
      kept = libraryItems(listing);
      const dashboards = listing.dashboards.length ? ` and ${plural(listing.dashboards.length, "session dashboard")}` : "";
      sizeLine.textContent = `${plural(listing.snapshots.length, "report")}${dashboards} kept on this computer · ${size(listing.disk_bytes)} on disk · times in ${zoneName()}`;
      sizeLine.title = listing.path;
      problem.textContent = listing.problem ?? "";
      problem.hidden = !listing.problem;
      render();
      showUsable(true);
      element.dataset.state = "done";
    } catch (error) {
      element.dataset.state = "error";
      if (error?.code === "library_damaged" || error?.code === "library_too_new") {
        unusableText.textContent = `${error.message} You can set it aside and start a new, empty library: the old file is kept, renamed, beside it.`;
        showUsable(false);
      } else {
        showError(error);
      }
    }
  }

  /** Shows the tabs, or in their place why the library cannot be used. @param {boolean} usable */
  function showUsable(usable) {
    unusable.hidden = usable;
    tabList.hidden = !usable;
    panels.hidden = !usable;
  }

  startNew.addEventListener("click", async () => {
    const yes = await confirmSheet({
      id: "library-start-new-sheet",
      title: "Start a new library?",
      message: "The library file Roomlens cannot use is renamed and kept beside the new one, unchanged. The new library starts empty: reports you fetch or open from now on are kept there.",
      confirmLabel: "Start a new library",
    });
    if (!yes) return;
    try {
      const aside = await commands.startNewLibrary();
      setStatus(`Started a new library. The old one is kept at ${aside}.`);
      await refresh();
    } catch (error) {
      showError(error);
    }
  });

  /** @param {LibraryItem} item @param {HTMLButtonElement} button */
  async function openSnapshot(item, button) {
    button.disabled = true;
    try {
      const info = await commands.openSnapshot(item.id);
      await onOpen(info);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }

  /** Shows a kept session dashboard on Rooms, read from the library alone. @param {LibraryItem} item @param {HTMLButtonElement} button */
  async function openDashboard(item, button) {
    button.disabled = true;
    try {
      const view = await commands.openKeptDashboard(item.id);
      await onOpenDashboard(view);
    } catch (error) {
      showError(error);
    } finally {
      button.disabled = false;
    }
  }

  /** @param {LibraryItem} item */
  async function removeItem(item) {
    const message =
      item.type === "dashboard"
        ? `${item.title} — ${item.from}. It is removed from this computer's library; Kaltura keeps the session's figures.`
        : `${item.title} — ${item.from}, ${plural(item.rows ?? 0, "row")}. It is removed from this computer's library; Kaltura and your files keep their copies.`;
    const yes = await confirmSheet({
      id: "library-remove-sheet",
      title: "Delete from the library?",
      message,
      confirmLabel: "Delete",
      danger: true,
    });
    if (!yes) return;
    try {
      await (item.type === "dashboard" ? commands.removeKeptDashboard(item.id) : commands.removeSnapshot(item.id));
      setStatus("Deleted from the library.");
      await refresh();
    } catch (error) {
      showError(error);
    }
  }

  search.addEventListener("input", render);
  kind.addEventListener("change", render);
  when.addEventListener("change", render);
  function shown() {
    watchKeeping();
    refresh();
    choose(current);
  }
  choose("kept");
  const stop = store.subscribe((state) => {
    if (state.route === "library") shown();
  }, ["route"]);
  if (store.get().route === "library") shown();

  return {
    element,
    refresh,
    choose,
    unmount() {
      stop();
      element.remove();
    },
  };
}
