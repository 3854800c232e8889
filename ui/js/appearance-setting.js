// Settings → Appearance: light, dark, or as the system is set. A change goes into the store (which
// main.js applies to the page) and is saved as a setting at once, with an error banner if that
// fails. It does not paint anything itself.

import { el } from "./dom.js";
import { commands } from "./backend.js";
import { setStatus } from "./status.js";
import { showError } from "./banner.js";
import { settingsOf } from "./store.js";

const CHOICES = [
  ["system", "Match the system"],
  ["light", "Light"],
  ["dark", "Dark"],
];

/**
 * Adds the Appearance section to `root` (the Settings screen).
 * @param {HTMLElement} root
 * @param {{ store: import("./store.js").Store<import("./store.js").AppState> }} options
 */
export function mountAppearanceSetting(root, { store }) {
  const select = el(
    "select",
    { id: "appearance" },
    CHOICES.map(([value, label]) => el("option", { value }, label)),
  );
  const section = el(
    "section",
    { class: "settings-section", "aria-labelledby": "appearance-title" },
    el("div", { class: "section-heading" }, el("h2", { id: "appearance-title" }, "Appearance")),
    el("div", { class: "field field-inline" }, el("label", { for: "appearance" }, "Colours"), select),
  );

  select.addEventListener("change", async () => {
    const appearance = /** @type {import("../contract/Appearance").Appearance} */ (select.value);
    store.set({ appearance });
    try {
      await commands.saveSettings(settingsOf(store.get()));
      setStatus("Appearance saved.");
    } catch (error) {
      showError(error);
    }
  });

  root.appendChild(section);
  const show = () => {
    select.value = store.get().appearance;
  };
  const unsubscribe = store.subscribe(show, ["appearance"]);
  show();

  return {
    element: section,
    unmount() {
      unsubscribe();
      section.remove();
    },
  };
}
