import { fromZonedTime } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import type { BusyBlock } from '../../shared/calendar';
import { fitHours, layoutWeek, nowPosition, type BookingBox, type HourRange, type WeekBox, type WeekLayout } from '../../renderer/src/week/layout';
import { wallTime } from '../../renderer/src/week/zoned';
import { offsetMinutes } from '../../shared/zone-offset';
import { makeBookings } from '../bench/fixtures';

/**
 * The week layout is pure and must not depend on the machine's zone: these
 * tests pass under any TZ (CI runs them as they are, and with
 * TZ=Asia/Tokyo and TZ=America/Los_Angeles), and one test changes TZ
 * in-process to prove it.
 */

const BA = 'America/Argentina/Buenos_Aires';
const MADRID = 'Europe/Madrid';
const ALL_DAY: HourRange = { startHour: 0, endHour: 24 };
const WORK: HourRange = { startHour: 8, endHour: 22 };

const template = makeBookings(1)[0]!;
let counter = 0;
/** A booking from wall-clock times in a zone ("2026-11-25 17:00"); `end` may be on another day. */
function booking(zone: string, start: string, end: string, fields: Partial<Booking> = {}): Booking {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return {
    ...template,
    id,
    bookedBy: { name: `Student ${counter}`, email: `s${counter}@example.com` },
    startTime: fromZonedTime(start.replace(' ', 'T') + ':00', zone).toISOString(),
    endTime: fromZonedTime(end.replace(' ', 'T') + ':00', zone).toISOString(),
    ...fields,
  };
}
/** A booking from exact instants (for DST edge cases where the wall time is ambiguous). */
function bookingUtc(startIso: string, endIso: string): Booking {
  counter++;
  return { ...template, id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, startTime: startIso, endTime: endIso };
}
function busy(zone: string, start: string, end: string, eventId = `busy${++counter}`): BusyBlock {
  return {
    eventId,
    startTime: fromZonedTime(start.replace(' ', 'T') + ':00', zone).toISOString(),
    endTime: fromZonedTime(end.replace(' ', 'T') + ':00', zone).toISOString(),
  };
}

