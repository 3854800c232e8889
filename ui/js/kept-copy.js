// The line the Rooms screen shows over a session dashboard that is the library's copy rather than
// Kaltura's answer now: when it was kept, in the person's local time with the zone named, and why
// it is shown (opened from the Library screen, or Kaltura out of reach). Words only; it reads and
// asks nothing.

import { formatDateTime, zoneName, zoneOffset } from "./format.js";

/** @typedef {import("../contract/KeptCopy").KeptCopy} KeptCopy */

/**
 * A kept time with its zone, as at that moment: "3 Mar 2026, 14:05 (Europe/Berlin, UTC+1)".
 * @param {number} unixSeconds
 */
export function keptWhen(unixSeconds) {
  const name = zoneName();
  const offset = zoneOffset(new Date(unixSeconds * 1000));
  const zone = name === offset || name === "UTC" || name === "Etc/UTC" ? offset : `${name}, ${offset}`;
  return `${formatDateTime(unixSeconds)} (${zone})`;
}

/**
 * What the Rooms screen says over a kept copy.
 * @param {KeptCopy} kept
 */
export function keptCopyLine(kept) {
  const when = keptWhen(kept.fetched_at);
  if (kept.why === "kaltura_unreachable") {
    return `Kaltura could not be reached: this is the copy kept in the library on ${when}. Its minute-by-minute strips are not kept.`;
  }
  return `From the library: the copy of this session kept on ${when}, from ${kept.account_name}. Kaltura is not asked; minute-by-minute strips are not part of the copy.`;
}
