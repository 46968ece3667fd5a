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

type Host = Booking['bookedBy'] & { level?: string; town?: string; phone?: string };

/** One class counted for one student. Plain loops, no allocation per person: 20,000 classes in a few ms. */
function count(byKey: Map<string, Building>, b: Booking, start: number, now: number, key: string, name: string, email: string, host: Host | null): void {
  let s = byKey.get(key);
  if (!s) byKey.set(key, (s = fresh(key, name, email)));
  // The latest class's name and details are the freshest the desk has.
  if (start >= s.lastMs || s.name === s.email) s.name = name;
  if (host) {
    if (host.level) s.level = host.level;
    if (host.town) s.town = host.town;
    if (host.phone) s.phone = host.phone;
  }
  if (b.status === 'cancelled') {
    s.cancelled++;
    return;
  }
  s.classes++;
  if (b.payment?.state === 'paid') s.paid++;
  else s.unpaid++;
  if (start < s.firstMs) s.firstMs = start;
  if (start > s.lastMs) s.lastMs = start;
  if (start >= now && start < s.nextMs) s.nextMs = start;
}

export function buildStudents(bookings: Iterable<Booking>, now: number): StudentSummary[] {
  const byKey = new Map<string, Building>();
  const lower = new Map<string, string>();
  const keyOf = (email: string) => {
    let key = lower.get(email);
    if (key === undefined) lower.set(email, (key = email.toLowerCase()));
    return key;
  };
  for (const b of bookings) {
    const start = Date.parse(b.startTime);
    const host = b.bookedBy as Host;
    const hostKey = keyOf(host.email);
    count(byKey, b, start, now, hostKey, host.name, host.email, host);
    for (const p of b.participants) {
      if (!p.email) continue;
      const key = keyOf(p.email);
      if (key !== hostKey) count(byKey, b, start, now, key, p.name ?? p.email, p.email, null);
    }
  }
  const out: StudentSummary[] = [];
  const iso = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);
  for (const s of byKey.values()) {
    const { firstMs, lastMs, nextMs, ...summary } = s;
    out.push({ ...summary, first: iso(firstMs), last: iso(lastMs), next: iso(nextMs) });
  }
  const collator = new Intl.Collator('es', { sensitivity: 'base' });
  return out.sort((a, b) => collator.compare(a.name, b.name) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
