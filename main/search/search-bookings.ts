import type { Booking } from '../../shared/booking';
import { systemClock, type Clock } from '../clock';
import { compactCode, foldText } from './fold-text';

/**
 * Search across all weeks by student name or e-mail (also a group's other
 * students), preferenceId, or access code. Accents and case do not matter;
 * an access code must be typed whole (spaces and dashes ignored), since a
 * fragment of one would match by chance. Upcoming classes come first,
 * nearest first, then past ones, most recent first.
 */

export interface SearchableStore {
  list(): readonly Booking[];
}

interface Keys {
  people: string;
  preference: string;
}

/** Folded keys of each booking, kept while the booking object lives: stored bookings are replaced, never edited, so the cache cannot go stale. */
const cache = new WeakMap<Booking, Keys>();

function keysOf(b: Booking): Keys {
  let keys = cache.get(b);
  if (keys === undefined) {
    const people = [b.bookedBy.name, b.bookedBy.email, ...b.participants.flatMap((p) => [p.name ?? '', p.email ?? ''])];
    keys = { people: foldText(people.join('\u0001')), preference: b.preferenceId === null ? '' : compactCode(b.preferenceId) };
    cache.set(b, keys);
  }
  return keys;
}

function matches(b: Booking, words: readonly string[], code: string): boolean {
  const keys = keysOf(b);
  // Short fragments of ids would match by chance; names match from one letter, as the teacher types.
  if (code.length >= 4 && (b.accessCode === code || keys.preference.includes(code))) return true;
  return words.every((word) => keys.people.includes(word));
}

export function searchBookings(store: SearchableStore, query: string, limit = 50, clock: Clock = systemClock): Booking[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (words.length === 0 || limit <= 0) return [];
  const code = compactCode(query);
  const now = clock().getTime();
  const found: { booking: Booking; start: number; upcoming: boolean }[] = [];
  for (const booking of store.list()) {
    if (!matches(booking, words, code)) continue;
    // A class under way counts as upcoming: the teacher is most likely looking for it.
    found.push({ booking, start: Date.parse(booking.startTime), upcoming: Date.parse(booking.endTime) > now });
  }
  found.sort((a, b) => {
    if (a.upcoming !== b.upcoming) return a.upcoming ? -1 : 1;
    return a.upcoming ? a.start - b.start : b.start - a.start;
  });
  return found.slice(0, limit).map((f) => f.booking);
}
