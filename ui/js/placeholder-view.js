// A screen this version does not have yet: its heading and, where its content will be, a plain
// statement of what it will show and that it is not available yet. No controls and no sample
// figures: nothing on it pretends to work. rooms-view.js and library-view.js use it.

import { el } from "./dom.js";

/**
 * Adds the screen to `root` (hidden until the router shows it).
 * @param {HTMLElement} root
 * @param {{ name: string, title: string, subtitle: string, text: string }} words
 *   `name` makes the ids (view-<name>, <name>-title, <name>-empty-title…)
 */
export function mountPlaceholderView(root, { name, title, subtitle, text }) {
  const element = el(
    "section",
    { class: "view", id: `view-${name}`, "aria-labelledby": `${name}-title`, hidden: true },
    el(
      "header",
      { class: "view-header" },
      el("div", { class: "view-heading" }, el("h1", { id: `${name}-title` }, title), el("p", { class: "view-subtitle" }, subtitle)),
    ),
    el(
      "div",
      { class: "placeholder-state", id: `${name}-empty` },
      el("p", { class: "empty-title", id: `${name}-empty-title` }, "Not available in this version yet"),
      el("p", { class: "empty-text", id: `${name}-empty-text` }, text),
    ),
  );
  root.appendChild(element);
  return {
    element,
    unmount() {
      element.remove();
    },
  };
}
