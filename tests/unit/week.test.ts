import { describe, expect, it } from 'vitest';
import { localDateOf, shiftWeek, startOfLocalDay, weekContaining } from '../../shared/week';

/**
 * The week shown is a fact of the teacher's zone, never of the machine's:
 * every check runs with the process in several machine zones (Node applies
 * a change of process.env.TZ at once).
 */

const hours = (week: { from: string; to: string }) => (Date.parse(week.to) - Date.parse(week.from)) / 3_600_000;

const CHECKS: [string, () => void][] = [
  [
    'a week starting on Monday holds the day, Monday to Sunday',
    () => {
      const week = weekContaining('2026-11-25', 'America/Argentina/Buenos_Aires', 1);
      expect(week.start).toBe('2026-11-23');
      expect(week.days).toEqual(['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
      expect(week.from).toBe('2026-11-23T03:00:00.000Z');
      expect(week.to).toBe('2026-11-30T03:00:00.000Z');
      expect(weekContaining('2026-11-23', 'America/Argentina/Buenos_Aires', 1).start).toBe('2026-11-23');
      expect(weekContaining('2026-11-29', 'America/Argentina/Buenos_Aires', 1).start).toBe('2026-11-23');
      expect(weekContaining('2026-11-30', 'America/Argentina/Buenos_Aires', 1).start).toBe('2026-11-30');
    },
  ],
  [
    'a week starting on Sunday holds the day, Sunday to Saturday',
    () => {
      const week = weekContaining('2026-11-25', 'America/Argentina/Buenos_Aires', 0);
      expect(week.start).toBe('2026-11-22');
      expect(week.days.at(-1)).toBe('2026-11-28');
      expect(week.from).toBe('2026-11-22T03:00:00.000Z');
      expect(weekContaining('2026-11-22', 'America/Argentina/Buenos_Aires', 0).start).toBe('2026-11-22');
      expect(weekContaining('2026-11-28', 'America/Argentina/Buenos_Aires', 0).start).toBe('2026-11-22');
    },
  ],
  [
    'a week across a month and a year end',
    () => {
      expect(weekContaining('2027-01-01', 'America/Argentina/Buenos_Aires', 1).days).toEqual([
        '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03',
      ]);
    },
  ],
  [
    'the week of the spring change in Madrid has 167 hours',
    () => {
      // Clocks go forward on Sunday 2026-03-29 at 02:00.
      const week = weekContaining('2026-03-25', 'Europe/Madrid', 1);
      expect(week.from).toBe('2026-03-22T23:00:00.000Z'); // midnight at +01:00
      expect(week.to).toBe('2026-03-29T22:00:00.000Z'); // midnight at +02:00
      expect(hours(week)).toBe(167);
      // A week starting on Sunday has the change on its first day.
      const sundayWeek = weekContaining('2026-03-29', 'Europe/Madrid', 0);
      expect(sundayWeek.from).toBe('2026-03-28T23:00:00.000Z');
      expect(hours(sundayWeek)).toBe(167);
      expect(hours(weekContaining('2026-04-01', 'Europe/Madrid', 1))).toBe(168);
    },
  ],
  [
    'the week of the autumn change in Madrid has 169 hours',
    () => {
      // Clocks go back on Sunday 2026-10-25 at 03:00.
      const week = weekContaining('2026-10-21', 'Europe/Madrid', 1);
      expect(week.from).toBe('2026-10-18T22:00:00.000Z');
      expect(week.to).toBe('2026-10-25T23:00:00.000Z');
      expect(hours(week)).toBe(169);
      expect(hours(weekContaining('2026-10-25', 'Europe/Madrid', 0))).toBe(169);
    },
  ],
  [
    'a zone far from Buenos Aires gets its own week bounds',
    () => {
      const tokyo = weekContaining('2026-11-24', 'Asia/Tokyo', 1);
      expect(tokyo.from).toBe('2026-11-22T15:00:00.000Z');
      expect(hours(tokyo)).toBe(168);
      expect(weekContaining('2026-11-24', 'Pacific/Auckland', 1).from).toBe('2026-11-22T11:00:00.000Z'); // +13:00 in summer
    },
  ],
  [
    'the day of an instant depends on the zone asked, not the machine',
    () => {
      expect(localDateOf('2026-11-24T02:30:00Z', 'America/Argentina/Buenos_Aires')).toBe('2026-11-23');
      expect(localDateOf('2026-11-24T02:30:00Z', 'Asia/Tokyo')).toBe('2026-11-24');
      expect(localDateOf(new Date('2026-11-24T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-11-24');
      expect(localDateOf(new Date('2026-11-24T15:00:00Z'), 'Asia/Tokyo')).toBe('2026-11-25');
      expect(startOfLocalDay('2026-03-29', 'Europe/Madrid').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    },
  ],
  [
    'weeks shift by seven calendar days',
    () => {
      expect(shiftWeek('2026-11-24', 1)).toBe('2026-12-01');
      expect(shiftWeek('2026-01-02', -1)).toBe('2025-12-26');
      expect(shiftWeek('2026-03-25', 1)).toBe('2026-04-01');
    },
  ],
];

function inMachineZone(zone: string, run: () => void): void {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    run();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe(`weeks, machine zone as started (TZ=${process.env.TZ ?? 'unset'})`, () => {
  it.each(CHECKS)('%s', (_name, check) => check());
});

// UTC+12 and beyond (New Zealand all year, Fiji, Tonga, Samoa, Kiribati): noon UTC is already tomorrow there.
describe.each(['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/Madrid', 'America/Argentina/Buenos_Aires', 'Pacific/Auckland', 'Pacific/Kiritimati'])(
  'weeks, machine zone %s',
  (zone) => {
    it.each(CHECKS)('%s', (_name, check) => inMachineZone(zone, check));
  },
);
