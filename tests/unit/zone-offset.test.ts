import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as ZoneOffset from '../../shared/zone-offset';
import { seededRandom } from '../bench/fixtures';

/**
 * shared/zone-offset caches offsets by UTC day and finds each change to
 * the second; date-fns-tz asks Intl at every instant. They must agree at
 * every instant, around every change from 1970 to 2040, in zones with
 * half-hour DST (Lord Howe), :45 offsets (Chatham, Kathmandu), +14
 * (Kiritimati, which skipped a day in 1994), changes at local midnight
 * (Santiago) and off the quarter hour (St. John's until 2011), whatever
 * the machine's zone, and whatever order instants are asked in.
 *
 * date-fns-tz's answers are taken once with the machine in UTC: it reads
 * wall times through the machine's zone, which can go wrong inside the
 * machine's own DST gaps. (Its getTimezoneOffset(zone, date) reads `date`
 * as a wall time, not an instant, so it is wrong for the hours after each
 * change; the offset here is the one formatInTimeZone writes.) The module
 * is then loaded afresh, empty caches, under each machine zone.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ZONES = [
  'Europe/Madrid',
  'America/New_York',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Chatham',
  'America/St_Johns',
  'America/Argentina/Buenos_Aires',
  'UTC',
  'Etc/GMT+12',
  'Asia/Kathmandu',
  'Pacific/Kiritimati',
];
const MACHINE_ZONES = ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Australia/Lord_Howe', 'Pacific/Kiritimati', 'America/St_Johns'];
const FROM = Date.parse('1970-01-01T00:00:00Z');
const TO = Date.parse('2040-01-01T00:00:00Z');
/** Not a whole number of hours or seconds, so samples fall at every time of day and between seconds. */
const STEP = 11 * DAY + 7 * HOUR + 13 * MINUTE + 1_234;
/** Around each change: either side of its second, within it, and the hours a wrong cache would get wrong. */
const AROUND_CHANGE = [-14 * HOUR, -3 * HOUR, -HOUR, -15 * MINUTE, -SECOND - 1, -SECOND, -1, 0, 1, SECOND - 1, SECOND, 15 * MINUTE, HOUR, 3 * HOUR, 14 * HOUR];

type ZoneOffsetModule = typeof ZoneOffset;

interface Sample {
  zone: string;
  ms: number;
  /** What formatInTimeZone writes: "2026-11-24T17:00:00-03:00". */
  iso: string;
  offset: number;
}
interface Change {
  zone: string;
  /** The first whole second with the new offset. */
  at: number;
  before: number;
  after: number;
}
interface Wall {
  zone: string;
  /** A wall time written as if UTC. */
  wall: number;
  /** fromZonedTime's instant, or in a gap the time after it. */
  expected: number;
  inGap: boolean;
}

const reference = (ms: number, zone: string) => formatInTimeZone(ms, zone, "yyyy-MM-dd'T'HH:mm:ssXXX");

function offsetOf(iso: string): number {
  if (iso.endsWith('Z')) return 0;
  const sign = iso.at(-6) === '-' ? -1 : 1;
  return sign * (Number(iso.slice(-5, -3)) * 60 + Number(iso.slice(-2)));
}

/** Intl's own name for the offset at an instant ("GMT-03:00"): only to find where changes are, to the second. */
function offsetNamer(zone: string): (ms: number) => string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (ms) => format.formatToParts(ms).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

