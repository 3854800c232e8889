// Sheets: small modal dialogs built on <dialog> (focus stays inside, Escape closes, the page
// behind is inert). `openSheet` fills one with a title, a body and buttons, adds it to the root it
// is given (the page's body unless told otherwise) and returns it; closing removes it again.
// It does not decide what a sheet contains or what its buttons do.

import { el } from "./dom.js";

/**
 * Opens a sheet in `root`. body: a node or an array of nodes. Returns { dialog, close }.
 * onClose runs once, however the sheet is closed (button, Escape, code).
 * @param {{ id: string, title: string, body: Node | Node[], footer?: Node[], onClose?: (() => void) | null,
 *   wide?: boolean, initialFocus?: string | null, root?: Element }} options
 */
export function openSheet({ id, title, body, footer = [], onClose = null, wide = false, initialFocus = null, root = document.body }) {
  const titleId = `${id}-title`;
  const dialog = el(
    "dialog",
    { id, class: ["sheet", wide && "sheet-wide"], "aria-labelledby": titleId },
    el(
      "header",
      { class: "sheet-header" },
      el("h2", { id: titleId, class: "sheet-title" }, title),
      el(
        "button",
        {
          type: "button",
          class: "icon-button sheet-close",
          id: `${id}-close`,
          "aria-label": "Close",
          on: { click: () => close() },
        },
        "×",
      ),
    ),
    el("div", { class: "sheet-body" }, body),
    footer.length ? el("footer", { class: "sheet-footer" }, footer) : null,
  );

  let closed = false;
  function close() {
    if (closed) return;
    closed = true;
    if (dialog.open) dialog.close();
    dialog.remove();
    onClose?.();
    // The control that opened the sheet may have been redrawn meanwhile; then focus the content.
    const target = /** @type {HTMLElement | null} */ (previousFocus?.isConnected ? previousFocus : document.getElementById("main"));
    target?.focus?.();
  }

  const previousFocus = document.activeElement;
  dialog.addEventListener("cancel", (e) => {
    e.preventDefault();
    close();
  });
  dialog.addEventListener("close", () => close());
  root.appendChild(dialog);
  dialog.showModal();
  (initialFocus ? dialog.querySelector(initialFocus) : null)?.focus();
  return { dialog, close };
}

/** A sheet that asks one yes/no question. Resolves true when confirmed. */
export function confirmSheet({ id, title, message, confirmLabel, danger = false, root = document.body }) {
  return new Promise((resolve) => {
    let answer = false;
    const cancel = el(
      "button",
      { type: "button", id: `${id}-cancel`, on: { click: () => sheet.close() } },
      "Cancel",
    );
    const confirm = el(
      "button",
      {
        type: "button",
        id: `${id}-confirm`,
        class: danger ? "danger" : "primary",
        on: {
          click: () => {
            answer = true;
            sheet.close();
          },
        },
      },
      confirmLabel,
    );
    const sheet = openSheet({
      id,
      title,
      body: el("p", { class: "sheet-message" }, message),
      footer: [cancel, confirm],
      onClose: () => resolve(answer),
      initialFocus: `#${id}-cancel`,
      root,
    });
  });
}
