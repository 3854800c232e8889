// Unit tests of the UI's pure modules (ui/js/format.js, pasted-lists.js, columns.js, report-meta.js,
// summary-cards.js)
// under Node's own test runner: `node --test tests/ui/`. The zone is pinned to Europe/Berlin below;
// locale-dependent expectations are built with Intl so they hold in any locale. No DOM is involved.

import { test } from "node:test";
import assert from "node:assert/strict";

process.env.TZ = "Europe/Berlin";

const format = await import("../../ui/js/format.js");
const { joinPastedLines } = await import("../../ui/js/pasted-lists.js");
const { metaFor, personOf, rowNoun } = await import("../../ui/js/report-meta.js");
const { readFileSync } = await import("node:fs");
// What Rust's bootstrap sends (src-tauri/src/contract.rs keeps this file up to date).
const REPORTS = JSON.parse(readFileSync(new URL("./report-meta.json", import.meta.url), "utf8"));
const { displayColumns, cellValue } = await import("../../ui/js/columns.js");
const { formatCardValue, noteText } = await import("../../ui/js/summary-cards.js");
const { progressWords, readingWords, formatBytes } = await import("../../ui/js/fetch-progress.js");

test("durations read like 1 h 05 min, with sub-minute and missing values named", () => {
  assert.equal(format.formatMinutes(65), "1 h 05 min");
  assert.equal(format.formatMinutes(45.4), "45 min");
  assert.equal(format.formatMinutes(0), "0 min");
  assert.equal(format.formatMinutes(0.2), "< 1 min");
  assert.equal(format.formatMinutes(null), "—");
  assert.equal(format.formatSeconds(42), "42 s");
  assert.equal(format.formatSeconds(3900), "1 h 05 min");
  assert.equal(format.formatHours(2.5), "2 h 30 min");
  assert.equal(format.formatMinutes(99 * 60 + 59), "99 h 59 min");
  assert.equal(format.formatMinutes(111548), `${format.formatCount(1859)} h`);
  assert.equal(format.formatHours(1859.2), `${format.formatCount(1859)} h`);
});

test("counts use the locale's thousands separator and rates one decimal", () => {
  const sep = new Intl.NumberFormat(format.LOCALES).format(1000).charAt(1);
  assert.notEqual(sep, "0", "the chosen locale groups thousands");
  assert.equal(format.formatCount(48210), `48${sep}210`);
  assert.match(format.formatPercent(0.6251), /62[.,]5/);
  assert.equal(format.formatCount(Number.NaN), "—");
  assert.equal(format.plural(1, "attendee"), "1 attendee");
  assert.equal(format.plural(2, "time window"), "2 time windows");
});

test("the bare C / POSIX locale of a Linux session is skipped in favour of a real language", () => {
  assert.deepEqual(format.pickLocales(["C"]), ["en-US"]);
  assert.deepEqual(format.pickLocales(["POSIX", "de-DE"]), ["de-DE"]);
  assert.deepEqual(format.pickLocales(["en-US-u-va-posix"]), ["en-US"]);
  assert.deepEqual(format.pickLocales(["en_US.UTF-8", "fr-CA"]), ["fr-CA"]);
  assert.deepEqual(format.pickLocales([]), ["en-US"]);
});

test("the zone is named with its current offset", () => {
  const winter = new Date(Date.UTC(2026, 0, 15, 12));
  const summer = new Date(Date.UTC(2026, 6, 15, 12));
  assert.equal(format.zoneName(), "Europe/Berlin");
  assert.equal(format.zoneOffset(winter), "UTC+1");
  assert.equal(format.zoneOffset(summer), "UTC+2");
  assert.match(format.zoneSentence(), /^Times in Europe\/Berlin \(UTC\+[12]\)$/);
});

test("date pickers' values are local calendar days", () => {
  const now = new Date(2026, 2, 7, 23, 30);
  assert.equal(format.isoDateDaysAgo(0, now), "2026-03-07");
  assert.equal(format.isoDateDaysAgo(6, now), "2026-03-01");
  assert.equal(format.isoDateDaysAgo(7, new Date(2026, 0, 3)), "2025-12-27");
});

test("pasted lines and tab-separated cells become one line for a filter box; IDs are left to Rust", () => {
  assert.equal(joinPastedLines("1_a\r\n1_b\t1_c\n\n"), "1_a, 1_b, 1_c");
  assert.equal(joinPastedLines("1_a, 1_a"), "1_a, 1_a");
  assert.equal(joinPastedLines(" \n "), "");
});

test("report metadata from Rust: row nouns, the person of a row, unknown reports", () => {
  const attendees = metaFor(REPORTS, "attendees");
  assert.ok(attendees);
  assert.equal(rowNoun(attendees, 1), "attendee");
  assert.equal(rowNoun(attendees, 2), "attendees");
  assert.equal(rowNoun(metaFor(REPORTS, "room_data"), 0), "sessions");
  assert.equal(rowNoun(metaFor(REPORTS, "no_such_report"), 3), "rows");
  const columns = attendees.columns;
  const at = (key) => columns.findIndex((c) => c.key === key);
  const row = columns.map(() => null);
  row[at("user_name")] = "Ada";
  assert.equal(personOf(attendees, columns, row), "Ada", "no ID or e-mail: the name");
  row[at("user_email")] = "ada@example.org";
  assert.equal(personOf(attendees, columns, row), "ada@example.org");
  row[at("user_id")] = "u1";
  assert.equal(personOf(attendees, columns, row), "u1", "the user ID first");
  assert.equal(personOf(metaFor(REPORTS, "room_data"), columns, row), "", "room data rows are not people");
  for (const meta of REPORTS) assert.ok(meta.columns.some((c) => c.key === meta.default_sort.column), meta.kind);
});

