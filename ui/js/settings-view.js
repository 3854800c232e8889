// The Settings screen: its heading, the Kaltura accounts (accounts-view.js), the export
// defaults (export-defaults.js) and the appearance (appearance-setting.js). It only lays its parts out; each draws from the store.

import { el } from "./dom.js";
import { mountAccountsView } from "./accounts-view.js";
import { mountExportDefaults } from "./export-defaults.js";
import { mountAppearanceSetting } from "./appearance-setting.js";

/**
 * Adds the Settings screen to `root` (hidden until the router shows it).
 * @param {HTMLElement} root
 * @param {{ store: import("./accounts.js").AppStore }} options
 */
export function mountSettingsView(root, { store }) {
  const element = el(
    "section",
    { class: "view", id: "view-settings", "aria-labelledby": "settings-title", hidden: true },
    el(
      "header",
      { class: "view-header" },
      el(
        "div",
        { class: "view-heading" },
        el("h1", { id: "settings-title" }, "Settings"),
        el("p", { class: "view-subtitle" }, "Kaltura accounts, how CSV files are saved, and light or dark."),
      ),
    ),
  );
  root.appendChild(element);
  const parts = [mountAccountsView(element, { store }), mountExportDefaults(element, { store }), mountAppearanceSetting(element, { store })];

  return {
    element,
    unmount() {
      for (const part of parts) part.unmount();
      element.remove();
    },
  };
}
