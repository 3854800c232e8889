// Settings → Export defaults: descriptive headers, Excel compatibility (BOM) and delimiter, the
// starting choices of every "Save as CSV" sheet. Saved as settings (Rust writes settings.json) the
// moment one changes, with an error banner if that fails. export-sheet.js uses them as its first
// choices; this module writes no files itself.

import { byId } from "./dom.js";
import { setStatus } from "./status.js";
import { showError } from "./banner.js";
import { DEFAULT_EXPORT } from "./export-sheet.js";

const DELIMITERS = ["comma", "semicolon", "tab"];

/** Wires the Export defaults form; save(value) stores the choices and resolves once saved. */
export function createExportDefaults({ save }) {
  const headers = byId("default-headers");
  const bom = byId("default-bom");
  const delimiter = byId("default-delimiter");
  const value = () => ({ headers: headers.checked ? "friendly" : "raw", bom: bom.checked, delimiter: delimiter.value });

  for (const control of [headers, bom, delimiter]) {
    control.addEventListener("change", async () => {
      try {
        await save(value());
        setStatus("Export defaults saved.");
      } catch (error) {
        showError(error);
      }
    });
  }
  byId("export-defaults").addEventListener("submit", (event) => event.preventDefault());

  return {
    /** The current choices, shaped like DEFAULT_EXPORT. */
    value,
    /** Puts back choices saved on an earlier run; anything unknown falls back to the defaults. */
    restore(saved) {
      const value = { ...DEFAULT_EXPORT, ...(saved && typeof saved === "object" ? saved : {}) };
      headers.checked = value.headers !== "raw";
      bom.checked = value.bom !== false;
      delimiter.value = DELIMITERS.includes(value.delimiter) ? value.delimiter : "comma";
    },
  };
}
