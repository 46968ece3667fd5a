import type { Locale } from '../../shared/settings';

/**
 * Dates, times and money as the teacher reads them: in the configured zone
 * (never the machine's), in the chosen language, 24-hour clock. Pure (Intl
 * only), so tests and benchmarks can use it outside a browser.
 */

/** The BCP 47 tag Intl formats with: Argentine Spanish, US English. */
export function intlLocale(locale: Locale): string {
  return locale === 'es' ? 'es-AR' : 'en-US';
}

const cache = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(locale), options);
    cache.set(key, f);
  }
  return f;
}

/** A calendar day (YYYY-MM-DD) as a Date to format in UTC: a day has no zone. */
function dayDate(day: string): Date {
  return new Date(`${day}T12:00:00Z`);
}

export function formatTime(instant: string | number, timeZone: string, locale: Locale): string {
  // Every class box formats two times on each week switch: the formatter and
  // recent results are kept per zone and language, so a switch back (or to a
  // prefetched week seen before) formats nothing again.
  const key = `${locale}|${timeZone}`;
  let times = timeCache.get(key);
  if (!times) {
    const format = dateFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    times = { format, seen: new Map() };
    timeCache.set(key, times);
  }
  let text = times.seen.get(instant);
  if (text === undefined) {
    text = times.format.format(new Date(instant));
    if (times.seen.size >= TIMES_KEPT) times.seen.clear();
    times.seen.set(instant, text);
  }
  return text;
}
const TIMES_KEPT = 8192;
const timeCache = new Map<string, { format: Intl.DateTimeFormat; seen: Map<string | number, string> }>();

/** "17:00–18:00" (en dash), in the zone. */
export function formatTimeRange(start: string, end: string, timeZone: string, locale: Locale): string {
  return `${formatTime(start, timeZone, locale)}–${formatTime(end, timeZone, locale)}`;
}

/** "miércoles, 25 de noviembre" / "Wednesday, November 25". */
export function formatDay(day: string, locale: Locale): string {
  return dateFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(dayDate(day));
}

/** Column heading parts: "mié" + "25". */
export function formatDayParts(day: string, locale: Locale): { weekday: string; date: string } {
  const d = dayDate(day);
  const weekday = dateFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(d).replace(/\.$/, '');
  return { weekday, date: String(d.getUTCDate()) };
}

/** "23–29 de noviembre de 2026" / "November 23 – 29, 2026". */
export function formatWeekRange(days: readonly string[], locale: Locale): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return '';
  // formatRange is slow (a third of a millisecond) and the same few weeks are titled again and again (each switch, each neighbour).
  const key = `${locale}|${first}|${last}`;
  let range = weekRanges.get(key);
  if (range === undefined) {
    range = dateFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).formatRange(dayDate(first), dayDate(last));
    if (weekRanges.size >= 64) weekRanges.clear();
    weekRanges.set(key, range);
  }
  return range;
}
const weekRanges = new Map<string, string>();

/** "mié 25 nov, 17:00–18:00" with the day in the zone, for the details panel and overlaps. */
export function formatWhen(start: string, end: string, timeZone: string, locale: Locale): string {
  const day = dateFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(start));
  return `${day}, ${formatTimeRange(start, end, timeZone, locale)}`;
}

/** "08:00" for the hour gutter. */
export function formatHour(hour: number, locale: Locale): string {
  return dateFormat(locale, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.UTC(2026, 0, 1, hour % 24, 0)));
}

/** Last sync: the time alone when it was today in the zone, else a short date and the time. */
export function formatSyncTime(instant: string, now: number, timeZone: string, locale: Locale): string {
  const dayOf = dateFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const time = formatTime(instant, timeZone, locale);
  if (dayOf.format(new Date(instant)) === dayOf.format(new Date(now))) return time;
  return `${dateFormat(locale, { timeZone, day: 'numeric', month: 'short' }).format(new Date(instant))} ${time}`;
}

const money = new Map<Locale, Intl.NumberFormat>();
/** Whole Argentine pesos: "$ 15.000" in Spanish, "ARS 15,000" in English. */
export function formatPrice(pesos: number, locale: Locale): string {
  let f = money.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: 'ARS', currencyDisplay: locale === 'es' ? 'symbol' : 'code', maximumFractionDigits: 0, minimumFractionDigits: 0 });
    money.set(locale, f);
  }
  return f.format(pesos);
}

/** Minutes between two instants, for the reschedule form's duration. */
export function minutesBetween(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / 60_000);
}

/** A calendar day shifted by whole days (UTC arithmetic: no zone, no DST). */
export function addDaysToDay(day: string, days: number): string {
  const d = dayDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The zone's offset on a day, as the grid's corner shows it: "GMT-3". */
export function formatZoneOffset(timeZone: string, day: string, locale: Locale): string {
  if (!day) return '';
  const parts = dateFormat(locale, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(`${day}T12:00:00Z`));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** The zone by its name in the teacher's language: "hora de Argentina", "Central European Time"; the IANA id when Intl has no name. */
export function formatZoneName(timeZone: string, locale: Locale): string {
  const parts = dateFormat(locale, { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
  const name = parts.find((p) => p.type === 'timeZoneName')?.value;
  return name && !/^GMT[+-−]/.test(name) ? name : timeZone;
}

/** The zone's offset at an instant, as the grid's corner writes it: "GMT+2". */
export function formatZoneOffsetAt(ms: number, timeZone: string, locale: Locale): string {
  return dateFormat(locale, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}
