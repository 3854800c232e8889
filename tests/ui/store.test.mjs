// Unit tests of ui/js/store.js under Node's own test runner: set and get, who is told of which
// change and in what order (also when a listener changes the store itself), and the page's state
// helpers (the current account, export defaults from what was saved). No DOM is involved.

import { test } from "node:test";
import assert from "node:assert/strict";

const { createStore, createAppStore, initialAppState, currentAccount, exportDefaultsFrom, DEFAULT_EXPORT } = await import(
  "../../ui/js/store.js"
);

test("set changes the keys it is given and says whether anything changed", () => {
  const store = createStore({ a: 1, b: "x" });
  assert.deepEqual(store.get(), { a: 1, b: "x" });
  assert.equal(store.set({ a: 2 }), true);
  assert.deepEqual(store.get(), { a: 2, b: "x" });
  assert.equal(store.set({ a: 2, b: "x" }), false, "equal values are no change");
  assert.equal(store.set({}), false);
});

test("a key the store does not hold is refused, so a misspelt name cannot go unnoticed", () => {
  const store = createStore({ route: "reports" });
  assert.throws(() => store.set(/** @type {any} */ ({ rout: "settings" })), /no "rout"/);
  assert.equal(store.get().route, "reports");
});

test("the state is frozen: it changes only through set, and an earlier state stays as it was", () => {
  const store = createStore({ a: 1 });
  const before = store.get();
  assert.throws(() => {
    "use strict";
    /** @type {any} */ (before).a = 5;
  }, TypeError);
  store.set({ a: 2 });
  assert.equal(before.a, 1);
  assert.notEqual(store.get(), before);
});

test("listeners hear each change with the keys it touched; a key list narrows what they hear", () => {
  const store = createStore({ route: "reports", accountId: null, report: null });
  const all = [];
  const routes = [];
  store.subscribe((state, changed) => all.push([...changed].sort().join("+")));
  store.subscribe((state) => routes.push(state.route), ["route"]);
  store.set({ accountId: "demo" });
  store.set({ route: "settings", report: { id: 1 } });
  store.set({ route: "settings" });
  assert.deepEqual(all, ["accountId", "report+route"]);
  assert.deepEqual(routes, ["settings"]);
});

test("unsubscribing stops the telling, also in the middle of a round", () => {
  const store = createStore({ n: 0 });
  const heard = [];
  let offB = () => {};
  const offA = store.subscribe(() => {
    heard.push("a");
    offB();
  });
  offB = store.subscribe(() => heard.push("b"));
  store.set({ n: 1 });
  assert.deepEqual(heard, ["a"], "b was unsubscribed before its turn");
  offA();
  store.set({ n: 2 });
  assert.deepEqual(heard, ["a"]);
});

test("a change made by a listener is told after the current round, so everyone hears both in order", () => {
  const store = createStore({ route: "reports" });
  const heard = [];
  store.subscribe((state) => {
    heard.push(`fix:${state.route}`);
    if (state.route === "nowhere") store.set({ route: "reports" });
  }, ["route"]);
  store.subscribe((state, changed) => heard.push(`watch:${[...changed].join()}:${state.route}`));
  store.set({ route: "nowhere" });
  // The second listener hears the first change after the correction was made, so it sees the
  // state as it is by then; then everyone hears the correction.
  assert.deepEqual(heard, ["fix:nowhere", "watch:route:reports", "fix:reports", "watch:route:reports"]);
  assert.equal(store.get().route, "reports");
});

test("a listener that throws is reported and the others still hear the change", () => {
  const errors = [];
  const store = createStore({ n: 0 }, { onError: (error) => errors.push(error.message) });
  const heard = [];
  store.subscribe(() => {
    throw new Error("broken listener");
  });
  store.subscribe((state) => heard.push(state.n));
  store.set({ n: 1 });
  assert.deepEqual(errors, ["broken listener"]);
  assert.deepEqual(heard, [1]);
  store.set({ n: 2 });
  assert.deepEqual(heard, [1, 2], "the store keeps working after a failure");
});

test("the page's store starts on Reports with no account, no report and the default export choices", () => {
  const store = createAppStore();
  assert.deepEqual(store.get(), initialAppState());
  assert.equal(store.get().route, "reports");
  assert.equal(store.get().report, null);
  assert.deepEqual(store.get().exportDefaults, DEFAULT_EXPORT);
  assert.equal(createAppStore({ route: "settings" }).get().route, "settings");
});

test("the current account is the chosen one, else the first; none without accounts", () => {
  const demo = { id: "demo", name: "Demo", partner_id: 0, service_url: "", region: "demo", is_demo: true };
  const work = { id: "a1", name: "Work", partner_id: 7, service_url: "https://x", region: "eu", is_demo: false };
  const state = { ...initialAppState(), accounts: [demo, work] };
  assert.equal(currentAccount({ ...state, accountId: "a1" }), work);
  assert.equal(currentAccount({ ...state, accountId: "gone" }), demo);
  assert.equal(currentAccount({ ...state, accountId: null }), demo);
  assert.equal(currentAccount(initialAppState()), null);
});

test("export defaults from a saved file keep what is known and fall back for the rest", () => {
  assert.deepEqual(exportDefaultsFrom(null), DEFAULT_EXPORT);
  assert.deepEqual(exportDefaultsFrom("tab"), DEFAULT_EXPORT);
  assert.deepEqual(exportDefaultsFrom({ headers: "raw", bom: false, delimiter: "tab" }), { headers: "raw", bom: false, delimiter: "tab" });
  assert.deepEqual(exportDefaultsFrom({ headers: "shouty", delimiter: "pipe" }), DEFAULT_EXPORT);
  assert.deepEqual(exportDefaultsFrom({ delimiter: "semicolon" }), { ...DEFAULT_EXPORT, delimiter: "semicolon" });
});
