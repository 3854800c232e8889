// Keyboard shortcuts a desktop user expects: Ctrl/⌘+F to search the table, Ctrl/⌘+O to open a
// report file and Ctrl/⌘+S to save the report as CSV. Each one only presses the visible, enabled
// control it stands for; nothing happens while a sheet is open or the screen is not shown.

import { listen } from "./dom.js";

/**
 * Listens for the shortcuts on the whole window while `isActive()` (the screen is shown); returns
 * the function that stops listening. `controls` maps a letter to its control.
 * @param {Record<string, HTMLInputElement | HTMLButtonElement>} controls e.g. { f: search, o: open, s: save }
 * @param {() => boolean} isActive
 */
export function installShortcuts(controls, isActive) {
  for (const [key, control] of Object.entries(controls)) control.setAttribute("aria-keyshortcuts", `Control+${key.toUpperCase()} Meta+${key.toUpperCase()}`);
  return listen(window, "keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const control = controls[event.key.toLowerCase()];
    if (!control || document.querySelector("dialog[open]") || !isActive()) return;
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
