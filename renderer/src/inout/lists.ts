import type { LocalDate } from '../../../shared/week-range';

/**
 * Small pure rules of the search list and the export dialog.
 */

/** The next active option of a listbox of `count` options (wrapping), from none (-1) or `current`. */
export function stepOption(count: number, current: number, delta: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return delta === 1 ? 0 : count - 1;
  return (current + delta + count) % count;
}

/** Searching waits this long after the last key. */
export const SEARCH_DEBOUNCE_MS = 200;

/** What the search box sends, or null for nothing to search (the contract wants 1 to 200 characters after trimming). */
export function searchQuery(text: string): string | null {
  const query = text.trim().slice(0, 200);
  return query === '' ? null : query;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An export range's problem: a missing day, or "to" before "from"; null when it is fine. */
export function rangeProblem(from: string, to: string): 'missing' | 'order' | null {
  if (!DAY.test(from) || !DAY.test(to)) return 'missing';
  return to < from ? 'order' : null;
}

/** The export's default range: the week on screen, first to last day. */
export function weekRange(days: readonly LocalDate[]): { from: LocalDate; to: LocalDate } | null {
  const from = days[0];
  const to = days[days.length - 1];
  return from && to ? { from, to } : null;
}

const resultDay = new Map<string, Intl.DateTimeFormat>();
/** A search result's day in the zone, with the year (results span all weeks): "mié 25 nov 2026" / "Wed, Nov 25, 2026". */
export function formatResultDay(instant: string, timeZone: string, intlLocale: string): string {
  const key = `${intlLocale}|${timeZone}`;
  let f = resultDay.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale, { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    resultDay.set(key, f);
  }
  return f.format(new Date(instant)).replace(/\./g, '').replace(/ de /g, ' ');
}
