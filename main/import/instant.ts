import { instantOfWallTime, offsetMinutes } from '../../shared/zone-offset';

export { zonedIso } from '../../shared/zone-offset';

/**
 * Date-times as files write them: ISO 8601 with an offset or Z (taken as
 * the instant it names), or a local date-time without offset (taken in a
 * named zone with its real rules, never a fixed −03:00: that is how the
 * platform books a wrong instant for students outside Argentina).
 */

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export type InstantResult = { ok: true; ms: number } | { ok: false; reason: string };

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/**
 * The instants the desk takes: years 1900 to 9999. A JavaScript Date holds
 * ±8.64e15 ms (the year 275760), but what is near that edge cannot be
 * written with a four-digit year nor read on a zone's clock (Intl throws),
 * and no class or record of the platform falls before 1900; a file that
 * says so holds a mistake, refused for its row.
 */
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const OUT_OF_RANGE = 'is not a date between the years 1900 and 9999';

/** Epoch milliseconds as a file writes them (mongoexport's canonical $date, or a plain number). */
export function instantOfEpochMs(ms: number): InstantResult {
  return ms >= EARLIEST && ms <= LATEST ? { ok: true, ms } : { ok: false, reason: `${String(ms)} ${OUT_OF_RANGE}` };
}

/** Milliseconds since the epoch of `text`; `timeZone` is used only when the text has no offset. */
export function parseInstant(text: string, timeZone: string): InstantResult {
  // Reads the match's digits in place: this runs four times per row of an import of 50,000.
  const match = DATE_TIME.exec(text.trim());
  if (!match) return { ok: false, reason: `"${text}" is not a date-time like 2026-11-24T17:00:00-03:00` };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const fraction = match[7];
  const offset = match[8];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, reason: `"${text}" is not a real date and time` };
  }
  // Before the range check of the instant: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  if (year < 1900) return { ok: false, reason: `"${text}" ${OUT_OF_RANGE}` };
  const millis = fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0;
  if (offset) {
    let offsetMinutes = 0;
    if (offset !== 'Z' && offset !== 'z') {
      // ±hh, ±hhmm or ±hh:mm.
      const hours = digitPair(offset, 1);
      const minutes = offset.length > 3 ? digitPair(offset, offset.length - 2) : 0;
      if (hours > 14 || minutes > 59) return { ok: false, reason: `"${text}" has an impossible offset ${offset}` };
      offsetMinutes = (offset.charCodeAt(0) === MINUS ? -1 : 1) * (hours * 60 + minutes);
    }
    const ms = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
    return ms >= EARLIEST && ms <= LATEST ? { ok: true, ms } : { ok: false, reason: `"${text}" ${OUT_OF_RANGE}` };
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const ms = instantOfWallTime(wall, timeZone);
  // The hour skipped when clocks go forward has no instant: refuse it rather than move it, as the desk's forms do.
  if (ms + offsetMinutes(ms, timeZone) * 60_000 !== wall) return { ok: false, reason: `"${text}" does not exist in ${timeZone} (the clocks skip that hour)` };
  return { ok: true, ms };
}

const MINUS = 45;
const ZERO = 48;

/** The number of the two digits at `at` (the pattern matched them as digits). */
function digitPair(text: string, at: number): number {
  return (text.charCodeAt(at) - ZERO) * 10 + (text.charCodeAt(at + 1) - ZERO);
}
