// Settings → Export defaults: descriptive headers, Excel compatibility (BOM) and delimiter, the
// starting choices of every "Save as CSV" sheet. A change goes into the store (where the sheet
// finds it) and is saved as a setting at once (Rust writes settings.json), with an error banner if
// that fails. This component writes no files itself.

import { el } from "./dom.js";
import { commands } from "./backend.js";
import { setStatus } from "./status.js";
import { showError } from "./banner.js";
import { settingsOf } from "./store.js";

/**
 * Adds the Export defaults section to `root` (the Settings screen); its controls show the store's
 * export defaults.
 * @param {HTMLElement} root
 * @param {{ store: import("./store.js").Store<import("./store.js").AppState> }} options
 */
export function mountExportDefaults(root, { store }) {
  const headers = el("input", { type: "checkbox", id: "default-headers", checked: true });
  const bom = el("input", { type: "checkbox", id: "default-bom", checked: true });
  const delimiter = el(
    "select",
    { id: "default-delimiter" },
    el("option", { value: "comma" }, "Comma ( , )"),
    el("option", { value: "semicolon" }, "Semicolon ( ; )"),
    el("option", { value: "tab" }, "Tab"),
  );
  const form = el(
    "form",
    { class: "export-defaults", id: "export-defaults", novalidate: true, on: { submit: (event) => event.preventDefault() } },
    el(
      "div",
      { class: "check-field" },
      headers,
      el("label", { for: "default-headers" }, "Descriptive headers ", el("span", { class: "label-note" }, "— “User name” instead of “user_name”")),
    ),
    el(
      "div",
      { class: "check-field" },
      bom,
      el("label", { for: "default-bom" }, "Excel compatibility ", el("span", { class: "label-note" }, "— adds a byte-order mark so Excel reads accents correctly")),
    ),
    el("div", { class: "field field-inline" }, el("label", { for: "default-delimiter" }, "Delimiter"), delimiter),
  );
  const section = el(
    "section",
    { class: "settings-section", "aria-labelledby": "export-title" },
    el("div", { class: "section-heading" }, el("h2", { id: "export-title" }, "Export defaults")),
    el("p", { class: "section-text" }, "Used as the starting choices each time you save a report as CSV."),
    form,
  );

  /** @returns {import("../contract/ExportDefaults").ExportDefaults} */
  const value = () => ({ headers: headers.checked ? "friendly" : "raw", bom: bom.checked, delimiter: /** @type {any} */ (delimiter.value) });

  function show() {
    const { exportDefaults } = store.get();
    headers.checked = exportDefaults.headers !== "raw";
    bom.checked = exportDefaults.bom !== false;
    delimiter.value = exportDefaults.delimiter;
  }

  for (const control of [headers, bom, delimiter]) {
    control.addEventListener("change", async () => {
      const chosen = value();
      store.set({ exportDefaults: chosen });
      try {
        await commands.saveSettings(settingsOf(store.get()));
        setStatus("Export defaults saved.");
      } catch (error) {
        showError(error);
      }
    });
  }

  root.appendChild(section);
  const unsubscribe = store.subscribe(show, ["exportDefaults"]);
  show();

  return {
    element: section,
    unmount() {
      unsubscribe();
      section.remove();
    },
  };
}
