/**
 * Offsets of IANA zones at instants, from Intl alone (no date-fns-tz, no
 * Node built-ins: main and the renderer both use it), fast enough for an
 * import of 50,000 rows and exact across offset changes.
 *
 * Intl is the only source of truth, and a call costs a µs or more (reading
 * the offset's long GMT name, "GMT-03:00", is the cheapest way to ask), so
 * each zone keeps one formatter and a cache by UTC day:
 *
 * - A day whose two ends have the same offset had that offset all along.
 * - A day whose ends differ holds exactly one change; its instant is found
 *   to the second (by quarter hours first, where nearly every change falls)
 *   and both sides are cached, so that day costs no more Intl calls either.
 * - The span of the last answer is tried first (imports come in order).
 *
 * So a large import costs one Intl call per distinct day, not per instant.
 * That rests on a fact of the tz database, checked over every zone Node's
 * ICU knows, hour by hour from 1900 to 2100: no zone changes its offset
 * twice within a day. The closest two changes of one zone are 6 days and
 * 23 hours apart (Recife's week of DST in October 2000, Gaza's rules for
 * 2040), which is also why the steady span is a day and not a week. Changes
 * need not fall on a quarter hour (St. John's changed at 00:01 local until
 * 2011). Offsets are whole minutes (the seconds of old local mean times are
 * rounded), taken at the instant's whole second, so 12:00:00.999 reads like
 * 12:00:00 on either side of a change, as Intl and date-fns-tz read it.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const QUARTER_HOUR = 15 * MINUTE;
const DAY = 24 * 60 * MINUTE;
/** Days kept per zone before its cache starts over (~270 years). */
const MAX_CACHED = 100_000;

/** [from, to) in ms, with the offset (minutes) that holds over it. */
interface Span {
  readonly from: number;
  readonly to: number;
  readonly offset: number;
}

interface Zone {
  readonly format: Intl.DateTimeFormat;
  /** Offsets Intl gave at the start of UTC days, by day number (ms / DAY). */
  readonly edges: Map<number, number>;
  /** By UTC day number: the day's span, or the two around its change. */
  readonly days: Map<number, readonly [Span] | readonly [Span, Span]>;
  /** The span of the last answer. */
  last: Span;
}

const NO_SPAN: Span = { from: 0, to: 0, offset: 0 };
const zones = new Map<string, Zone>();
let lastName = '';
let lastZone: Zone | undefined;

function zoneFor(timeZone: string): Zone {
  if (timeZone === lastName && lastZone) return lastZone;
  let zone = zones.get(timeZone);
  if (!zone) {
    // The hour only because a format needs a field; the offset is what is read.
    const format = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', timeZoneName: 'longOffset' });
    zone = { format, edges: new Map(), days: new Map(), last: NO_SPAN };
    zones.set(timeZone, zone);
  }
  lastName = timeZone;
  lastZone = zone;
  return zone;
}

/** "GMT-03:00", "GMT+05:45", "GMT-00:44:30" (a local mean time), "GMT+00:00" or "GMT". */
const GMT_OFFSET = /GMT(?:([+\-\u2212])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?)?$/;

/** The offset at the whole second `at`, as Intl names it in the long GMT format ("1 AM GMT-03:00"). */
function intlOffset(zone: Zone, at: number): number {
  const text = zone.format.format(at);
  const match = GMT_OFFSET.exec(text);
  if (!match) throw new Error(`zone-offset: Intl wrote the offset as "${text}", not as GMT±hh:mm`);
  const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
  const minutesEast = Number(hours) * 60 + Number(minutes) + Number(seconds) / 60;
  // Rounded as a signed number (−44.5 is −44, as date-fns-tz has it); `+ 0` turns −0 into 0.
  return Math.round(sign === '+' || !sign ? minutesEast : -minutesEast) + 0;
}

function remember<V>(map: Map<number, V>, key: number, value: V): V {
  if (map.size >= MAX_CACHED) map.clear();
  map.set(key, value);
  return value;
}

function offsetAtDayStart(zone: Zone, day: number): number {
  return zone.edges.get(day) ?? remember(zone.edges, day, intlOffset(zone, day * DAY));
}