test("columns put names first and IDs last, keep their row index, and drop units already in the value", () => {
  const rust = [
    { key: "entry_id", label: "Room ID", type: "text", numeric: false, searchable: false },
    { key: "user_id", label: "User ID", type: "text", numeric: false, searchable: false },
    { key: "user_name", label: "User name", type: "text", numeric: false, searchable: true },
    { key: "meeting_view_time", label: "Participation time (minutes)", type: "minutes", numeric: true, searchable: false },
    { key: "meeting_engaged_play_time_ratio", label: "User engagement rate", type: "ratio", numeric: true, searchable: false },
  ];
  const cols = displayColumns(rust, metaFor(REPORTS, "attendees")?.shown_first);
  assert.deepEqual(cols.map((c) => c.key), ["user_name", "meeting_view_time", "meeting_engaged_play_time_ratio", "user_id", "entry_id"]);
  assert.equal(cols[1].label, "Participation time");
  const row = ["1_room", "u1", "<img src=x onerror=alert(1)>", 65, 0.5];
  assert.equal(cellValue(row, cols[0]), "<img src=x onerror=alert(1)>");
  assert.equal(cols[1].format(cellValue(row, cols[1])), "1 h 05 min");
  assert.equal(cols[2].numeric, true);
});

test("an unknown column type is shown as text", () => {
  const [col] = displayColumns([{ key: "x", label: "X", type: "something-new" }]);
  assert.equal(col.type, "text");
  assert.equal(col.format(""), "—");
  assert.equal(col.format(12), "12");
});

test("summary cards format each kind of value", () => {
  assert.equal(formatCardValue({ value: 1284, format: "count" }), format.formatCount(1284));
  assert.equal(formatCardValue({ value: 65, format: "minutes" }), "1 h 05 min");
  assert.equal(formatCardValue({ value: null, format: "percent" }), "—");
  assert.equal(formatCardValue({ value: "Design review", format: "text" }), "Design review");
  assert.notEqual(formatCardValue({ value: { from: 1772323200, to: 1772841600 }, format: "date_span" }), "—");
});

test("a fetched range names its last day, not the exclusive end", () => {
  const from = Date.UTC(2026, 1, 28, 23) / 1000; // 1 Mar 2026 00:00 in Berlin
  const to = Date.UTC(2026, 2, 31, 22) / 1000; // 1 Apr 2026 00:00 in Berlin (exclusive)
  const days = new Intl.DateTimeFormat(format.LOCALES, { dateStyle: "medium" });
  assert.equal(format.formatRangeDays(from, to), days.formatRange(new Date(2026, 2, 1), new Date(2026, 2, 31)));
});

test("progress is told in windows and rows", () => {
  assert.equal(progressWords("Attendees", null), "Fetching attendees — starting…");
  const words = progressWords("Attendees", { windows_done: 12, windows_total: 53, rows_so_far: 48210 });
  assert.equal(words, `Fetching attendees — 12 of 53 time windows, ${format.formatCount(48210)} rows`);
  assert.equal(progressWords("Room data", { windows_done: 1, windows_total: 1, rows_so_far: 1 }), "Fetching room data — 1 of 1 time window, 1 row");
});

test("reading a file is told in bytes, in the person's number format", () => {
  assert.equal(readingWords("march.csv", null), "Reading march.csv…");
  const mb = (n) => n.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: 0 });
  assert.equal(readingWords("march.csv", { bytes_read: 45e6, bytes_total: 150e6 }), `Reading march.csv — ${mb(45)} MB of ${mb(150)} MB`);
  const one = (x) => x.toLocaleString(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  assert.equal(formatBytes(3.2e9), `${one(3.2)} GB`);
  assert.equal(formatBytes(999), "999 bytes");
  assert.equal(formatBytes(1), "1 byte");
});

test("a card's note writes its figures in the person's number format, like the card values", () => {
  const note = ["in ", { value: 1284, format: "count" }, " sessions; ", { value: 14.25, format: "decimal" }, " per session"];
  const count = new Intl.NumberFormat(format.LOCALES, { maximumFractionDigits: 0 }).format(1284);
  const decimal = new Intl.NumberFormat(format.LOCALES, { maximumFractionDigits: 1 }).format(14.25);
  assert.equal(noteText(note), `in ${count} sessions; ${decimal} per session`);
  assert.equal(noteText(note).includes(formatCardValue({ value: 1284, format: "count" })), true, "the note's figure reads like a card value");
  assert.equal(noteText(["plain words"]), "plain words");
  assert.equal(noteText(null), "");
  assert.equal(noteText([{ value: null, format: "decimal" }]), "—");
});

test("a time of day is written as the date-and-time writes its time", () => {
  const at = Date.UTC(2026, 2, 3, 8, 5) / 1000;
  const time = format.formatTime(at);
  assert.ok(format.formatDateTime(at).endsWith(time), `${format.formatDateTime(at)} ends with ${time}`);
  assert.equal(format.formatTime(Number.NaN), "—");
});

test("a 0–100 percentage from Rust is written with one decimal and %, null as a dash", () => {
  assert.equal(format.formatPercentPoints(57.64), `${new Intl.NumberFormat(format.LOCALES, { maximumFractionDigits: 1 }).format(57.6)}%`);
  assert.equal(format.formatPercentPoints(null), "—");
  assert.equal(format.formatPercentPoints(Number.POSITIVE_INFINITY), "—");
});

test("a date alone is the date the date-and-time starts with; missing is a dash", () => {
  const at = 1_772_445_600;
  const date = format.formatDate(at);
  assert.ok(date.length > 0 && format.formatDateTime(at).startsWith(date), `${format.formatDateTime(at)} starts with ${date}`);
  assert.equal(format.formatDate(null), format.formatCount(null));
});