/** Seven days from `first`, computed in UTC only, so these tests depend on nothing but the layout. */
function weekFrom(first: string): string[] {
  return Array.from({ length: 7 }, (_, i) => {
    const d = new Date(`${first}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    return d.toISOString().slice(0, 10);
  });
}

const bookingBoxes = (layout: WeekLayout): BookingBox[] => layout.days.flat().filter((b): b is BookingBox => b.kind === 'booking');
const boxOf = (layout: WeekLayout, id: string): BookingBox[] => bookingBoxes(layout).filter((b) => b.booking.id === id);
const only = (layout: WeekLayout, id: string): BookingBox => {
  const boxes = boxOf(layout, id);
  expect(boxes).toHaveLength(1);
  return boxes[0]!;
};
const cols = (box: WeekBox) => [box.column, box.columns];

// A week in Buenos Aires: Monday 23 to Sunday 29 November 2026.
const baWeek = { days: weekFrom('2026-11-23') };

describe('placement in the configured zone', () => {
  it('places a class by its wall-clock start and end in the zone', () => {
    const b = booking(BA, '2026-11-25 17:00', '2026-11-25 18:00');
    const layout = layoutWeek({ bookings: [b], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: WORK });
    const box = only(layout, b.id);
    expect(box.dayIndex).toBe(2); // Wednesday
    expect([box.startMinute, box.endMinute]).toEqual([17 * 60, 18 * 60]);
    expect(box.top).toBeCloseTo((17 - 8) / 14, 10);
    expect(box.height).toBeCloseTo(1 / 14, 10);
    expect(cols(box)).toEqual([0, 1]);
    expect(box.crossesMidnight).toBe(false);
    expect(box.primary).toBe(true);
  });

  it('reads a -03:00 booking as a Tokyo teacher sees it when the zone is Tokyo (different from the machine and the data)', () => {
    // 20:00 in Buenos Aires on Wednesday is 08:00 on Thursday in Tokyo.
    const b = booking(BA, '2026-11-25 20:00', '2026-11-25 21:00');
    const tokyoWeek = { days: weekFrom('2026-11-23') };
    const layout = layoutWeek({ bookings: [b], busyBlocks: [], days: tokyoWeek.days, timeZone: 'Asia/Tokyo', hours: WORK });
    const box = only(layout, b.id);
    expect(tokyoWeek.days[box.dayIndex]).toBe('2026-11-26');
    expect([box.startMinute, box.endMinute]).toEqual([8 * 60, 9 * 60]);
  });

  it('gives the same layout whatever the machine zone (TZ changed in-process)', () => {
    const bookings = [
      booking(BA, '2026-11-25 17:00', '2026-11-25 18:00'),
      booking(BA, '2026-11-25 17:30', '2026-11-25 18:30'),
      booking(BA, '2026-11-28 23:30', '2026-11-29 00:30'),
    ];
    const blocks = [busy(BA, '2026-11-24 09:00', '2026-11-24 12:00')];
    const run = () => layoutWeek({ bookings, busyBlocks: blocks, days: baWeek.days, timeZone: BA, hours: WORK });
    const original = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles', 'Europe/Madrid', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
        process.env.TZ = tz;
        results.push(JSON.stringify(run()));
      }
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    expect(new Set(results).size).toBe(1);
  });

  it('reads wall time and offsets in any zone', () => {
    const ms = Date.parse('2026-11-25T20:00:00Z');
    expect(wallTime(ms, BA)).toEqual({ day: '2026-11-25', minute: 17 * 60 });
    expect(wallTime(ms, 'Asia/Tokyo')).toEqual({ day: '2026-11-26', minute: 5 * 60 });
    expect(wallTime(ms, 'Asia/Kathmandu')).toEqual({ day: '2026-11-26', minute: 1 * 60 + 45 });
    expect(offsetMinutes(ms, 'America/Los_Angeles')).toBe(-8 * 60);
  });

  it('clips to the visible hours and counts classes entirely outside them', () => {
    const early = booking(BA, '2026-11-24 06:00', '2026-11-24 07:00');
    const straddle = booking(BA, '2026-11-24 07:30', '2026-11-24 08:30');
    const late = booking(BA, '2026-11-24 22:00', '2026-11-24 23:00');
    const layout = layoutWeek({ bookings: [early, straddle, late], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: WORK });
    expect(boxOf(layout, early.id)).toHaveLength(0);
    expect(boxOf(layout, late.id)).toHaveLength(0);
    expect(layout.hidden[1]).toEqual({ before: 1, after: 1 });
    const box = only(layout, straddle.id);
    expect([box.startMinute, box.endMinute, box.top, box.clippedTop, box.clippedBottom]).toEqual([8 * 60, 8 * 60 + 30, 0, true, false]);
    // Keyboard order still knows every class of the week.
    expect(layout.order).toEqual([early.id, straddle.id, late.id]);
  });

  it('fitHours widens the working hours to whole hours holding every class, but not for busy blocks', () => {
    const input = { days: baWeek.days, timeZone: BA };
    expect(fitHours({ ...input, bookings: [booking(BA, '2026-11-24 06:30', '2026-11-24 07:15'), booking(BA, '2026-11-26 22:10', '2026-11-26 22:40')] }, WORK)).toEqual({ startHour: 6, endHour: 23 });
    expect(fitHours({ ...input, bookings: [booking(BA, '2026-11-24 17:00', '2026-11-24 18:00')] }, WORK)).toEqual(WORK);
    expect(fitHours({ ...input, bookings: [booking(BA, '2026-11-24 23:00', '2026-11-25 01:00')] }, WORK)).toEqual({ startHour: 0, endHour: 24 });
  });

  it('rejects an impossible hour range', () => {
    expect(() => layoutWeek({ bookings: [], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: { startHour: 10, endHour: 10 } })).toThrow(RangeError);
  });
});

describe('overlaps', () => {
  const day = '2026-11-25';
  const lay = (bookings: Booking[], busyBlocks: BusyBlock[] = []) => layoutWeek({ bookings, busyBlocks, days: baWeek.days, timeZone: BA, hours: WORK });

  it('puts two overlapping classes side by side', () => {
    const a = booking(BA, `${day} 17:00`, `${day} 18:00`);
    const b = booking(BA, `${day} 17:30`, `${day} 18:30`);
    const layout = lay([b, a]);
    expect(cols(only(layout, a.id))).toEqual([0, 2]);
    expect(cols(only(layout, b.id))).toEqual([1, 2]);
    // Page order is time order.
    expect(layout.days[2]!.map((x) => (x as BookingBox).booking.id)).toEqual([a.id, b.id]);
  });

  it('puts three classes that all overlap in three columns', () => {
    const a = booking(BA, `${day} 17:00`, `${day} 19:00`);
    const b = booking(BA, `${day} 17:00`, `${day} 18:00`);
    const c = booking(BA, `${day} 17:30`, `${day} 18:30`);
    const layout = lay([c, b, a]);
    // Same start: the longer one first.
    expect(cols(only(layout, a.id))).toEqual([0, 3]);
    expect(cols(only(layout, b.id))).toEqual([1, 3]);
    expect(cols(only(layout, c.id))).toEqual([2, 3]);
    for (const id of [a.id, b.id, c.id]) expect(only(layout, id).span).toBe(1);
  });

  it('lays a chain (A overlaps B, B overlaps C, A and C do not) in two columns and reuses the free one', () => {
    const a = booking(BA, `${day} 10:00`, `${day} 11:00`);
    const b = booking(BA, `${day} 10:30`, `${day} 11:30`);
    const c = booking(BA, `${day} 11:00`, `${day} 12:00`);
    const d = booking(BA, `${day} 11:45`, `${day} 12:30`);
    const layout = lay([a, b, c, d]);
    expect(cols(only(layout, a.id))).toEqual([0, 2]);
    expect(cols(only(layout, b.id))).toEqual([1, 2]);
    expect(cols(only(layout, c.id))).toEqual([0, 2]);
    // D overlaps C only: same cluster (through the chain), first free column is 1, and it may widen no further.
    expect(cols(only(layout, d.id))).toEqual([1, 2]);
  });

  it('lets a box widen into free columns to its right', () => {
    const a = booking(BA, `${day} 10:00`, `${day} 12:00`);
    const b = booking(BA, `${day} 10:00`, `${day} 10:30`);
    const c = booking(BA, `${day} 10:00`, `${day} 10:30`);
    const d = booking(BA, `${day} 11:00`, `${day} 11:30`);
    const layout = lay([a, b, c, d]);
    expect(cols(only(layout, d.id))).toEqual([1, 3]);
    expect(only(layout, d.id).span).toBe(2);
    expect(only(layout, b.id).span).toBe(1);
  });

  it('starts a new group after a gap and when one class ends as the next begins', () => {
    const a = booking(BA, `${day} 17:00`, `${day} 18:00`);
    const b = booking(BA, `${day} 18:00`, `${day} 19:00`);
    const c = booking(BA, `${day} 19:30`, `${day} 20:00`);
    const layout = lay([a, b, c]);
    for (const x of [a, b, c]) expect(cols(only(layout, x.id))).toEqual([0, 1]);
  });

  it('keeps overlaps per day: same times on different days do not share columns', () => {
    const a = booking(BA, '2026-11-24 17:00', '2026-11-24 18:00');
    const b = booking(BA, '2026-11-25 17:00', '2026-11-25 18:00');
    const layout = lay([a, b]);
    expect(cols(only(layout, a.id))).toEqual([0, 1]);
    expect(cols(only(layout, b.id))).toEqual([0, 1]);
  });

  it('puts a class beside a busy block it clashes with', () => {
    const a = booking(BA, `${day} 17:00`, `${day} 18:00`);
    const layout = lay([a], [busy(BA, `${day} 16:00`, `${day} 17:30`, 'dentist')]);
    const boxes = layout.days[2]!;
    expect(boxes.map((b) => [b.kind, b.column, b.columns])).toEqual([
      ['busy', 0, 2],
      ['booking', 1, 2],
    ]);
  });
});

describe('midnight', () => {
  it('splits a class that crosses midnight into one box per day', () => {
    const b = booking(BA, '2026-11-25 23:00', '2026-11-26 01:00');
    const layout = layoutWeek({ bookings: [b], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: ALL_DAY });
    const [first, second] = boxOf(layout, b.id);
    expect(first).toMatchObject({ dayIndex: 2, startMinute: 23 * 60, endMinute: 24 * 60, continuesToNextDay: true, continuesFromPreviousDay: false, crossesMidnight: true, primary: true });
    expect(second).toMatchObject({ dayIndex: 3, startMinute: 0, endMinute: 60, continuesToNextDay: false, continuesFromPreviousDay: true, crossesMidnight: true, primary: false });
    expect(first!.height + first!.top).toBeCloseTo(1, 10);
    expect(layout.order).toEqual([b.id]);
  });

  it('keeps a class that ends exactly at midnight on its own day', () => {
    const b = booking(BA, '2026-11-25 23:00', '2026-11-26 00:00');
    const box = only(layoutWeek({ bookings: [b], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: ALL_DAY }), b.id);
    expect(box).toMatchObject({ dayIndex: 2, startMinute: 23 * 60, endMinute: 24 * 60, crossesMidnight: false, continuesToNextDay: false });
  });

  it('shows only the part inside the week of a class crossing into or out of it', () => {
    const fromLastWeek = booking(BA, '2026-11-22 23:30', '2026-11-23 00:30'); // Sunday before -> Monday
    const intoNextWeek = booking(BA, '2026-11-29 23:30', '2026-11-30 00:30'); // Sunday -> next Monday
    const layout = layoutWeek({ bookings: [fromLastWeek, intoNextWeek], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: ALL_DAY });
    expect(only(layout, fromLastWeek.id)).toMatchObject({ dayIndex: 0, startMinute: 0, endMinute: 30, continuesFromPreviousDay: true, primary: true });
    expect(only(layout, intoNextWeek.id)).toMatchObject({ dayIndex: 6, startMinute: 23 * 60 + 30, endMinute: 24 * 60, continuesToNextDay: true });
  });

  it('clips the night part of a split class to the visible hours', () => {
    const b = booking(BA, '2026-11-25 21:00', '2026-11-26 09:00');
    const layout = layoutWeek({ bookings: [b], busyBlocks: [], days: baWeek.days, timeZone: BA, hours: WORK });
    const [evening, morning] = boxOf(layout, b.id);
    expect(evening).toMatchObject({ dayIndex: 2, startMinute: 21 * 60, endMinute: 22 * 60, clippedBottom: true, continuesToNextDay: true });
    expect(morning).toMatchObject({ dayIndex: 3, startMinute: 8 * 60, endMinute: 9 * 60, clippedTop: true, continuesFromPreviousDay: true });
  });
});

describe('daylight-saving days in Europe/Madrid', () => {
  // 2026: clocks go forward on Sunday 29 March at 02:00 (a 23-hour day) and back on Sunday 25 October at 03:00 (25 hours).
  const march = { days: weekFrom('2026-03-23') };
  const october = { days: weekFrom('2026-10-19') };
  const lay = (days: string[], bookings: Booking[], busyBlocks: BusyBlock[] = [], hours = ALL_DAY) => layoutWeek({ bookings, busyBlocks, days, timeZone: MADRID, hours });

  it('uses the weeks holding the changes (Monday to Sunday)', () => {
    expect(march.days[6]).toBe('2026-03-29');
    expect(october.days[6]).toBe('2026-10-25');
    expect(new Date(`${march.days[0]}T12:00:00Z`).getUTCDay()).toBe(1);
  });

  it('spring forward: a 17:00 class sits on the 17:00 line, as on the day before', () => {
    const saturday = booking(MADRID, '2026-03-28 17:00', '2026-03-28 18:00');
    const sunday = booking(MADRID, '2026-03-29 17:00', '2026-03-29 18:00');
    expect(Date.parse(sunday.startTime) - Date.parse(saturday.startTime)).toBe(23 * 3600_000);
    const layout = lay(march.days, [saturday, sunday], [], WORK);
    expect(only(layout, saturday.id)).toMatchObject({ dayIndex: 5, startMinute: 1020, endMinute: 1080 });
    expect(only(layout, sunday.id)).toMatchObject({ dayIndex: 6, startMinute: 1020, endMinute: 1080 });
    expect(only(layout, sunday.id).top).toBe(only(layout, saturday.id).top);
  });

  it('spring forward: a class across the skipped hour is drawn as the clock reads (01:30 to 03:30 for one real hour)', () => {
    const b = bookingUtc('2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'); // 01:30 CET -> 03:30 CEST
    expect(only(lay(march.days, [b]), b.id)).toMatchObject({ dayIndex: 6, startMinute: 90, endMinute: 210 });
  });

  it('spring forward: the whole 23-hour day fills exactly one column', () => {
    const block = busy(MADRID, '2026-03-29 00:00', '2026-03-30 00:00', 'all-day');
    expect(Date.parse(block.endTime) - Date.parse(block.startTime)).toBe(23 * 3600_000);
    const boxes = lay(march.days, [], [block]).days.flat();
    expect(boxes.map((b) => [b.dayIndex, b.startMinute, b.endMinute, b.top, b.height])).toEqual([[6, 0, 1440, 0, 1]]);
  });

  it('fall back: a 17:00 class sits on the 17:00 line, as on the day before', () => {
    const saturday = booking(MADRID, '2026-10-24 17:00', '2026-10-24 18:00');
    const sunday = booking(MADRID, '2026-10-25 17:00', '2026-10-25 18:00');
    expect(Date.parse(sunday.startTime) - Date.parse(saturday.startTime)).toBe(25 * 3600_000);
    const layout = lay(october.days, [saturday, sunday], [], WORK);
    expect(only(layout, saturday.id)).toMatchObject({ dayIndex: 5, startMinute: 1020, endMinute: 1080 });
    expect(only(layout, sunday.id)).toMatchObject({ dayIndex: 6, startMinute: 1020, endMinute: 1080 });
  });

  it('fall back: classes in the two passes of the repeated hour share its rows, side by side', () => {
    const firstPass = bookingUtc('2026-10-25T00:15:00Z', '2026-10-25T00:45:00Z'); // 02:15-02:45 CEST
    const secondPass = bookingUtc('2026-10-25T01:15:00Z', '2026-10-25T01:45:00Z'); // 02:15-02:45 CET
    const layout = lay(october.days, [secondPass, firstPass]);
    expect(only(layout, firstPass.id)).toMatchObject({ dayIndex: 6, startMinute: 135, endMinute: 165, column: 0, columns: 2 });
    expect(only(layout, secondPass.id)).toMatchObject({ dayIndex: 6, startMinute: 135, endMinute: 165, column: 1, columns: 2 });
    // Time order knows which came first.
    expect(layout.order).toEqual([firstPass.id, secondPass.id]);
  });

  it('fall back: a class whose wall end is not after its wall start keeps its real length', () => {
    const b = bookingUtc('2026-10-25T00:30:00Z', '2026-10-25T01:30:00Z'); // 02:30 CEST -> 02:30 CET, one real hour
    expect(only(lay(october.days, [b]), b.id)).toMatchObject({ dayIndex: 6, startMinute: 150, endMinute: 210 });
    const shorter = bookingUtc('2026-10-25T00:40:00Z', '2026-10-25T01:10:00Z'); // 02:40 CEST -> 02:10 CET
    expect(only(lay(october.days, [shorter]), shorter.id)).toMatchObject({ startMinute: 160, endMinute: 190 });
  });

  it('fall back: the whole 25-hour day fills exactly one column and nothing spills into Monday', () => {
    const block = busy(MADRID, '2026-10-25 00:00', '2026-10-26 00:00', 'all-day');
    expect(Date.parse(block.endTime) - Date.parse(block.startTime)).toBe(25 * 3600_000);
    const boxes = lay(october.days, [], [block]).days.flat();
    expect(boxes.map((b) => [b.dayIndex, b.startMinute, b.endMinute])).toEqual([[6, 0, 1440]]);
  });

  it('a class crossing midnight into the DST day is split at the wall midnight', () => {
    const b = booking(MADRID, '2026-03-28 23:00', '2026-03-29 04:00'); // four real hours: 23-24, 00-02, 03-04
    const [first, second] = boxOf(lay(march.days, [b]), b.id);
    expect(first).toMatchObject({ dayIndex: 5, startMinute: 1380, endMinute: 1440 });
    expect(second).toMatchObject({ dayIndex: 6, startMinute: 0, endMinute: 240 });
  });
});

describe('now-line', () => {
  it('is on the right day and height in the zone, and absent outside the week or hours', () => {
    const now = Date.parse('2026-11-25T20:30:00Z'); // 17:30 in Buenos Aires, Wednesday
    expect(nowPosition(now, baWeek.days, BA, WORK)).toEqual({ dayIndex: 2, top: (17.5 - 8) / 14, minute: 17 * 60 + 30 });
    expect(nowPosition(now, baWeek.days, BA, { startHour: 8, endHour: 12 })).toBeNull();
    expect(nowPosition(Date.parse('2026-12-02T20:30:00Z'), baWeek.days, BA, WORK)).toBeNull();
    // The same instant is Thursday 05:30 in Tokyo.
    const tokyo = { days: weekFrom('2026-11-23') };
    expect(nowPosition(now, tokyo.days, 'Asia/Tokyo', ALL_DAY)?.dayIndex).toBe(3);
  });
});

describe('a crowded week', () => {
  it('lays out 500 classes in one week with every box inside its column and the order complete', () => {
    const days = weekFrom('2026-01-05');
    // 500 classes of 30 to 90 minutes between 08:00 and 22:00, many overlapping.
    const bookings = makeBookings(500).map((b, i) => {
      const day = days[i % 7]!;
      const startMinute = 8 * 60 + ((i * 37) % (13 * 60));
      const length = 30 + ((i * 13) % 61);
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return booking(BA, `${day} ${hhmm(startMinute)}`, `${day} ${hhmm(startMinute + length)}`, { status: b.status });
    });
    const layout = layoutWeek({ bookings, busyBlocks: [], days, timeZone: BA, hours: WORK });
    expect(layout.order).toHaveLength(500);
    expect(bookingBoxes(layout)).toHaveLength(500);
    expect(Math.max(...layout.days.flat().map((b) => b.columns))).toBeGreaterThan(3);
    for (const dayBoxes of layout.days) {
      for (const box of dayBoxes) {
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.top + box.height).toBeLessThanOrEqual(1 + 1e-9);
        expect(box.column + box.span).toBeLessThanOrEqual(box.columns);
        // No two boxes of a day that overlap in time share a column.
        for (const other of dayBoxes) {
          if (other !== box && other.column === box.column) expect(other.startMinute >= box.endMinute || other.endMinute <= box.startMinute).toBe(true);
        }
      }
    }
  });
});