/** The span(s) of UTC day `day`: one when its ends agree, else the two around its one change, found to the second. */
function daySpans(zone: Zone, day: number): readonly [Span] | readonly [Span, Span] {
  const from = day * DAY;
  const to = from + DAY;
  const before = offsetAtDayStart(zone, day);
  const after = offsetAtDayStart(zone, day + 1);
  if (before === after) return [{ from, to, offset: before }];
  // Invariant: the offset at lo is `before`, at hi it is not.
  let lo = from;
  let hi = to;
  while (hi - lo > QUARTER_HOUR) {
    const mid = lo + Math.floor((hi - lo) / (2 * QUARTER_HOUR)) * QUARTER_HOUR;
    if (intlOffset(zone, mid) === before) lo = mid;
    else hi = mid;
  }
  if (intlOffset(zone, hi - SECOND) !== before) {
    // Not on the quarter hour: on to the second.
    while (hi - lo > SECOND) {
      const mid = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
      if (intlOffset(zone, mid) === before) lo = mid;
      else hi = mid;
    }
  }
  return [
    { from, to: hi, offset: before },
    { from: hi, to, offset: after },
  ];
}

/** Minutes to add to UTC to read the wall clock of `timeZone` at `ms` (−180 in Buenos Aires, +345 in Kathmandu). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const zone = zoneFor(timeZone);
  const last = zone.last;
  if (ms >= last.from && ms < last.to) return last.offset;
  const day = Math.floor(ms / DAY);
  const spans = zone.days.get(day) ?? remember(zone.days, day, daySpans(zone, day));
  const span = spans.length === 2 && ms >= spans[1].from ? spans[1] : spans[0];
  zone.last = span;
  return span.offset;
}

/**
 * The instant at which the wall clock of `timeZone` shows `wallMs` (a wall
 * time written as if it were UTC). A time the clocks repeat gives the one
 * date-fns-tz's fromZonedTime gives. A time the clocks skip (a gap) gives
 * the time after it: read with the offset before the change, so 02:30 on
 * the night Madrid skips from 02:00 to 03:00 gives the instant of 03:30.
 */
export function instantOfWallTime(wallMs: number, timeZone: string): number {
  const first = wallMs - offsetMinutes(wallMs, timeZone) * MINUTE;
  const second = wallMs - offsetMinutes(first, timeZone) * MINUTE;
  if (second === first || second + offsetMinutes(second, timeZone) * MINUTE === wallMs) return second;
  // In a gap, `first` and `second` are the wall time read with the offsets on either side of the change (in
  // either order); read with the smaller one, the one before the change, it lands after the gap.
  return Math.max(first, second);
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));
/** "2026-11-24" by day number (ms / DAY) of the wall clock, and "-03:00" or "Z" by offset: an import writes the same few again and again. */
const dates = new Map<number, string>();
const suffixes = new Map<number, string>();

function dateOf(wallDay: number): string {
  let date = dates.get(wallDay);
  if (date === undefined) {
    const d = new Date(wallDay * DAY);
    date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${TWO_DIGITS[d.getUTCMonth() + 1]}-${TWO_DIGITS[d.getUTCDate()]}`;
    remember(dates, wallDay, date);
  }
  return date;
}

function suffixOf(offset: number): string {
  let suffix = suffixes.get(offset);
  if (suffix === undefined) {
    const abs = Math.abs(offset);
    suffix = offset === 0 ? 'Z' : `${offset < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
    suffixes.set(offset, suffix);
  }
  return suffix;
}

/** "2026-11-24T17:00:00-03:00": the instant's whole second on the zone's wall clock, with its offset ("Z" at zero, as date-fns-tz writes it). */
export function zonedIso(ms: number, timeZone: string): string {
  const offset = offsetMinutes(ms, timeZone);
  const wallSecond = Math.floor(ms / SECOND) + offset * 60;
  const wallDay = Math.floor(wallSecond / 86_400);
  const second = wallSecond - wallDay * 86_400;
  return `${dateOf(wallDay)}T${TWO_DIGITS[Math.floor(second / 3600)]}:${TWO_DIGITS[Math.floor(second / 60) % 60]}:${TWO_DIGITS[second % 60]}${suffixOf(offset)}`;
}
