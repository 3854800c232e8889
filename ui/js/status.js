// The quiet status line at the bottom of the content ("Saved to …", "Added Marketing — EU.").
// A polite live region: screen readers hear it, nothing pops up. It is not for errors (see banner.js).

import { byId } from "./dom.js";

/** Replaces the status line with `message` (plain text). */
export function setStatus(message) {
  byId("status").textContent = message ?? "";
}
