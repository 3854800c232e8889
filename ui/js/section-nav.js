// The sidebar's list of screens: one button per screen (Reports, Rooms, Library, Settings), the
// shown one marked with aria-current="page". Pressing one sets the store's route; the router
// turns that into a history entry and screens.js shows the screen.

import { el, clear } from "./dom.js";
import { ROUTES } from "./router.js";

/** The sidebar's word for each screen. */
export const SECTION_LABELS = Object.freeze({ reports: "Reports", rooms: "Rooms", library: "Library", settings: "Settings" });

/**
 * Fills `root` (the sidebar's <nav>) with a button per screen, `nav-<route>`.
 * @param {HTMLElement} root
 * @param {{ store: import("./store.js").Store<{ route: string }> }} options
 */
export function mountSectionNav(root, { store }) {
  const links = ROUTES.map((route) =>
    el(
      "button",
      { type: "button", class: "section-link", id: `nav-${route}`, dataset: { section: route }, on: { click: () => store.set({ route }) } },
      SECTION_LABELS[route] ?? route,
    ),
  );
  root.append(...links);

  function mark() {
    const { route } = store.get();
    for (const link of links) {
      if (link.dataset.section === route) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    }
  }

  const unsubscribe = store.subscribe(mark, ["route"]);
  mark();

  return {
    unmount() {
      unsubscribe();
      clear(root);
    },
  };
}
