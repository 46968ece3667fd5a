import { randomUUID } from 'node:crypto';
import { fromZonedTime } from 'date-fns-tz';
import type { Booking } from '../../../shared/booking';
import { openBookingStore } from '../../../main/store/booking-store';

/** A valid pending booking at a wall-clock time in a zone. */
export function bookingAt(day: string, time: string, timeZone: string, fields: Partial<Booking> = {}): Booking {
  const start = fromZonedTime(`${day}T${time}:00`, timeZone);
  const end = new Date(start.getTime() + 60 * 60 * 1000);
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    preferenceId: `pref-${randomUUID().slice(0, 8)}`,
    platformId: null,
    source: 'platform',
    bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' },
    participants: [],
    startTime: start.toISOString(),
    endTime: end.toISOString(),
    classType: 'individual',
    maxParticipants: 1,
    currentParticipants: 1,
    classPrice: 15000,
    learningFocus: 'Job interview practice',
    hostType: 'anfitrion',
    status: 'pending',
    googleEventId: null,
    accessCode: null,
    meetLink: null,
    calendarLink: null,
    summary: 'Clase de Inglés',
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
}

/** Writes bookings into the data directory through the real store, before the app starts. */
export async function seedBookings(dataDir: string, bookings: Booking[]): Promise<void> {
  const store = await openBookingStore({ dataDir, clock: () => new Date() });
  await store.mutate((draft) => {
    draft.bookings.push(...bookings);
  });
}
