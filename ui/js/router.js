// Which screen is shown, kept in the URL's hash (#/reports, #/rooms, #/library, #/settings) with a
// history entry per change, so Back — the mouse's back button, Alt+Left — returns to the screen
// before and Forward (Alt+Right) goes on again. The store's `route` is the screen shown: components
// change screens by setting it, and the router keeps the URL and history in step with it; Back,
// Forward or a changed hash set it in turn. A hash naming no screen shows Reports.
// It draws nothing itself (screens.js shows and hides the screens).

/** The screens, in the sidebar's order. */
export const ROUTES = Object.freeze(["reports", "rooms", "library", "settings"]);
export const DEFAULT_ROUTE = "reports";

/** @param {unknown} name @returns {name is string} */
export function isRoute(name) {
  return typeof name === "string" && ROUTES.includes(name);
}

/** The screen a hash names ("#/settings" → "settings"), or null when it names none. */
export function routeInHash(hash) {
  const match = /^#\/([a-z]+)$/.exec(String(hash ?? ""));
  return match && isRoute(match[1]) ? match[1] : null;
}

/** The screen to show for a hash: the one it names, else Reports. */
export function routeFromHash(hash) {
  return routeInHash(hash) ?? DEFAULT_ROUTE;
}

/** "settings" → "#/settings"; a name that is no screen → Reports' hash. */
export function hashFor(route) {
  return `#/${isRoute(route) ? route : DEFAULT_ROUTE}`;
}

// Inputs that take no typed text: Alt+arrows there are no editing keys.
const NOT_TEXT = new Set(["button", "checkbox", "color", "file", "hidden", "image", "radio", "range", "reset", "submit"]);

/** Whether `target` takes typed text, where Alt+Left / Alt+Right may move the caret (macOS). */
export function isEditable(target) {
  const node = /** @type {any} */ (target);
  if (!node || typeof node !== "object") return false;
  if (node.isContentEditable) return true;
  const tag = String(node.tagName ?? "").toUpperCase();
  return tag === "TEXTAREA" || (tag === "INPUT" && !NOT_TEXT.has(String(node.type ?? "text").toLowerCase()));
}

/**
 * What a key press asks of the history: "back" for Alt+Left, "forward" for Alt+Right, else null —
 * also while the person types in a text box or a sheet is open (Escape closes it first), and when
 * something on the page has already handled the key.
 * @param {{ key: string, altKey: boolean, ctrlKey: boolean, metaKey: boolean, shiftKey: boolean, defaultPrevented?: boolean }} event
 * @param {{ editing: boolean, sheetOpen: boolean }} where
 * @returns {"back" | "forward" | null}
 */
export function historyKey(event, { editing, sheetOpen }) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return null;
  if (editing || sheetOpen) return null;
  if (event.key === "ArrowLeft") return "back";
  if (event.key === "ArrowRight") return "forward";
  return null;
}

/**
 * @typedef {object} RouterWindow what the router uses of `window` (tests pass a stand-in)
 * @property {{ hash: string }} location
 * @property {{ pushState(data: any, unused: string, url: string): void, replaceState(data: any, unused: string, url: string): void, back(): void, forward(): void }} history
 * @property {(type: string, listener: (event: any) => void) => void} addEventListener
 * @property {(type: string, listener: (event: any) => void) => void} removeEventListener
 * @property {{ querySelector(selector: string): unknown }} [document]
 */

/**
 * The router for `store` (whose `route` it keeps). Nothing happens until `start()`.
 * @param {{ store: import("./store.js").Store<{ route: string }>, window?: RouterWindow }} options
 */
export function createRouter({ store, window: win = globalThis.window }) {
  const { location, history } = win;
  /** @type {Array<() => void>} */
  const cleanups = [];
  let started = false;
  let startedOnRoute = false;
  let moved = false;

  const sheetOpen = () => Boolean(win.document?.querySelector("dialog[open]"));

  /** Back, Forward or a changed hash: show the screen the URL names now. */
  function fromUrl() {
    const route = routeFromHash(location.hash);
    if (location.hash !== hashFor(route)) history.replaceState({ route }, "", hashFor(route));
    store.set({ route });
  }

  /** The store's route changed: a new history entry for it (unless the URL already says it). */
  function toUrl(state) {
    if (!isRoute(state.route)) {
      store.set({ route: DEFAULT_ROUTE });
      return;
    }
    moved = true;
    if (location.hash !== hashFor(state.route)) history.pushState({ route: state.route }, "", hashFor(state.route));
  }

  function onKeyDown(event) {
    const direction = historyKey(event, { editing: isEditable(event.target), sheetOpen: sheetOpen() });
    if (!direction) return;
    event.preventDefault();
    if (direction === "back") history.back();
    else history.forward();
  }

  // The window turns the mouse's back and forward buttons into mouseup events (button 3 and 4)
  // and goes back or forward unless the page prevents it: it does while a sheet is open.
  function onMouseUp(event) {
    if ((event.button === 3 || event.button === 4) && sheetOpen()) event.preventDefault();
  }

  function listen(type, listener) {
    win.addEventListener(type, listener);
    cleanups.push(() => win.removeEventListener(type, listener));
  }

  return {
    /**
     * Shows the screen the URL names (after a reload), else Reports, and from then on keeps the
     * store's route and the history in step.
     */
    start() {
      if (started) return;
      started = true;
      startedOnRoute = routeInHash(location.hash) !== null;
      const route = routeFromHash(location.hash);
      history.replaceState({ route }, "", hashFor(route));
      store.set({ route });
      cleanups.push(store.subscribe(toUrl, ["route"]));
      listen("popstate", fromUrl);
      listen("hashchange", fromUrl);
      listen("keydown", onKeyDown);
      listen("mouseup", onMouseUp);
    },
    /**
     * Shows the screen remembered from the last run, in place of the one shown while starting
     * (no new history entry) — unless the URL named one at start or the person has moved since.
     * @param {unknown} remembered
     */
    restore(remembered) {
      if (!started || startedOnRoute || moved || !isRoute(remembered)) return;
      history.replaceState({ route: remembered }, "", hashFor(remembered));
      store.set({ route: remembered });
    },
    /** Shows `route` (Reports if it is no screen), with a history entry. */
    navigate(route) {
      store.set({ route: isRoute(route) ? route : DEFAULT_ROUTE });
    },
    back: () => history.back(),
    forward: () => history.forward(),
    /** Stops listening to the window and the store. */
    dispose() {
      for (const cleanup of cleanups.splice(0)) cleanup();
      started = false;
    },
  };
}
