import { fromZonedTime } from 'date-fns-tz';
import type { Booking } from '../../../shared/booking';
import type { BusyBlock } from '../../../shared/calendar';
import { openBookingStore } from '../../../main/store/booking-store';

/**
 * Seeding for the week view's end-to-end tests: bookings and the busy
 * blocks of other calendar events, written through the real store before
 * the harness starts.
 */

/** A busy block at wall-clock times of a day in a zone. */
export function busyAt(day: string, from: string, to: string, timeZone: string, eventId: string): BusyBlock {
  return {
    eventId,
    startTime: fromZonedTime(`${day}T${from}:00`, timeZone).toISOString(),
    endTime: fromZonedTime(`${day}T${to}:00`, timeZone).toISOString(),
  };
}

export async function seedWeek(dataDir: string, data: { bookings: Booking[]; busyBlocks?: BusyBlock[] }): Promise<void> {
  const store = await openBookingStore({ dataDir, clock: () => new Date() });
  try {
    await store.mutate((draft) => {
      draft.bookings.push(...data.bookings);
      draft.calendar = { ...draft.calendar, busyBlocks: [...draft.calendar.busyBlocks, ...(data.busyBlocks ?? [])] };
    });
  } finally {
    await store.close();
  }
}

/** A day shifted by whole days (UTC arithmetic, no zone involved). */
export function shiftDay(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
