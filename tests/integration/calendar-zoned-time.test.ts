import { formatInTimeZone } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { eventTimeToIso, toZonedIso } from '../../main/calendar/zoned-time';
import { CONFIGURED_ZONE } from './support/calendar-harness';

/** toZonedIso caches offsets per day for speed; it must write exactly what date-fns-tz writes, DST days included. */
describe('toZonedIso', () => {
  const zones = [CONFIGURED_ZONE, 'UTC', 'Europe/Madrid', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Pacific/Kiritimati'];

  it.each(zones)('matches date-fns-tz in %s over decades, every 97 hours and a bit', (zone) => {
    const mismatches: string[] = [];
    for (let t = Date.parse('2000-01-01T00:00:00Z'); t < Date.parse('2036-01-01T00:00:00Z'); t += 97 * 3_600_000 + 1_234) {
      const expected = formatInTimeZone(t, zone, "yyyy-MM-dd'T'HH:mm:ssXXX");
      const actual = toZonedIso(t, zone);
      if (actual !== expected && mismatches.push(`${new Date(t).toISOString()}: ${actual} != ${expected}`) > 5) break;
    }
    expect(mismatches).toEqual([]);
  });

  it('matches at the minutes around offset changes (Buenos Aires, Madrid, Lord Howe half-hour DST)', () => {
    for (const [zone, around] of [
      ['America/Argentina/Buenos_Aires', '2007-12-30T03:00:00Z'],
      ['America/Argentina/Buenos_Aires', '2008-03-16T02:00:00Z'],
      ['Europe/Madrid', '2026-03-29T01:00:00Z'],
      ['Europe/Madrid', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
    ] as const) {
      for (let m = -90; m <= 90; m++) {
        const t = Date.parse(around) + m * 60_000;
        expect(toZonedIso(t, zone)).toBe(formatInTimeZone(t, zone, "yyyy-MM-dd'T'HH:mm:ssXXX"));
      }
    }
  });

  it('reads Google event times into the configured zone, all-day dates at local midnight', () => {
    expect(eventTimeToIso({ dateTime: '2026-11-24T20:00:00Z' }, CONFIGURED_ZONE)).toBe('2026-11-24T17:00:00-03:00');
    expect(eventTimeToIso({ dateTime: '2026-11-25T05:00:00+09:00', timeZone: 'Asia/Tokyo' }, CONFIGURED_ZONE)).toBe('2026-11-24T17:00:00-03:00');
    expect(eventTimeToIso({ date: '2026-12-08' }, CONFIGURED_ZONE)).toBe('2026-12-08T00:00:00-03:00');
    expect(eventTimeToIso({}, CONFIGURED_ZONE)).toBeNull();
  });
});
