// The progress box shown while a report is fetched: a bar and the words ("Fetching attendees —
// 12 of 53 time windows, 48,210 rows") from Rust's progress messages, and the Cancel button.
// It does not start or stop fetches itself; it calls `onCancel` and shows what it is told.

import { byId } from "./dom.js";
import { formatCount, plural } from "./format.js";

/** "Fetching attendees — 12 of 53 time windows, 48,210 rows". */
export function progressWords(kindTitle, p) {
  const what = `Fetching ${kindTitle.toLowerCase()}`;
  if (!p || !p.windows_total) return `${what} — starting…`;
  return `${what} — ${formatCount(p.windows_done)} of ${plural(p.windows_total, "time window")}, ${plural(p.rows_so_far ?? 0, "row")}`;
}

/** Wires #progress. onCancel() runs when Cancel is pressed (the button then waits). */
export function createFetchProgress({ onCancel }) {
  const box = byId("progress");
  const bar = byId("progress-bar");
  const words = byId("progress-text");
  const cancel = byId("cancel");
  let title = "report";

  function update(p) {
    words.textContent = progressWords(title, p);
    if (p && p.windows_total) {
      bar.max = p.windows_total;
      bar.value = p.windows_done;
    } else {
      bar.removeAttribute("value");
    }
  }

  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    cancel.textContent = "Cancelling…";
    onCancel();
  });

  return {
    /** Shows the box for a fetch of `kindTitle` ("Attendees"). */
    start(kindTitle) {
      title = kindTitle;
      cancel.disabled = false;
      cancel.textContent = "Cancel";
      box.hidden = false;
      update(null);
    },
    update,
    /** Hides the box; says whether the keyboard focus was in it (so the caller can move it). */
    finish() {
      const hadFocus = box.contains(document.activeElement);
      box.hidden = true;
      return hadFocus;
    },
  };
}
