// How numbers, rates, durations, dates and the time zone are written on screen, in the user's
// locale (Intl) and local time zone. Pure functions of their input and the OS settings.
// It does not parse user input and does not know which report a value came from.

/**
 * The locales to write numbers and dates in: the user's languages, skipping the "C" / POSIX
 * locale a bare Linux session reports (it has no thousands separators); English if none is left.
 */
export function pickLocales(candidates) {
  const usable = [];
  for (const tag of candidates ?? []) {
    if (typeof tag !== "string" || /^(c|posix)([._@-]|$)/i.test(tag) || /-u-va-posix/i.test(tag)) continue;
    try {
      usable.push(...Intl.getCanonicalLocales(tag));
    } catch {
      // Not a language tag (e.g. "en_US.UTF-8"); the next candidate may be.
    }
  }
  return usable.length ? usable : ["en-US"];
}

const nav = globalThis.navigator;
export const LOCALES = pickLocales(
  nav?.languages?.length ? nav.languages : [nav?.language ?? Intl.NumberFormat().resolvedOptions().locale],
);

const countFormat = new Intl.NumberFormat(LOCALES, { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat(LOCALES, { maximumFractionDigits: 1 });
const percentFormat = new Intl.NumberFormat(LOCALES, {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const dateTimeFormat = new Intl.DateTimeFormat(LOCALES, { dateStyle: "medium", timeStyle: "short" });
const dateFormat = new Intl.DateTimeFormat(LOCALES, { dateStyle: "medium" });
const timeFormat = new Intl.DateTimeFormat(LOCALES, { timeStyle: "short" });

const DASH = "—";

function isNumber(value) {
  return typeof value === "number" && Number.isFinite(value);
}

/** 48210 → "48,210" (locale separators). Missing values show as a dash. */
export function formatCount(value) {
  return isNumber(value) ? countFormat.format(value) : DASH;
}

/** 14.25 → "14.3", 15 → "15" (locale separators, at most one decimal). */
export function formatDecimal(value) {
  return isNumber(value) ? decimalFormat.format(value) : DASH;
}

/** A ratio 0..1 → "62.5%". */
export function formatPercent(ratio) {
  return isNumber(ratio) ? percentFormat.format(ratio) : DASH;
}

/** Minutes → "45 min", "1 h 05 min", and from 100 hours on "1,859 h"; under a minute → "< 1 min". */
export function formatMinutes(minutes) {
  if (!isNumber(minutes)) return DASH;
  const total = Math.round(minutes);
  if (minutes > 0 && total === 0) return "< 1 min";
  if (total < 60) return `${countFormat.format(total)} min`;
  if (total >= 100 * 60) return `${countFormat.format(Math.round(total / 60))} h`;
  const hours = Math.floor(total / 60);
  const rest = String(total % 60).padStart(2, "0");
  return `${countFormat.format(hours)} h ${rest} min`;
}

/** Seconds → like formatMinutes, but under a minute as "42 s". */
export function formatSeconds(seconds) {
  if (!isNumber(seconds)) return DASH;
  if (seconds < 60) return `${countFormat.format(Math.round(seconds))} s`;
  return formatMinutes(seconds / 60);
}

/** Unix seconds → "3 Mar 2026, 14:05" in local time (the zone is named once elsewhere). */
export function formatDateTime(unixSeconds) {
  return isNumber(unixSeconds) ? dateTimeFormat.format(new Date(unixSeconds * 1000)) : DASH;
}

/** Unix seconds → "3 Mar 2026", the local calendar date. */
export function formatDate(unixSeconds) {
  return isNumber(unixSeconds) ? dateFormat.format(new Date(unixSeconds * 1000)) : DASH;
}

/** A percentage Rust sends as 0–100 ("57.6%"); "—" where it is null (Kaltura divides by zero). */
export function formatPercentPoints(value) {
  return isNumber(value) ? `${decimalFormat.format(value)}%` : DASH;
}

/** Unix seconds as a local time of day, written as formatDateTime writes its time. */
export function formatTime(unixSeconds) {
  return isNumber(unixSeconds) ? timeFormat.format(new Date(unixSeconds * 1000)) : DASH;
}

/** "2026-03-01" (a date picker's value) → "1 Mar 2026", read as a local calendar date. */
export function formatIsoDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!match) return iso ?? "";
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return dateFormat.format(date);
}

/** Today's local date as "YYYY-MM-DD", `daysBack` days ago. */
export function isoDateDaysAgo(daysBack, now = new Date()) {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
  const mm = String(d.getMonth() + 1).padStart(2, "0");
  const dd = String(d.getDate()).padStart(2, "0");
  return `${d.getFullYear()}-${mm}-${dd}`;
}

/** The OS time zone name, e.g. "Europe/Berlin". */
export function zoneName() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "local time";
}

/** The current UTC offset, e.g. "UTC+1", "UTC+5:30", "UTC−3", "UTC". */
export function zoneOffset(now = new Date()) {
  const minutesEast = -now.getTimezoneOffset();
  if (minutesEast === 0) return "UTC";
  const sign = minutesEast > 0 ? "+" : "−";
  const abs = Math.abs(minutesEast);
  const hours = Math.floor(abs / 60);
  const minutes = abs % 60;
  return minutes === 0 ? `UTC${sign}${hours}` : `UTC${sign}${hours}:${String(minutes).padStart(2, "0")}`;
}

/** "Times in Europe/Berlin (UTC+1)". */
export function zoneSentence() {
  const name = zoneName();
  const offset = zoneOffset();
  return name === offset || name === "Etc/UTC" ? `Times in ${offset}` : `Times in ${name} (${offset})`;
}

/** "1 attendee" / "1,284 attendees". */
export function plural(count, singular, pluralWord = `${singular}s`) {
  return `${formatCount(count)} ${count === 1 ? singular : pluralWord}`;
}

/** Hours → "3 h 20 min" while small, "1,234 h" when large. */
export function formatHours(hours) {
  return isNumber(hours) ? formatMinutes(hours * 60) : DASH;
}

/** Two Unix times → "1–7 Mar 2026" (the locale decides the shape). */
export function formatDateSpan(fromUnix, toUnix) {
  if (!isNumber(fromUnix) || !isNumber(toUnix)) return DASH;
  const from = new Date(fromUnix * 1000);
  const to = new Date(toUnix * 1000);
  return typeof dateFormat.formatRange === "function" ? dateFormat.formatRange(from, to) : `${dateFormat.format(from)} – ${dateFormat.format(to)}`;
}

/** A fetched range [from, to) → its days, e.g. "1–31 Mar 2026" (the end is exclusive). */
export function formatRangeDays(fromUnix, toUnixExclusive) {
  return isNumber(toUnixExclusive) ? formatDateSpan(fromUnix, toUnixExclusive - 1) : DASH;
}
