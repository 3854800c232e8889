// Settings → Export defaults: descriptive headers, Excel compatibility (BOM) and delimiter, the
// starting choices of every "Save as CSV" sheet. Kept with the last view (Rust stores it as JSON).
// It does not save files; export-sheet.js uses these values as its first choices.

import { byId } from "./dom.js";
import { setStatus } from "./status.js";
import { DEFAULT_EXPORT } from "./export-sheet.js";

const DELIMITERS = ["comma", "semicolon", "tab"];

/** Wires the Export defaults form; onChange() runs after the user changes one. */
export function createExportDefaults({ onChange }) {
  const headers = byId("default-headers");
  const bom = byId("default-bom");
  const delimiter = byId("default-delimiter");

  for (const control of [headers, bom, delimiter]) {
    control.addEventListener("change", () => {
      onChange();
      setStatus("Export defaults saved.");
    });
  }
  byId("export-defaults").addEventListener("submit", (event) => event.preventDefault());

  return {
    /** The current choices, shaped like DEFAULT_EXPORT. */
    value: () => ({ headers: headers.checked ? "friendly" : "raw", bom: bom.checked, delimiter: delimiter.value }),
    /** Puts back choices saved on an earlier run; anything unknown falls back to the defaults. */
    restore(saved) {
      const value = { ...DEFAULT_EXPORT, ...(saved && typeof saved === "object" ? saved : {}) };
      headers.checked = value.headers !== "raw";
      bom.checked = value.bom !== false;
      delimiter.value = DELIMITERS.includes(value.delimiter) ? value.delimiter : "comma";
    },
  };
}
