// Unit test of ui/js/appearance.js's rule: a chosen light or dark wins; "system" follows the OS.
// Applying it to the page is checked in the real window (tests/e2e.rs).

import { test } from "node:test";
import assert from "node:assert/strict";

const { resolveDark, isDark } = await import("../../ui/js/appearance.js");

test("the chosen appearance wins over the system's; system follows it", () => {
  assert.equal(resolveDark("dark", false), true);
  assert.equal(resolveDark("light", true), false);
  assert.equal(resolveDark("system", true), true);
  assert.equal(resolveDark("system", false), false);
  assert.equal(isDark(), false, "no page: not dark");
});
