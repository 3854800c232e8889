// Keyboard shortcuts a desktop user expects: Ctrl/⌘+F to search the table, Ctrl/⌘+O to open a
// report file and Ctrl/⌘+S to save the report as CSV. Each one only presses the visible, enabled
// control it stands for; nothing happens while a sheet is open or a control is hidden.

import { byId } from "./dom.js";

const KEYS = { f: "search", o: "open-csv", s: "save-csv" };

/** Listens for the shortcuts on the whole window. */
export function installShortcuts() {
  for (const [key, id] of Object.entries(KEYS)) byId(id).setAttribute("aria-keyshortcuts", `Control+${key.toUpperCase()} Meta+${key.toUpperCase()}`);
  window.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const id = KEYS[event.key.toLowerCase()];
    if (!id || document.querySelector("dialog[open]") || byId("view-reports").hidden) return;
    const control = byId(id);
    if (control.disabled) return;
    event.preventDefault();
    if (control instanceof HTMLInputElement) {
      control.focus();
      control.select();
    } else {
      control.click();
    }
  });
}
