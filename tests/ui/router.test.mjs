// Unit tests of ui/js/router.js under Node's own test runner, with a stand-in for the window's
// location, history and events: hashes to screens, one history entry per screen change, Back and
// Forward (and Alt+Left / Alt+Right), the screen remembered from the last run, and unknown hashes.

import { test } from "node:test";
import assert from "node:assert/strict";

const { ROUTES, DEFAULT_ROUTE, isRoute, routeInHash, routeFromHash, hashFor, historyKey, isEditable, createRouter } = await import(
  "../../ui/js/router.js"
);
const { createStore } = await import("../../ui/js/store.js");

/**
 * A window with a session history like a browser's (synchronous here): pushState adds an entry
 * after the current one, back/forward move and fire popstate (and hashchange when the hash
 * differs), `follow(hash)` is a link to a fragment.
 */
function fakeWindow(hash = "") {
  const entries = [{ url: hash, state: null }];
  let at = 0;
  const listeners = new Map();
  const fire = (type, extra = {}) => {
    for (const listener of [...(listeners.get(type) ?? [])]) listener({ type, ...extra });
  };
  const move = (by) => {
    const to = at + by;
    if (to < 0 || to >= entries.length) return;
    const before = entries[at].url;
    at = to;
    fire("popstate");
    if (entries[at].url !== before) fire("hashchange");
  };
  const win = {
    openSheet: false,
    location: {
      get hash() {
        return entries[at].url;
      },
    },
    history: {
      pushState(state, _unused, url) {
        entries.splice(at + 1);
        entries.push({ url, state });
        at += 1;
      },
      replaceState(state, _unused, url) {
        entries[at] = { url, state };
      },
      back: () => move(-1),
      forward: () => move(1),
    },
    document: {
      querySelector: (selector) => (selector === "dialog[open]" && win.openSheet ? {} : null),
    },
    addEventListener(type, listener) {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(listener);
    },
    removeEventListener(type, listener) {
      listeners.get(type)?.delete(listener);
    },
    /** A press on a link to `to` (or a hash typed in): a new entry and hashchange. */
    follow(to) {
      entries.splice(at + 1);
      entries.push({ url: to, state: null });
      at += 1;
      fire("hashchange");
    },
    /** Dispatches a key or mouse event; returns whether the page prevented the default. */
    dispatch(type, fields) {
      let prevented = false;
      fire(type, { ...fields, preventDefault: () => (prevented = true) });
      return prevented;
    },
    urls: () => entries.map((e) => e.url),
    at: () => at,
    listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0),
  };
  return win;
}

function started(hash = "") {
  const win = fakeWindow(hash);
  const store = createStore({ route: "reports", other: 0 });
  const router = createRouter({ store, window: /** @type {any} */ (win) });
  router.start();
  return { win, store, router };
}

const ALT = { altKey: true, ctrlKey: false, metaKey: false, shiftKey: false };

test("four screens, each with its hash; a hash naming no screen means Reports", () => {
  assert.deepEqual([...ROUTES], ["reports", "rooms", "library", "settings"]);
  assert.equal(DEFAULT_ROUTE, "reports");
  for (const route of ROUTES) {
    assert.equal(hashFor(route), `#/${route}`);
    assert.equal(routeFromHash(`#/${route}`), route);
    assert.equal(routeInHash(`#/${route}`), route);
    assert.ok(isRoute(route));
  }
  for (const hash of ["", "#", "#/", "#/nope", "#main", "#/Settings", "#/settings/", "#/settings?x=1", "#//settings", "settings", null, undefined]) {
    assert.equal(routeInHash(hash), null, String(hash));
    assert.equal(routeFromHash(hash), "reports", String(hash));
  }
  assert.equal(hashFor("nope"), "#/reports");
  assert.equal(isRoute("toString"), false);
  assert.equal(isRoute(undefined), false);
});

test("a start with no hash shows Reports and writes its hash without adding an entry", () => {
  const { win, store } = started("");
  assert.equal(store.get().route, "reports");
  assert.deepEqual(win.urls(), ["#/reports"]);
});

test("a start on a screen's hash (a reload) shows that screen", () => {
  const { win, store } = started("#/library");
  assert.equal(store.get().route, "library");
  assert.deepEqual(win.urls(), ["#/library"]);
});

test("each change of screen is a history entry; Back and Forward walk them", () => {
  const { win, store, router } = started("");
  router.navigate("settings");
  store.set({ route: "rooms" }); // a component changing screens through the store
  assert.deepEqual(win.urls(), ["#/reports", "#/settings", "#/rooms"]);
  router.back();
  assert.equal(store.get().route, "settings");
  router.back();
  assert.equal(store.get().route, "reports");
  router.back();
  assert.equal(store.get().route, "reports", "Back on the first entry stays");
  router.forward();
  assert.equal(store.get().route, "settings");
  assert.deepEqual(win.urls(), ["#/reports", "#/settings", "#/rooms"], "walking the history adds no entries");
  router.navigate("library");
  assert.deepEqual(win.urls(), ["#/reports", "#/settings", "#/library"], "a new screen after Back drops the forward entries");
});

test("going to the screen already shown adds no entry", () => {
  const { win, router } = started("");
  router.navigate("reports");
  router.navigate("settings");
  router.navigate("settings");
  assert.deepEqual(win.urls(), ["#/reports", "#/settings"]);
});

test("other changes to the store leave the history alone", () => {
  const { win, store } = started("");
  store.set({ other: 1 });
  assert.deepEqual(win.urls(), ["#/reports"]);
});

