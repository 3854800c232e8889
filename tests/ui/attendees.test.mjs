// Unit tests of the engagement table's pure parts: the attendees' order and search
// (ui/js/attendee-grid.js) and the minute strip's pixels (ui/js/minute-strip.js), under Node's
// own test runner. No DOM: the grid's painting is checked in the real window (tests/e2e.rs).

import { test } from "node:test";
import assert from "node:assert/strict";

// attendee-grid.js imports virtual-table.js, which needs only `ResizeObserver` when mounted.
const { attendeeOrder, profileLine } = await import("../../ui/js/attendee-grid.js");
const { parseColor, stripPixels, stripCounts } = await import("../../ui/js/minute-strip.js");

const person = (user_id, name, minutes, engagement_pct) => ({
  user_id,
  name,
  minutes,
  reactions: 0,
  raised_hands: 0,
  engagement_pct,
  messages: 0,
  polls: 0,
  questions: 0,
  downloads: 0,
});
const profile = (email, role = "", company = "", industry = "", country = "") => ({ email, role, company, industry, country });

const dashboard = {
  attendees: [person("u1", "Ada Lovelace", 30, 50), person("u2", "Grace Hopper", 90, null), person("u3", "Alan Turing", 60, 80)],
  profiles: [profile("ada@example.org", "Host", "Analytical", "", "GB"), profile("grace@navy.example"), profile("alan@example.org")],
};

test("attendees sort by a figure, either way, and by name", () => {
  assert.deepEqual(attendeeOrder(dashboard, "", 3, { key: "minutes", descending: true }), [1, 2, 0]);
  assert.deepEqual(attendeeOrder(dashboard, "", 3, { key: "minutes", descending: false }), [0, 2, 1]);
  assert.deepEqual(attendeeOrder(dashboard, "", 3, { key: "name", descending: false }), [0, 2, 1]);
});

test("search starts at the minimum letters and matches name, ID or e-mail", () => {
  assert.equal(attendeeOrder(dashboard, "al", 3, { key: "minutes", descending: true }).length, 3, "two letters: everyone");
  assert.deepEqual(attendeeOrder(dashboard, "ALAN", 3, { key: "minutes", descending: true }), [2]);
  assert.deepEqual(attendeeOrder(dashboard, "navy", 3, { key: "minutes", descending: true }), [1]);
  assert.deepEqual(attendeeOrder(dashboard, "nobody here", 3, { key: "minutes", descending: true }), []);
});

test("the profile line names what Kaltura has, in order, skipping blanks", () => {
  assert.equal(profileLine(dashboard.profiles[0]), "Host · Analytical · GB");
  assert.equal(profileLine(dashboard.profiles[1]), "");
  assert.equal(profileLine(undefined), "");
});

test("colours are read from hex and rgb() text", () => {
  assert.deepEqual(parseColor("#0a84ff"), { r: 10, g: 132, b: 255 });
  assert.deepEqual(parseColor(" #08f "), { r: 0, g: 136, b: 255 });
  assert.deepEqual(parseColor("rgb(1, 2, 3)"), { r: 1, g: 2, b: 3 });
  assert.equal(parseColor("var(--x)"), null);
  assert.equal(parseColor(""), null);
});

test("a strip is one pixel a minute: away clear, present light, engaged solid", () => {
  const pixels = stripPixels("0129", { r: 1, g: 2, b: 3 });
  assert.equal(pixels.length, 16);
  assert.deepEqual([...pixels.slice(0, 4)], [1, 2, 3, 0]);
  assert.ok(pixels[7] > 0 && pixels[7] < 255, "present is see-through");
  assert.equal(pixels[11], 255, "engaged is solid");
  assert.equal(pixels[15], 0, "an unknown mark counts as away");
  assert.equal(stripPixels("", { r: 0, g: 0, b: 0 }).length, 4, "an empty strip is still a valid image");
  assert.deepEqual(stripCounts("0112220"), { present: 5, engaged: 3 });
});
