// Unit tests of the DOM-free parts of ui/js/accounts.js under Node's own test runner: the order
// and choice of accounts after Rust lists them, the badge words, the line under an account's name,
// and what choosing an account or a fetch's outcome changes in the store.

import { test } from "node:test";
import assert from "node:assert/strict";

const { accountsPatch, reachWords, describeAccount, selectAccount, noteFetch } = await import("../../ui/js/accounts.js");
const { createAppStore } = await import("../../ui/js/store.js");

const demo = { id: "demo", name: "Demo", partner_id: 0, service_url: "https://demo.invalid", region: "demo", is_demo: true };
const work = { id: "a1", name: "Work", partner_id: 1234567, service_url: "https://www.kaltura.com", region: "us", is_demo: false };
const own = { id: "a2", name: "Own server", partner_id: 42, service_url: "https://kaltura.example.org", region: "custom", is_demo: false };

test("the Demo account comes first and the wanted one is chosen if it is listed", () => {
  assert.deepEqual(accountsPatch([work, demo, own], "a2"), { accounts: [demo, work, own], accountId: "a2" });
  assert.deepEqual(accountsPatch([work, demo], "gone").accountId, "demo", "an account that is gone falls back to the first");
  assert.deepEqual(accountsPatch([work, demo], undefined, "a1").accountId, "a1", "no wish keeps the current choice");
  assert.deepEqual(accountsPatch([work, demo], undefined, "gone").accountId, "demo");
  assert.deepEqual(accountsPatch([], "demo"), { accounts: [], accountId: null });
});

test("an account's badge says whether it answered, in plain words", () => {
  assert.deepEqual(reachWords(work, undefined), { state: "unknown", words: "Not checked yet" });
  assert.deepEqual(reachWords(work, { state: "checking" }), { state: "checking", words: "Checking…" });
  assert.deepEqual(reachWords(work, { state: "ok" }), { state: "ok", words: "Reachable" });
  assert.deepEqual(reachWords(demo, { state: "ok" }), { state: "ok", words: "Ready" });
  assert.deepEqual(reachWords(work, { state: "failed", message: "No answer." }), { state: "failed", words: "Not reachable" });
});

test("the line under an account's name names its partner and server", () => {
  assert.equal(describeAccount(work), "Partner ID 1234567 · US · https://www.kaltura.com");
  assert.equal(describeAccount(own), "Partner ID 42 · https://kaltura.example.org");
  assert.match(describeAccount(demo), /^Sample data built into Roomlens/);
});

test("choosing an account changes the store only for a listed one", () => {
  const store = createAppStore(accountsPatch([demo, work], "demo"));
  selectAccount(store, "a1");
  assert.equal(store.get().accountId, "a1");
  selectAccount(store, "nobody");
  assert.equal(store.get().accountId, "a1");
});

test("a fetch marks its account reachable, or not when the account itself failed", () => {
  const store = createAppStore(accountsPatch([demo, work], "a1"));
  noteFetch(store, "a1", null);
  assert.deepEqual(store.get().reach.a1, { state: "ok" });
  noteFetch(store, "a1", { category: "network", message: "Kaltura could not be reached." });
  assert.deepEqual(store.get().reach.a1, { state: "failed", message: "Kaltura could not be reached." });
  noteFetch(store, "a1", { category: "input", message: "Bad dates." });
  assert.equal(store.get().reach.a1.state, "failed", "a failure of the request says nothing new about the account");
  noteFetch(store, "nobody", null);
  assert.equal(store.get().reach.nobody, undefined);
});