test("a name that is no screen shows Reports", () => {
  const { win, store, router } = started("");
  router.navigate("settings");
  router.navigate("dashboard");
  assert.equal(store.get().route, "reports");
  store.set({ route: "settings" });
  store.set({ route: "nowhere" });
  assert.equal(store.get().route, "reports");
  assert.equal(win.urls().at(-1), "#/reports");
});

test("a hash changed by a link or by hand shows its screen; an unknown one shows Reports with Reports' hash", () => {
  const { win, store } = started("");
  win.follow("#/settings");
  assert.equal(store.get().route, "settings");
  win.follow("#/nope");
  assert.equal(store.get().route, "reports");
  assert.equal(win.location.hash, "#/reports", "the unknown hash is replaced, not kept");
  win.history.back();
  assert.equal(store.get().route, "settings");
});

test("the screen remembered from the last run replaces the starting one, so Back does not return to it", () => {
  const { win, store, router } = started("");
  router.restore("settings");
  assert.equal(store.get().route, "settings");
  assert.deepEqual(win.urls(), ["#/settings"]);
  router.navigate("reports");
  router.back();
  assert.equal(store.get().route, "settings");
});

test("the remembered screen is not forced on a reload, on a person who has moved, or when it is no screen", () => {
  const reload = started("#/library");
  reload.router.restore("settings");
  assert.equal(reload.store.get().route, "library");

  const moved = started("");
  moved.router.navigate("rooms");
  moved.router.restore("settings");
  assert.equal(moved.store.get().route, "rooms");

  for (const remembered of [undefined, null, "", "charts", 3, { section: "settings" }]) {
    const fresh = started("");
    fresh.router.restore(remembered);
    assert.equal(fresh.store.get().route, "reports", String(remembered));
    assert.deepEqual(fresh.win.urls(), ["#/reports"]);
  }
});

test("Alt+Left goes back and Alt+Right forward, but not while typing or with a sheet open", () => {
  const { win, store, router } = started("");
  router.navigate("settings");
  const button = { tagName: "BUTTON" };
  assert.equal(win.dispatch("keydown", { ...ALT, key: "ArrowLeft", target: button }), true);
  assert.equal(store.get().route, "reports");
  assert.equal(win.dispatch("keydown", { ...ALT, key: "ArrowRight", target: button }), true);
  assert.equal(store.get().route, "settings");

  const search = { tagName: "INPUT", type: "search" };
  assert.equal(win.dispatch("keydown", { ...ALT, key: "ArrowLeft", target: search }), false);
  win.openSheet = true;
  assert.equal(win.dispatch("keydown", { ...ALT, key: "ArrowLeft", target: button }), false);
  assert.equal(store.get().route, "settings");
});

test("which keys move in the history", () => {
  const free = { editing: false, sheetOpen: false };
  assert.equal(historyKey({ ...ALT, key: "ArrowLeft" }, free), "back");
  assert.equal(historyKey({ ...ALT, key: "ArrowRight" }, free), "forward");
  assert.equal(historyKey({ ...ALT, key: "ArrowUp" }, free), null);
  assert.equal(historyKey({ ...ALT, altKey: false, key: "ArrowLeft" }, free), null, "a plain arrow moves in the page");
  assert.equal(historyKey({ ...ALT, ctrlKey: true, key: "ArrowLeft" }, free), null);
  assert.equal(historyKey({ ...ALT, shiftKey: true, key: "ArrowLeft" }, free), null);
  assert.equal(historyKey({ ...ALT, metaKey: true, key: "ArrowLeft" }, free), null);
  assert.equal(historyKey({ ...ALT, key: "ArrowLeft", defaultPrevented: true }, free), null);
  assert.equal(historyKey({ ...ALT, key: "ArrowLeft" }, { editing: true, sheetOpen: false }), null);
  assert.equal(historyKey({ ...ALT, key: "ArrowLeft" }, { editing: false, sheetOpen: true }), null);
});

test("text boxes count as typing; buttons, checkboxes and selects do not", () => {
  for (const type of ["text", "search", "url", "password", "date", undefined]) assert.equal(isEditable({ tagName: "INPUT", type }), true, String(type));
  assert.equal(isEditable({ tagName: "TEXTAREA" }), true);
  assert.equal(isEditable({ tagName: "DIV", isContentEditable: true }), true);
  for (const type of ["checkbox", "radio", "button", "submit"]) assert.equal(isEditable({ tagName: "INPUT", type }), false, type);
  assert.equal(isEditable({ tagName: "SELECT" }), false);
  assert.equal(isEditable({ tagName: "BUTTON" }), false);
  assert.equal(isEditable(null), false);
  assert.equal(isEditable({}), false);
});

test("the mouse's back button does nothing while a sheet is open", () => {
  const { win } = started("");
  assert.equal(win.dispatch("mouseup", { button: 3 }), false);
  win.openSheet = true;
  assert.equal(win.dispatch("mouseup", { button: 3 }), true);
  assert.equal(win.dispatch("mouseup", { button: 4 }), true);
  assert.equal(win.dispatch("mouseup", { button: 0 }), false, "an ordinary click is left alone");
});

test("dispose stops the router listening to the window and the store", () => {
  const { win, store, router } = started("");
  assert.ok(win.listenerCount() > 0);
  router.dispose();
  assert.equal(win.listenerCount(), 0);
  store.set({ route: "settings" });
  assert.deepEqual(win.urls(), ["#/reports"], "no entry once disposed");
});

test("start twice listens once", () => {
  const { win, router } = started("");
  const count = win.listenerCount();
  router.start();
  assert.equal(win.listenerCount(), count);
});
