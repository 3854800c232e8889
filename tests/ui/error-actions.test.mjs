// Unit tests of ui/js/error-actions.js under Node's own test runner: the action a failure's
// category calls for, and which failures mark an account unusable. (That every category Rust
// knows has an entry here is checked on the Rust side, in src-tauri's command tests.)

import { test } from "node:test";
import assert from "node:assert/strict";

const { ACTIONS, actionFor, leavesAccountUnusable } = await import("../../ui/js/error-actions.js");

test("the account's problems open Settings; the network's and Roomlens's own offer Try again", () => {
  const handlers = { settings: () => "settings", retry: () => "retry", choose_file: () => "file" };
  const run = (category) => actionFor({ code: "x", category, message: "m" }, handlers);
  assert.equal(run("credentials").label, "Open Settings");
  assert.equal(run("credentials").run(), "settings");
  assert.equal(run("network").run(), "retry");
  assert.equal(run("internal").run(), "retry");
  assert.equal(run("keychain").run(), "retry");
  assert.equal(run("file").run(), "file");
  assert.equal(run("input"), null, "the message says what to change");
  assert.equal(run("cancelled"), null);
  assert.equal(run("something-new"), null, "an unknown category offers nothing rather than the wrong thing");
});

test("an action the view cannot run is not offered", () => {
  assert.equal(actionFor({ category: "credentials" }, { retry: () => {} }), null);
  assert.equal(actionFor({ category: "network" }, {}), null);
});

test("every action has a label and a kind", () => {
  for (const [category, action] of Object.entries(ACTIONS)) {
    if (action === null) continue;
    assert.ok(action.label.length > 0, category);
    assert.ok(["settings", "retry", "choose_file"].includes(action.kind), category);
  }
});

test("account, keychain and network failures mark the account unusable; others do not", () => {
  for (const category of ["credentials", "keychain", "network"]) assert.equal(leavesAccountUnusable({ category }), true, category);
  for (const category of ["input", "file", "cancelled", "internal", undefined]) assert.equal(leavesAccountUnusable({ category }), false, String(category));
});
