// Shows the screen the store's route names and hides the others (Reports for a name that is no
// screen). Every screen is mounted once, at start, and kept: the report on screen, the form's
// values and the table's scroll position are still there after a visit to Settings. When the
// screen being hidden had the keyboard focus, the focus goes to `focusHost` (the page's <main>),
// not to the top of the window.

import { DEFAULT_ROUTE } from "./router.js";

/**
 * @typedef {{ element: HTMLElement, unmount(): void }} Screen
 */

/**
 * @param {{ store: import("./store.js").Store<{ route: string }>, screens: Record<string, Screen>, focusHost: HTMLElement }} options
 */
export function showScreens({ store, screens, focusHost }) {
  function show() {
    const { route } = store.get();
    const active = Object.prototype.hasOwnProperty.call(screens, route) ? route : DEFAULT_ROUTE;
    const focused = document.activeElement;
    let focusLost = false;
    for (const [name, screen] of Object.entries(screens)) {
      const hide = name !== active;
      if (hide && !screen.element.hidden && focused && screen.element.contains(focused)) focusLost = true;
      screen.element.hidden = hide;
    }
    if (focusLost) focusHost.focus();
  }

  const unsubscribe = store.subscribe(show, ["route"]);
  show();

  return {
    /** Stops following the route and unmounts every screen. */
    unmount() {
      unsubscribe();
      for (const screen of Object.values(screens)) screen.unmount();
    },
  };
}
