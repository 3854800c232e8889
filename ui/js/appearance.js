// Light or dark: puts `data-theme` on the page's root (app.css keys its colours on it), following
// the system's setting unless the person chose one in Settings, and tells listeners (the Rooms
// screen redraws its charts) when the result changes. It saves nothing; Settings does.

/** @typedef {import("../contract/Appearance").Appearance} Appearance */

const systemDark = globalThis.matchMedia?.("(prefers-color-scheme: dark)");
/** @type {Appearance} */
let chosen = "system";
/** @type {Set<(dark: boolean) => void>} */
const listeners = new Set();

/** Whether `choice` means dark, given whether the system is dark. */
export function resolveDark(choice, systemIsDark) {
  return choice === "dark" || (choice === "system" && systemIsDark);
}

/** Whether the page is dark now. */
export function isDark() {
  return globalThis.document?.documentElement?.dataset.theme === "dark";
}

function apply() {
  const root = globalThis.document?.documentElement;
  if (!root) return;
  const dark = resolveDark(chosen, Boolean(systemDark?.matches));
  const was = root.dataset.theme;
  root.dataset.theme = dark ? "dark" : "light";
  if (was !== undefined && was !== root.dataset.theme) for (const listener of listeners) listener(dark);
}

/** Follows `choice` from now on. @param {Appearance} choice */
export function setAppearance(choice) {
  chosen = choice === "light" || choice === "dark" ? choice : "system";
  apply();
}

/**
 * Calls `listener(dark)` whenever the page turns light or dark; returns a function that stops it.
 * @param {(dark: boolean) => void} listener
 */
export function onThemeChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

systemDark?.addEventListener?.("change", apply);
// At once, before Rust has said anything: the system's choice, so a dark desktop never flashes white.
apply();
