import { ACCESS_CODE_ALPHABET, type Booking, type ClassType } from '../../shared/booking';

/**
 * A deterministic generator of valid bookings, for benchmarks and tests:
 * the same (count, seed) always gives the same bookings, byte for byte,
 * whatever the machine's clock or time zone.
 */

export interface FixtureOptions {
  /** Changes every generated value; default 1. */
  seed?: number;
  /** First class day (a Monday works best), YYYY-MM-DD; default 2026-01-05. */
  firstDay?: string;
}

/** Small fast PRNG (mulberry32): deterministic, good enough for fixtures. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Ana', 'Bruno', 'Camila', 'Diego', 'Elena', 'Facundo', 'Gabriela', 'Hernán', 'Inés', 'Joaquín', 'Lucía', 'Martín'];
const LAST_NAMES = ['Pérez', 'González', 'Rodríguez', 'Fernández', 'López', 'Martínez', 'Sosa', 'Romero'];
const FOCUSES = ['Job interview practice', 'Travel vocabulary', 'Phrasal verbs', 'Pronunciation', 'Business e-mails', null];
/** Group totals in ARS by number of students (platform prices). */
const GROUP_PRICES: Record<number, number> = { 2: 30000, 3: 36000, 4: 48000, 5: 60000 };
const INDIVIDUAL_PRICE = 15000;
/** Class hours in Buenos Aires (-03:00): 17, 18, 19 and 20 o'clock. */
const SLOTS = [17, 18, 19, 20];
const DAY_MS = 86_400_000;

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function hex(random: () => number, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += Math.floor(random() * 16).toString(16);
  return out;
}

/** A version-4 shaped UUID from the PRNG (zod's uuid() checks version and variant bits). */
export function seededUuid(random: () => number): string {
  const variant = '89ab'[Math.floor(random() * 4)];
  return `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-${variant}${hex(random, 3)}-${hex(random, 12)}`;
}

function letters(random: () => number, length: number, alphabet: string): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The platform writes Buenos Aires times with a fixed -03:00 offset. */
function buenosAires(dayMs: number, hour: number): string {
  const d = new Date(dayMs);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(hour)}:00:00-03:00`;
}

/**
 * `count` valid bookings on the platform's slots (Monday to Saturday,
 * 17:00 to 21:00 Buenos Aires, one hour each), consecutive from `firstDay`,
 * already sorted by start time.
 */
export function makeBookings(count: number, options: FixtureOptions = {}): Booking[] {
  const random = seededRandom(options.seed ?? 1);
  let dayMs = Date.parse(`${options.firstDay ?? '2026-01-05'}T00:00:00Z`);
  let slot = 0;
  const bookings: Booking[] = [];
  for (let i = 0; i < count; i++) {
    if (slot === SLOTS.length) {
      slot = 0;
      dayMs += DAY_MS;
      if (new Date(dayMs).getUTCDay() === 0) dayMs += DAY_MS; // no classes on Sunday
    }
    const hour = SLOTS[slot++] as number;
    const classType: ClassType = random() < 0.7 ? 'individual' : 'grupal';
    const maxParticipants = classType === 'individual' ? 1 : 2 + Math.floor(random() * 4);
    const name = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    const email = `${name.normalize('NFD').replace(/[^a-zA-Z ]/g, '').replace(' ', '.').toLowerCase()}${i}@example.com`;
    const status = pick(random, ['pending', 'scheduled', 'scheduled', 'completed', 'cancelled'] as const);
    const hasEvent = status !== 'pending';
    const eventId = hasEvent ? `evt${hex(random, 20)}` : null;
    const created = buenosAires(dayMs - 3 * DAY_MS, 10);
    bookings.push({
      id: seededUuid(random),
      preferenceId: `123456789-${seededUuid(random)}`,
      platformId: hex(random, 24),
      source: 'platform',
      bookedBy: { name, email },
      participants:
        classType === 'grupal'
          ? Array.from({ length: maxParticipants - 1 }, () => ({ platformUserId: hex(random, 24) }))
          : [],
      startTime: buenosAires(dayMs, hour),
      endTime: buenosAires(dayMs, hour + 1),
      classType,
      maxParticipants,
      currentParticipants: maxParticipants,
      classPrice: classType === 'individual' ? INDIVIDUAL_PRICE : (GROUP_PRICES[maxParticipants] as number),
      learningFocus: pick(random, FOCUSES),
      hostType: 'anfitrion',
      status,
      googleEventId: eventId,
      accessCode: hasEvent ? letters(random, 8, ACCESS_CODE_ALPHABET) : null,
      meetLink: hasEvent ? `https://meet.google.com/${letters(random, 3, 'abcdefghijkmnopqrstuvwxyz')}-${letters(random, 4, 'abcdefghijkmnopqrstuvwxyz')}-${letters(random, 3, 'abcdefghijkmnopqrstuvwxyz')}` : null,
      calendarLink: hasEvent ? `https://www.google.com/calendar/event?eid=${eventId}` : null,
      summary: 'Clase de Inglés',
      createdAt: created,
      updatedAt: created,
    });
  }
  return bookings;
}
