// The "Download report" sheet: what the PDF holds, and the paper (A4 or US Letter, starting from
// the one usual where the person is); on Save it asks Rust for the save dialog, then Rust makes
// the PDF. While it is being made, Cancel stops it. It never writes files or sees the PDF.

import { el } from "./dom.js";
import { openSheet } from "./sheet.js";
import { setStatus } from "./status.js";
import { enterSubmits } from "./forms.js";

/** @typedef {import("../contract/PaperChoice").PaperChoice} PaperChoice */
/** @typedef {import("../contract/SaveResult").SaveResult} SaveResult */

/** The table's page limit the sheet offers, beside every row. */
const FIRST_PAGES = 20;

/**
 * Opens the sheet in `root`. `what` says what the PDF holds ("this session: …"); `paper` resolves
 * to the usual paper; with `tablePages` the person also chooses every row or the table's first
 * pages; `save(paper, pages)` shows the save dialog and makes the file (`pages` null: every
 * row); `stop()` cancels it.
 * @param {Element} root
 * @param {{
 *   what: string,
 *   paper: Promise<PaperChoice>,
 *   tablePages?: boolean,
 *   save: (paper: PaperChoice, pages: number | null) => Promise<SaveResult>,
 *   stop: () => Promise<void>,
 * }} options
 */
export function mountPdfSheet(root, { what, paper, tablePages = false, save, stop }) {
  const select = el(
    "select",
    { id: "pdf-paper" },
    el("option", { value: "a4" }, "A4 (210 × 297 mm)"),
    el("option", { value: "letter" }, "US Letter (8.5 × 11 in)"),
  );
  let chosen = false;
  select.addEventListener("change", () => {
    chosen = true;
  });
  paper
    .then((usual) => {
      if (!chosen) select.value = usual;
    })
    .catch(() => {});
  const pages = el(
    "select",
    { id: "pdf-pages" },
    el("option", { value: String(FIRST_PAGES) }, `The first ${FIRST_PAGES} pages (every row stays in the CSV)`),
    el("option", { value: "all" }, "Every row"),
  );
  const progress = el("p", { class: "sheet-message", id: "pdf-progress", role: "status", hidden: true }, "Saving the PDF… Cancel stops it.");
  const problem = el("p", { class: "test-result", id: "pdf-error", role: "alert", "data-result": "failed", hidden: true });
  const form = el(
    "form",
    { id: "pdf-form", novalidate: true },
    el("p", { class: "sheet-message" }, `A PDF of ${what} Its text can be searched and copied. You pick where to save it next.`),
    el("div", { class: "field field-inline" }, el("label", { for: "pdf-paper" }, "Paper"), select),
    tablePages ? el("div", { class: "field field-inline" }, el("label", { for: "pdf-pages" }, "Table"), pages) : null,
    progress,
    problem,
  );

  let working = false;
  const cancel = el(
    "button",
    {
      type: "button",
      id: "pdf-cancel",
      on: {
        click: () => {
          if (working) stop().catch(() => {});
          else sheet.close();
        },
      },
    },
    "Cancel",
  );
  const confirm = el("button", { type: "submit", class: "primary", id: "pdf-confirm", form: "pdf-form" }, "Save…");
  const sheet = openSheet({
    id: "pdf-sheet",
    title: "Download report",
    body: form,
    footer: [cancel, confirm],
    initialFocus: "#pdf-confirm",
    root,
  });

  enterSubmits(form);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (working) return;
    working = true;
    problem.hidden = true;
    progress.hidden = false;
    confirm.disabled = true;
    select.disabled = true;
    pages.disabled = true;
    confirm.textContent = "Saving…";
    const ready = () => {
      working = false;
      progress.hidden = true;
      confirm.disabled = false;
      select.disabled = false;
      pages.disabled = false;
      confirm.textContent = "Save…";
    };
    try {
      const limit = tablePages && pages.value !== "all" ? Number(pages.value) : null;
      const result = await save(/** @type {PaperChoice} */ (select.value), limit);
      if (result?.saved) {
        sheet.close();
        setStatus(`Saved to ${result.path ?? "the chosen file"}.`);
      } else {
        // The save dialog was cancelled: back to this sheet as it was.
        ready();
        confirm.focus();
      }
    } catch (error) {
      ready();
      if (error?.code === "cancelled") {
        problem.textContent = "Stopped: no PDF was saved.";
      } else {
        problem.textContent = error?.message ?? String(error);
      }
      problem.hidden = false;
    }
  });
  return sheet;
}
