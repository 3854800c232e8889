// The "Save as CSV" sheet: descriptive headers, Excel compatibility (BOM) and delimiter, started
// from the export defaults; on Save it asks Rust to open the native save dialog and write the file.
// Cancelling that dialog comes back to the sheet as it was. It never writes files itself and never
// sees file contents.

import { el } from "./dom.js";
import { openSheet } from "./sheet.js";
import { setStatus } from "./status.js";
import { enterSubmits } from "./forms.js";
import { DEFAULT_EXPORT } from "./store.js";

/**
 * Opens the sheet in `root`, starting from `defaults` (the export defaults); `title` names what is
 * saved in its sentence ("attendees"); `save(options)` asks Rust to show the save dialog and
 * write the file (a report's rows, a session's table). Returns { dialog, close }.
 * @param {Element} root
 * @param {{
 *   save: (options: import("../contract/ExportOptions").ExportOptions) => Promise<import("../contract/SaveResult").SaveResult>,
 *   defaults?: import("../contract/ExportDefaults").ExportDefaults,
 *   title?: string,
 * }} options
 */
export function mountExportSheet(root, { save, defaults = DEFAULT_EXPORT, title = "report" }) {
  const headers = el("input", { type: "checkbox", id: "export-headers" });
  headers.checked = defaults.headers !== "raw";
  const bom = el("input", { type: "checkbox", id: "export-bom" });
  bom.checked = defaults.bom !== false;
  const delimiter = el(
    "select",
    { id: "export-delimiter" },
    el("option", { value: "comma" }, "Comma ( , )"),
    el("option", { value: "semicolon" }, "Semicolon ( ; )"),
    el("option", { value: "tab" }, "Tab"),
  );
  delimiter.value = defaults.delimiter ?? "comma";
  const problem = el("p", { class: "test-result", id: "export-error", role: "alert", "data-result": "failed", hidden: true });

  const form = el(
    "form",
    { id: "export-form", novalidate: true },
    el("p", { class: "sheet-message" }, `Choose how the ${title} file is written. You pick where to save it next.`),
    el(
      "div",
      { class: "check-field" },
      headers,
      el("label", { for: "export-headers" }, "Descriptive headers", el("span", { class: "label-note" }, " — “User name” instead of “user_name”")),
    ),
    el(
      "div",
      { class: "check-field" },
      bom,
      el("label", { for: "export-bom" }, "Excel compatibility", el("span", { class: "label-note" }, " — adds a byte-order mark so Excel reads accents correctly")),
    ),
    el("div", { class: "field field-inline" }, el("label", { for: "export-delimiter" }, "Delimiter"), delimiter),
    problem,
  );

  const cancel = el("button", { type: "button", id: "export-cancel", on: { click: () => sheet.close() } }, "Cancel");
  const confirm = el("button", { type: "submit", class: "primary", id: "export-confirm", form: "export-form" }, "Save…");

  const sheet = openSheet({
    id: "export-sheet",
    title: "Save as CSV",
    body: form,
    footer: [cancel, confirm],
    initialFocus: "#export-confirm",
    root,
  });

  enterSubmits(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    problem.hidden = true;
    /** @type {import("../contract/ExportOptions").ExportOptions} */
    const options = {
      headers: headers.checked ? "friendly" : "raw",
      bom: bom.checked,
      delimiter: delimiter.value,
      neutralise_formulas: true,
    };
    confirm.disabled = true;
    cancel.disabled = true;
    confirm.textContent = "Saving…";
    const ready = () => {
      confirm.disabled = false;
      cancel.disabled = false;
      confirm.textContent = "Save…";
    };
    try {
      const result = await save(options);
      if (result?.saved) {
        sheet.close();
        setStatus(`Saved to ${result.path ?? "the chosen file"}.`);
      } else {
        // The save dialog was cancelled: back to this sheet exactly as it was.
        ready();
        confirm.focus();
      }
    } catch (error) {
      problem.textContent = error.message;
      problem.hidden = false;
      ready();
    }
  });
  return sheet;
}
