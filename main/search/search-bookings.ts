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
  /** The stored bookings, read without copies (the store's all()): every keystroke reads them all. */
  all(): readonly Booking[];
}

interface Keys {
  /** The texts the keys were folded from, to tell whether the booking changed. */
  from: readonly string[];
  people: string;
  preference: string;
}

/**
 * Folded keys by booking id. A booking whose texts changed is folded again
 * (comparing the texts is far cheaper than folding).
 */
const cache = new Map<string, Keys>();

function textsOf(b: Booking): string[] {
  const texts = [b.bookedBy.name, b.bookedBy.email, b.preferenceId ?? ''];
  for (const p of b.participants) texts.push(p.name ?? '', p.email ?? '');
  return texts;
}

function keysOf(b: Booking): Keys {
  const texts = textsOf(b);
  const cached = cache.get(b.id);
  if (cached && cached.from.length === texts.length && cached.from.every((text, i) => text === texts[i])) return cached;
  const keys = { from: texts, people: foldText([texts[0], texts[1], ...texts.slice(3)].join('\u0001')), preference: compactCode(texts[2] as string) };
  cache.set(b.id, keys);
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
  for (const booking of store.all()) {
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
