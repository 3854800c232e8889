// The progress box shown while a report is fetched or a report file is read: a bar and the
// words ("Fetching attendees — 12 of 53 time windows, 48,210 rows", "Reading march.csv — 45 MB of
// 150 MB") from Rust's progress messages, and the Cancel button. It does not start or stop the
// work itself; it calls the `onCancel` it was started with and shows what it is told.

import { el } from "./dom.js";
import { formatCount, plural } from "./format.js";

/** "Fetching attendees — 12 of 53 time windows, 48,210 rows". */
export function progressWords(kindTitle, p) {
  const what = `Fetching ${kindTitle.toLowerCase()}`;
  if (!p || !p.windows_total) return `${what} — starting…`;
  return `${what} — ${formatCount(p.windows_done)} of ${plural(p.windows_total, "time window")}, ${plural(p.rows_so_far ?? 0, "row")}`;
}

/** "45 MB", "1.2 GB", "300 KB" in the person's number format. */
export function formatBytes(bytes) {
  /** @type {Array<[string, number]>} */
  const units = [
    ["GB", 1e9],
    ["MB", 1e6],
    ["KB", 1e3],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      const digits = value < 10 ? 1 : 0;
      return `${value.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
    }
  }
  return plural(bytes, "byte");
}

/** "Reading march.csv — 45 MB of 150 MB". */
export function readingWords(fileName, p) {
  const what = `Reading ${fileName || "the file"}`;
  if (!p || !p.bytes_total) return `${what}…`;
  return `${what} — ${formatBytes(p.bytes_read)} of ${formatBytes(p.bytes_total)}`;
}

/**
 * Adds the progress box (#progress, hidden until started) to `root`.
 * @param {HTMLElement} root
 */
export function mountFetchProgress(root) {
  const bar = el("progress", { id: "progress-bar", "aria-labelledby": "progress-text" });
  const words = el("p", { class: "progress-text", id: "progress-text", role: "status", "aria-live": "polite" });
  const cancel = el("button", { type: "button", id: "cancel" }, "Cancel");
  const box = el("div", { class: "progress", id: "progress", hidden: true }, bar, words, cancel);
  /** @type {(p: any) => string} */
  let describe = () => "";
  /** @type {(p: any) => ({ done: number, total: number } | null)} */
  let measure = () => null;
  /** @type {() => void} */
  let onCancel = () => {};

  function update(p) {
    words.textContent = describe(p);
    const amount = measure(p);
    if (amount) {
      bar.max = amount.total;
      bar.value = amount.done;
    } else {
      bar.removeAttribute("value");
    }
  }

  cancel.addEventListener("click", () => {
    cancel.disabled = true;
    cancel.textContent = "Cancelling…";
    onCancel();
  });

  root.appendChild(box);

  function show(how) {
    describe = how.describe;
    measure = how.measure;
    onCancel = how.onCancel;
    cancel.disabled = false;
    cancel.textContent = "Cancel";
    box.hidden = false;
    update(null);
  }

  return {
    /** Shows the box for a fetch of `kindTitle` ("Attendees"); Cancel runs `cancelIt`. */
    start(kindTitle, cancelIt) {
      show({
        describe: (p) => progressWords(kindTitle, p),
        measure: (p) => (p && p.windows_total ? { done: p.windows_done, total: p.windows_total } : null),
        onCancel: cancelIt,
      });
    },
    /** Shows the box for reading the file `fileName`; Cancel runs `cancelIt`. */
    startReading(fileName, cancelIt) {
      show({
        describe: (p) => readingWords(fileName, p),
        measure: (p) => (p && p.bytes_total ? { done: p.bytes_read, total: p.bytes_total } : null),
        onCancel: cancelIt,
      });
    },
    update,
    /** Hides the box; says whether the keyboard focus was in it (so the caller can move it). */
    finish() {
      const hadFocus = box.contains(document.activeElement);
      box.hidden = true;
      return hadFocus;
    },
    element: box,
    unmount() {
      box.remove();
    },
  };
}
