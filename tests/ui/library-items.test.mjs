// Unit tests of the Library list's pure logic (ui/js/library-items.js) and the Rooms screen's line
// over a kept session dashboard (ui/js/kept-copy.js), under Node's own test runner. The zone is
// pinned to Europe/Berlin; locale-dependent expectations are built with the page's own formatters.

import { test } from "node:test";
import assert from "node:assert/strict";

process.env.TZ = "Europe/Berlin";

const { libraryItems, filterItems, dashboardFrom, KIND_TITLES } = await import("../../ui/js/library-items.js");
const { keptCopyLine, keptWhen } = await import("../../ui/js/kept-copy.js");
const { formatDateTime, formatTime } = await import("../../ui/js/format.js");

const report = (id, savedAt, account = "Demo") => ({
  id,
  kind: "attendees",
  source: { type: "fetch", account_name: account, from_unix: 1_772_000_000, to_unix: 1_772_600_000, filters: "" },
  saved_at: savedAt,
  row_count: 12,
  warnings: [],
});
const dashboard = (id, fetchedAt, extra = {}) => ({
  id,
  account_name: "Training team",
  room_id: "1_sales",
  room_name: "Sales weekly",
  session_id: "1_cue42",
  session_start: 1_772_550_000,
  session_end: 1_772_553_600,
  fetched_at: fetchedAt,
  ...extra,
});

test("kept reports and session dashboards are one list, newest first", () => {
  const items = libraryItems({
    snapshots: [report(3, 300), report(2, 200), report(1, 100)],
    dashboards: [dashboard(2, 250), dashboard(1, 200)],
  });
  assert.deepEqual(
    items.map((i) => `${i.type}-${i.id}`),
    ["report-3", "dashboard-2", "dashboard-1", "report-2", "report-1"],
    "by when kept; in the same second the dashboard first",
  );
  const d = items[1];
  assert.equal(d.title, "Session dashboard");
  assert.equal(d.kind, "session_dashboard");
  assert.equal(d.rows, null, "a dashboard has no row count");
  assert.equal(d.at, 250);
  assert.equal(items[0].rows, 12);
  assert.equal(KIND_TITLES[d.kind], d.title);
  // A listing from before dashboards were listed still reads.
  assert.equal(libraryItems({ snapshots: [report(1, 1)] }).length, 1);
});

test("a kept dashboard says whose room and which session, in local time", () => {
  const d = dashboard(1, 200);
  assert.equal(dashboardFrom(d), `Training team · Sales weekly · session of ${formatDateTime(d.session_start)} – ${formatTime(d.session_end)}`);
  assert.equal(dashboardFrom(dashboard(1, 200, { room_name: "", session_start: null, session_end: null })), "Training team · 1_sales · session 1_cue42");
});

test("the toolbar filters by words (account, room, session ID), kind and when", () => {
  const items = libraryItems({
    snapshots: [report(1, 1_000, "Demo"), report(2, 5_000, "Training team")],
    dashboards: [dashboard(1, 4_000), dashboard(2, 900, { room_name: "Board room", room_id: "1_board", session_id: "1_cue7", account_name: "Demo" })],
  });
  const ids = (list) => list.map((i) => `${i.type}-${i.id}`);
  const all = { words: "", kind: "", since: null };
  assert.equal(filterItems(items, all).length, 4);
  assert.deepEqual(ids(filterItems(items, { ...all, kind: "session_dashboard" })), ["dashboard-1", "dashboard-2"]);
  assert.deepEqual(ids(filterItems(items, { ...all, kind: "attendees" })), ["report-2", "report-1"]);
  assert.deepEqual(ids(filterItems(items, { ...all, words: "  TRAINING " })), ["report-2", "dashboard-1"], "an account, in any case");
  assert.deepEqual(ids(filterItems(items, { ...all, words: "board room" })), ["dashboard-2"], "a room's name");
  assert.deepEqual(ids(filterItems(items, { ...all, words: "1_cue42" })), ["dashboard-1"], "a session's ID");
  assert.deepEqual(ids(filterItems(items, { ...all, words: "session dashboard" })), ["dashboard-1", "dashboard-2"]);
  assert.deepEqual(ids(filterItems(items, { ...all, since: 4_000 })), ["report-2", "dashboard-1"], "kept since");
  assert.deepEqual(ids(filterItems(items, { words: "demo", kind: "session_dashboard", since: null })), ["dashboard-2"], "together");
});

test("the Rooms screen says which copy it shows, with the local time and zone it was kept", () => {
  // 1,780,000,000 is 28 May 2026, 20:26:40 UTC: summer time in Berlin.
  const at = 1_780_000_000;
  assert.equal(keptWhen(at), `${formatDateTime(at)} (Europe/Berlin, UTC+2)`);
  assert.equal(keptWhen(1_767_225_600), `${formatDateTime(1_767_225_600)} (Europe/Berlin, UTC+1)`, "winter time on 1 Jan");
  const opened = keptCopyLine({ id: 4, account_name: "Training team", fetched_at: at, why: "opened_from_library" });
  assert.equal(
    opened,
    `From the library: the copy of this session kept on ${formatDateTime(at)} (Europe/Berlin, UTC+2), from Training team. Kaltura is not asked; minute-by-minute strips are not part of the copy.`,
  );
  const offline = keptCopyLine({ id: 4, account_name: "Training team", fetched_at: at, why: "kaltura_unreachable" });
  assert.ok(offline.startsWith("Kaltura could not be reached: this is the copy kept in the library on "), offline);
  assert.ok(offline.includes("(Europe/Berlin, UTC+2)"), offline);
});