function withMachineZone<T>(zone: string, run: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

function buildReference(): { samples: Sample[]; changes: Change[]; walls: Wall[] } {
  const samples: Sample[] = [];
  const changes: Change[] = [];
  const walls: Wall[] = [];
  const sample = (zone: string, ms: number): Sample => {
    const iso = reference(ms, zone);
    const s = { zone, ms, iso, offset: offsetOf(iso) };
    samples.push(s);
    return s;
  };
  for (const zone of ZONES) {
    const nameAt = offsetNamer(zone);
    let previous: Sample | undefined;
    for (let ms = FROM; ms < TO; ms += STEP) {
      const current = sample(zone, ms);
      if (previous && previous.offset !== current.offset) {
        // The first whole second with the new offset, between the two samples.
        let lo = Math.floor(previous.ms / SECOND) * SECOND;
        let hi = Math.floor(current.ms / SECOND) * SECOND;
        const before = nameAt(lo);
        while (hi - lo > SECOND) {
          const mid = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
          if (nameAt(mid) === before) lo = mid;
          else hi = mid;
        }
        const change = { zone, at: hi, before: offsetOf(reference(lo, zone)), after: offsetOf(reference(hi, zone)) };
        changes.push(change);
        for (const d of AROUND_CHANGE) sample(zone, hi + d);
        // Wall times just around the change, on both of its clocks.
        for (const offset of [change.before, change.after]) {
          for (const d of [-HOUR, -MINUTE, -1, 0, 1, MINUTE, HOUR]) {
            const wall = hi + offset * MINUTE + d;
            const inGap = change.after > change.before && wall >= hi + change.before * MINUTE && wall < hi + change.after * MINUTE;
            const expected = inGap ? wall - change.before * MINUTE : fromZonedTime(new Date(wall).toISOString().slice(0, 23), zone).getTime();
            walls.push({ zone, wall, expected, inGap });
          }
        }
      }
      previous = current;
    }
  }
  return { samples, changes, walls };
}

let samples: Sample[] = [];
let changes: Change[] = [];
let walls: Wall[] = [];

beforeAll(() => {
  ({ samples, changes, walls } = withMachineZone('UTC', buildReference));
}, 60_000);

/** The first few disagreements, or [] when there are none. */
function mismatches<T>(items: readonly T[], check: (item: T) => string | undefined): string[] {
  const found: string[] = [];
  for (const item of items) {
    const problem = check(item);
    if (problem && found.push(problem) >= 8) break;
  }
  return found;
}

/** The same items in an order of their own (a fixed seed), so the caches are filled out of order. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const at = (ms: number) => new Date(ms).toISOString();

it('the sweep covers the changes it is about', () => {
  const count = (zone: string) => changes.filter((c) => c.zone === zone).length;
  expect(count('Europe/Madrid')).toBeGreaterThan(90);
  expect(count('America/New_York')).toBeGreaterThan(130);
  expect(count('America/Santiago')).toBeGreaterThan(100);
  // Lord Howe moves by half an hour, Chatham between +12:45 and +13:45.
  expect(changes.some((c) => c.zone === 'Australia/Lord_Howe' && Math.abs(c.after - c.before) === 30)).toBe(true);
  expect(changes.some((c) => c.zone === 'Pacific/Chatham' && c.before === 12 * 60 + 45 && c.after === 13 * 60 + 45)).toBe(true);
  // Kiritimati went from -10:40 to -10:00 (1979), then skipped a day to +14:00 (1994); Kathmandu from +05:30 to +05:45 (1986).
  expect(changes.filter((c) => c.zone === 'Pacific/Kiritimati').map((c) => [c.before, c.after])).toEqual([[-640, -600], [-600, 840]]);
  expect(changes.filter((c) => c.zone === 'Asia/Kathmandu').map((c) => [c.before, c.after])).toEqual([[330, 345]]);
  expect(changes.filter((c) => c.zone === 'UTC' || c.zone === 'Etc/GMT+12')).toEqual([]);
  expect(walls.filter((w) => w.inGap).length).toBeGreaterThan(100);
});

describe.each(MACHINE_ZONES)('machine zone %s', (machineZone) => {
  let zoneOffset: ZoneOffsetModule;
  let saved: string | undefined;

  beforeAll(async () => {
    saved = process.env.TZ;
    process.env.TZ = machineZone;
    vi.resetModules();
    zoneOffset = await import('../../shared/zone-offset');
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('offsetMinutes gives the offset formatInTimeZone writes, instants asked in any order', () => {
    const seed = MACHINE_ZONES.indexOf(machineZone) + 1;
    expect(
      mismatches(shuffled(samples, seed), (s) => {
        const actual = zoneOffset.offsetMinutes(s.ms, s.zone);
        return actual === s.offset ? undefined : `${s.zone} at ${at(s.ms)}: ${actual} != ${s.offset}`;
      }),
    ).toEqual([]);
  });

  it('zonedIso writes what formatInTimeZone writes ("Z" at zero, :30 and :45 offsets)', () => {
    expect(
      mismatches(samples, (s) => {
        const actual = zoneOffset.zonedIso(s.ms, s.zone);
        return actual === s.iso ? undefined : `${s.zone} at ${at(s.ms)}: ${actual} != ${s.iso}`;
      }),
    ).toEqual([]);
  });

  it('changes offset on the second the change happens; a sub-second instant reads as its whole second', () => {
    expect(
      mismatches(changes, ({ zone, at: change, before, after }) => {
        const read = [change - SECOND, change - 1, change, change + 1, change + SECOND - 1].map((ms) => zoneOffset.offsetMinutes(ms, zone));
        const expected = [before, before, after, after, after];
        return read.every((offset, i) => offset === expected[i]) ? undefined : `${zone} at ${at(change)}: ${read.join()} != ${expected.join()}`;
      }),
    ).toEqual([]);
    expect(zoneOffset.zonedIso(Date.parse('2026-03-29T00:59:59.999Z'), 'Europe/Madrid')).toBe('2026-03-29T01:59:59+01:00');
    expect(zoneOffset.zonedIso(Date.parse('2026-03-29T01:00:00.000Z'), 'Europe/Madrid')).toBe('2026-03-29T03:00:00+02:00');
    expect(zoneOffset.zonedIso(Date.parse('1969-12-31T23:59:59.500Z'), 'UTC')).toBe('1969-12-31T23:59:59Z');
  });

  it('instantOfWallTime reads wall times back as fromZonedTime does; in a gap, the time after it', () => {
    expect(
      mismatches(shuffled(walls, 7), ({ zone, wall, expected }) => {
        const actual = zoneOffset.instantOfWallTime(wall, zone);
        return actual === expected ? undefined : `${zone} wall ${at(wall).slice(0, 23)}: ${at(actual)} != ${at(expected)}`;
      }),
    ).toEqual([]);
    // 02:30 the night Madrid skips from 02:00 to 03:00 is 03:30; New York skips west of Greenwich: 02:30 is 03:30 there too.
    expect(zoneOffset.zonedIso(zoneOffset.instantOfWallTime(Date.parse('2026-03-29T02:30:00Z'), 'Europe/Madrid'), 'Europe/Madrid')).toBe('2026-03-29T03:30:00+02:00');
    expect(zoneOffset.zonedIso(zoneOffset.instantOfWallTime(Date.parse('2026-03-08T02:30:00Z'), 'America/New_York'), 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
    expect(zoneOffset.zonedIso(zoneOffset.instantOfWallTime(Date.parse('2026-10-04T02:15:00Z'), 'Australia/Lord_Howe'), 'Australia/Lord_Howe')).toBe('2026-10-04T02:45:00+11:00');
  });
});

it('answers 50,000 instants of two years with one Intl call per day, not one per instant', async () => {
  vi.resetModules();
  const { offsetMinutes, zonedIso } = await import('../../shared/zone-offset');
  const random = seededRandom(11);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const days = 2 * 365;
  const instants = Array.from({ length: 50_000 }, () => start + Math.floor(random() * days * DAY));
  const formatToParts = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
  try {
    for (const zone of ['Europe/Madrid', 'America/Argentina/Buenos_Aires']) {
      for (const ms of instants) zonedIso(ms, zone);
      for (const ms of instants) offsetMinutes(ms, zone);
    }
    // Per zone, the offset at the start of each day (and of the day after the last); Madrid's 4 changes
    // are each found to the second in under 20 more.
    expect(formatToParts.mock.calls.length).toBeLessThanOrEqual(2 * (days + 1) + 4 * 20);
  } finally {
    formatToParts.mockRestore();
  }
  expect(zonedIso(Date.parse('2026-11-24T20:00:00Z'), 'America/Argentina/Buenos_Aires')).toBe('2026-11-24T17:00:00-03:00');
  expect(() => offsetMinutes(Number.NaN, 'Europe/Madrid')).toThrow(RangeError);
  expect(() => offsetMinutes(0, 'Not/A_Zone')).toThrow(RangeError);
});
