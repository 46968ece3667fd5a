import { fromZonedTime } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { formatZoneName, formatZoneOffsetAt } from '../../renderer/src/format';
import { translate } from '../../renderer/src/i18n';
import { dayWeight, layoutWeek, type BookingBox } from '../../renderer/src/week/layout';
import { offsetChange } from '../../renderer/src/week/zoned';
import { aBooking } from '../support/booking-fixture';

/** The week read at a glance (issue 13): DST marks, the zone's name, day widths, one order for columns and keys. */

const BA = 'America/Argentina/Buenos_Aires';
const MADRID = 'Europe/Madrid';

describe('offsetChange (the day the clocks change)', () => {
  it('finds Madrid\'s spring-forward and fall-back on the last Sundays of March and October, with the offsets on each side', () => {
    const march = offsetChange('2027-03-28', MADRID)!;
    expect([march.before, march.after]).toEqual([60, 120]);
    expect([formatZoneOffsetAt(march.beforeAt, MADRID, 'es'), formatZoneOffsetAt(march.afterAt, MADRID, 'es')]).toEqual(['GMT+1', 'GMT+2']);
    const october = offsetChange('2027-10-31', MADRID)!;
    expect([october.before, october.after]).toEqual([120, 60]);
  });

  it('finds no change on the days around it, nor in a zone without DST', () => {
    for (const day of ['2027-03-27', '2027-03-29', '2027-10-30', '2027-11-01']) expect(offsetChange(day, MADRID), day).toBeNull();
    expect(offsetChange('2027-03-28', BA)).toBeNull();
  });
});

describe('formatZoneName', () => {
  it('names the zone in the teacher\'s language, and falls back to the IANA id when Intl only has an offset', () => {
    expect(formatZoneName(BA, 'es')).toMatch(/Argentina/);
    expect(formatZoneName(BA, 'es')).not.toBe(BA);
    expect(formatZoneName(MADRID, 'en')).toBe('Central European Time');
    expect(formatZoneName('UTC', 'en')).toBe('UTC');
  });
});

describe('dayWeight', () => {
  const box = (columns: number) => ({ columns }) as BookingBox;
  it('gives an empty day less width, unless it is today or the clocks change on it; a day with classes side by side more', () => {
    expect(dayWeight([], false, false)).toBeLessThan(1);
    expect(dayWeight([], true, false)).toBe(1);
    expect(dayWeight([], false, true)).toBe(1);
    expect(dayWeight([box(1)], false, false)).toBe(1);
    expect(dayWeight([box(1), box(2)], false, false)).toBe(2);
    expect(dayWeight([box(5)], false, false)).toBeLessThanOrEqual(2.6);
  });
});

describe('same-time classes', () => {
  it('sit left to right in the keyboard order (time, then name), whatever their ids or the order they are stored in', () => {
    const at = (name: string, id: string) =>
      aBooking({
        id,
        bookedBy: { name, email: 'x@example.com' },
        startTime: fromZonedTime('2026-11-25T17:00:00', BA).toISOString(),
        endTime: fromZonedTime('2026-11-25T18:00:00', BA).toISOString(),
      });
    const zoe = at('Zoe', '00000000-0000-4000-8000-000000000001');
    const ana = at('Ana', '00000000-0000-4000-8000-000000000002');
    const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
    for (const bookings of [[zoe, ana], [ana, zoe]]) {
      const layout = layoutWeek({ bookings, busyBlocks: [], days, timeZone: BA, hours: { startHour: 8, endHour: 22 } });
      expect(layout.order).toEqual([ana.id, zoe.id]);
      const wednesday = layout.days[2] as BookingBox[];
      expect(wednesday.map((b) => [b.booking.bookedBy.name, b.column])).toEqual([
        ['Ana', 0],
        ['Zoe', 1],
      ]);
    }
  });
});

describe('waiting for Meet', () => {
  it('says Google is still preparing the link, not "attempt 2" as if something failed', () => {
    expect(translate('es', 'confirm.step.waiting-for-meet.attempt', { n: 2 })).toBe('Google todavía prepara el enlace de Meet (consulta 2)');
    expect(translate('en', 'confirm.step.waiting-for-meet.attempt', { n: 2 })).not.toMatch(/attempt/i);
  });
});
