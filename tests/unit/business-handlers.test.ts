import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { businessHandlers } from '../../main/business/handlers';
import { createEventBus } from '../../main/events';
import { memoryLogger } from '../../main/logger';
import { aBooking } from '../support/booking-fixture';

const NOW = new Date('2026-11-24T12:00:00Z');

function setup(bookings: Booking[]) {
  const reads = { all: 0, inRange: [] as [string, string][] };
  let version = 1;
  const store = {
    all: () => (reads.all++, bookings),
    version: () => version,
    inRange: (from: string, to: string) => (reads.inRange.push([from, to]), bookings.filter((b) => b.startTime < to && b.endTime > from)),
  };
  const events = createEventBus();
  const copied: string[] = [];
  const handlers = businessHandlers({ store, settings: { get: () => DEFAULT_SETTINGS }, clock: () => NOW, log: memoryLogger(), saveFile: async (name) => `/tmp/${name}`, writeClipboard: async (text) => void copied.push(text), events });
  return { reads, events, handlers, copied, change: () => version++ };
}

describe('business handlers', () => {
  const past = aBooking({ startTime: '2026-11-20T17:00:00-03:00', endTime: '2026-11-20T18:00:00-03:00', status: 'completed' });
  const next = aBooking({ startTime: '2026-11-25T17:00:00-03:00', endTime: '2026-11-25T18:00:00-03:00', bookedBy: { name: 'Otra', email: 'otra@example.com' } });

  it('keeps the students until bookings change, and gives a student’s classes', async () => {
    const { reads, events, handlers, copied, change } = setup([past, next]);
    expect((await handlers.listStudents({})).students.map((s) => s.key)).toEqual(['lucia@example.com', 'otra@example.com']);
    await handlers.listStudents({});
    expect(reads.all).toBe(1);
    events.emit('bookingsChanged', { reason: 'test' });
    await handlers.listStudents({});
    expect(reads.all).toBe(2);
    // The store's version alone says the bookings changed, with or without the event.
    change();
    await handlers.listStudents({});
    expect(reads.all).toBe(3);
    await handlers.listStudents({});
    expect(reads.all).toBe(3);
    const lucia = await handlers.getStudent({ key: 'lucia@example.com' });
    expect(lucia.past.map((b) => b.id)).toEqual([past.id]);
    await expect(Promise.resolve().then(() => handlers.getStudent({ key: 'nadie@example.com' }))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await handlers.copyStudentEmail({ key: 'otra@example.com' })).toEqual({ copied: true });
    expect(copied).toEqual(['otra@example.com']);
  });

  it('reads only the bookings of the year and weeks shown for the earnings', async () => {
    const { reads, handlers } = setup([past, next]);
    const earnings = await handlers.getEarnings({ anchor: '2026-11-20' });
    expect(reads.all).toBe(0);
    expect(reads.inRange).toHaveLength(1);
    expect(earnings.week).toMatchObject({ classesGiven: 1, minutesTaught: 60 });
    expect(await handlers.exportEarnings({ anchor: '2026-11-20', locale: 'en' })).toEqual({ savedTo: '/tmp/teacher-desk-earnings-2026-11-20.csv' });
  });
});
