import type { Booking } from '../booking';
import { peopleOf } from './earnings';

/**
 * The teacher's students, built from the bookings: everyone who booked a
 * class, and the other students of group classes the desk knows by
 * e-mail. One pass over the bookings; a student is known by e-mail
 * (lower-cased), as the platform's User is unique by it.
 */

export interface StudentSummary {
  /** The e-mail, lower-cased: how the list, the search and the history name a student. */
  key: string;
  name: string;
  email: string;
  level: string | null;
  town: string | null;
  phone: string | null;
  /** Classes not cancelled. */
  classes: number;
  paid: number;
  /** Not cancelled and not paid (waiting, rejected or unknown). */
  unpaid: number;
  cancelled: number;
  /** Start of the first and last class not cancelled, and of the next one to come. */
  first: string | null;
  last: string | null;
  next: string | null;
}

interface Building extends StudentSummary {
  firstMs: number;
  lastMs: number;
  nextMs: number;
}

function fresh(key: string, name: string, email: string): Building {
  return { key, name, email, level: null, town: null, phone: null, classes: 0, paid: 0, unpaid: 0, cancelled: 0, first: null, last: null, next: null, firstMs: Infinity, lastMs: -Infinity, nextMs: Infinity };
}

/** Each person of a class with what the booking says of them. */
function* peopleWithDetails(b: Booking): Generator<{ key: string; name: string; email: string; level?: string; town?: string; phone?: string }> {
  const host = b.bookedBy as Booking['bookedBy'] & { level?: string; town?: string; phone?: string };
  yield { key: host.email.toLowerCase(), name: host.name, email: host.email, level: host.level, town: host.town, phone: host.phone };
  for (const p of b.participants) {
    if (!p.email) continue;
    const key = p.email.toLowerCase();
    if (key === host.email.toLowerCase()) continue;
    yield { key, name: p.name ?? p.email, email: p.email };
  }
}

export function buildStudents(bookings: Iterable<Booking>, now: number): StudentSummary[] {
  const byKey = new Map<string, Building>();
  for (const b of bookings) {
    const start = Date.parse(b.startTime);
    for (const person of peopleWithDetails(b)) {
      let s = byKey.get(person.key);
      if (!s) byKey.set(person.key, (s = fresh(person.key, person.name, person.email)));
      // The latest class's name and details are the freshest the desk has.
      if (start >= s.lastMs || s.name === s.email) s.name = person.name;
      s.level = person.level ?? s.level;
      s.town = person.town ?? s.town;
      s.phone = person.phone ?? s.phone;
      if (b.status === 'cancelled') {
        s.cancelled++;
        continue;
      }
      s.classes++;
      if (b.payment?.state === 'paid') s.paid++;
      else s.unpaid++;
      if (start < s.firstMs) s.firstMs = start;
      if (start > s.lastMs) s.lastMs = start;
      if (start >= now && start < s.nextMs) s.nextMs = start;
    }
  }
  const out: StudentSummary[] = [];
  const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
  for (const s of byKey.values()) {
    const { firstMs, lastMs, nextMs, ...summary } = s;
    out.push({ ...summary, first: iso(firstMs), last: iso(lastMs), next: iso(nextMs) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'es', { sensitivity: 'base' }) || a.key.localeCompare(b.key));
}

/** Lower case without accents, so "perez" finds "Pérez". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Students whose name or e-mail holds every word of the query. */
export function searchStudents(students: readonly StudentSummary[], query: string): StudentSummary[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...students];
  return students.filter((s) => {
    const text = foldForSearch(`${s.name} ${s.email} ${s.town ?? ''}`);
    return words.every((w) => text.includes(w));
  });
}

/** A student's classes: upcoming soonest first, then past most recent first. */
export function studentClasses(bookings: Iterable<Booking>, key: string, now: number): { upcoming: Booking[]; past: Booking[] } {
  const upcoming: Booking[] = [];
  const past: Booking[] = [];
  for (const b of bookings) {
    if (!peopleOf(b).includes(key)) continue;
    (Date.parse(b.endTime) > now ? upcoming : past).push(b);
  }
  upcoming.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
  past.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
  return { upcoming, past };
}
