// The banner above the content: one plain sentence about what went wrong (or what just happened)
// and, where useful, one action button. Dismissible with its close button or Escape while focused.
// It never clears or resets any form; whatever the user typed stays where it was.

import { el, byId, clear } from "./dom.js";

let region = null;

function host() {
  region ??= byId("error-banner");
  return region;
}

/** Removes the banner, if any. */
export function dismissBanner() {
  const node = host();
  const hadFocus = node.contains(document.activeElement);
  clear(node);
  if (hadFocus) byId("main").focus();
  node.hidden = true;
}

/**
 * Shows `message` (plain text) in the banner.
 * tone: "error" | "info"; action: { label, run } adds one button next to the message.
 */
export function showBanner(message, { tone = "error", action = null, detail = null } = {}) {
  const node = host();
  clear(node);
  const close = el(
    "button",
    {
      type: "button",
      class: "banner-close",
      id: "banner-dismiss",
      "aria-label": "Dismiss this message",
      on: { click: dismissBanner },
    },
    "×",
  );
  const actionButton = action
    ? el(
        "button",
        {
          type: "button",
          class: "banner-action",
          id: "banner-action",
          on: {
            click: () => {
              dismissBanner();
              action.run();
            },
          },
        },
        action.label,
      )
    : null;
  const box = el(
    "div",
    {
      class: ["banner-box", `banner-${tone}`],
      dataset: { tone },
      on: {
        keydown: (e) => {
          if (e.key === "Escape") dismissBanner();
        },
      },
    },
    el("span", { class: "banner-icon", "aria-hidden": "true" }, tone === "error" ? "!" : "i"),
    el(
      "div",
      { class: "banner-text" },
      el("p", { class: "banner-message", id: "banner-message" }, message),
      detail
        ? el("details", { class: "banner-details" }, el("summary", {}, "Details"), el("pre", {}, detail))
        : null,
    ),
    actionButton,
    close,
  );
  node.appendChild(box);
  node.hidden = false;
}

/** Shows a BackendError (or anything with a `message`) as an error banner; records its code for tests. */
export function showError(error, options = {}) {
  const message = error?.message || "Something went wrong. Try again.";
  showBanner(message, { ...options, tone: "error", detail: error?.detail ?? null });
  host().dataset.code = error?.code ?? "unknown";
}

/** Shows a calm information banner, e.g. "Fetch cancelled. Nothing was saved." */
export function showInfo(message, options = {}) {
  showBanner(message, { ...options, tone: "info" });
  host().dataset.code = options.code ?? "info";
}
