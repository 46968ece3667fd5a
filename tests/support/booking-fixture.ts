import { randomUUID } from 'node:crypto';
import { fromZonedTime } from 'date-fns-tz';
import type { Booking, NewBooking } from '../../shared/booking';

/**
 * Valid bookings for tests, written out once: each test overrides only the
 * fields it is about. (Many seeded bookings at once, the same on every run,
 * come from tests/bench/fixtures.ts.)
 */

/** A valid booking: a pending individual class of an hour, booked on the platform, not yet on the calendar, made now. */
export function aBooking(overrides: Partial<Booking> = {}): Booking {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    preferenceId: `pref-${randomUUID().slice(0, 8)}`,
    platformId: null,
    source: 'platform',
    bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' },
    participants: [],
    startTime: '2026-11-24T17:00:00-03:00',
    endTime: '2026-11-24T18:00:00-03:00',
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
    ...overrides,
  };
}

/** A valid pending booking of an hour starting at a wall-clock time ("17:00") on a day in a zone. */
export function bookingAt(day: string, time: string, timeZone: string, overrides: Partial<Booking> = {}): Booking {
  const start = fromZonedTime(`${day}T${time}:00`, timeZone);
  const end = new Date(start.getTime() + 60 * 60 * 1000);
  return aBooking({ startTime: start.toISOString(), endTime: end.toISOString(), ...overrides });
}

let serial = 0;

/**
 * A scheduled class made by hand, from `startTime` to `endTime`, with its
 * own Meet link: what the tray and the reminders work from. Ids, students
 * and links are numbered, so each call gives another class.
 */
export function aScheduledClass(startTime: string, endTime: string, overrides: Partial<Booking> = {}): Booking {
  serial += 1;
  return aBooking({
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    preferenceId: null,
    source: 'manual',
    bookedBy: { name: `Student ${serial}`, email: `s${serial}@example.com` },
    startTime,
    endTime,
    classPrice: 0,
    learningFocus: null,
    status: 'scheduled',
    meetLink: `https://meet.google.com/abc-defg-${String(serial).padStart(3, '0').slice(-3)}`,
    createdAt: '2026-11-01T12:00:00Z',
    updatedAt: '2026-11-01T12:00:00Z',
    ...overrides,
  });
}

/** What the new-class form sends main (createBooking): an individual class of an hour. */
export function aNewBooking(overrides: Partial<NewBooking> = {}): NewBooking {
  return {
    bookedBy: { name: 'Ana', email: 'ana@example.com' },
    startTime: '2026-12-01T17:00:00-03:00',
    endTime: '2026-12-01T18:00:00-03:00',
    classType: 'individual',
    maxParticipants: 1,
    classPrice: 15000,
    learningFocus: null,
    ...overrides,
  };
}
