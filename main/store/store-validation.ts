import { BookingSchema, describeIssues, type Booking } from '../../shared/booking';
import { CalendarStateSchema, type CalendarState } from '../../shared/calendar';

/**
 * Validation of stored data. Stored bookings are deep-frozen and remembered
 * here, so a mutation re-validates only the bookings it replaced or added:
 * an untouched booking is the very same (frozen) object.
 */

/** Data the store refuses; the message names the booking and field, and fits after "because" or "not saved:". */
export class StoreDataError extends Error {
  override readonly name = 'StoreDataError';
}

const validated = new WeakSet<object>();

function deepFreeze<T extends Booking>(booking: T): T {
  Object.freeze(booking.bookedBy);
  for (const participant of booking.participants) Object.freeze(participant);
  Object.freeze(booking.participants);
  if (booking.payment) Object.freeze(booking.payment);
  return Object.freeze(booking);
}

/** True for a booking that came out of toStoredBooking: valid and frozen. */
export function isStoredBooking(value: unknown): value is Booking {
  return typeof value === 'object' && value !== null && validated.has(value);
}

/** "booking 3f2a… (Ana Pérez, 2026-11-24T17:00:00-03:00)", from whatever fields are there. */
export function describeBooking(raw: unknown, position: number): string {
  const b = (typeof raw === 'object' && raw !== null ? raw : {}) as { id?: unknown; bookedBy?: { name?: unknown }; startTime?: unknown };
  const details = [b.bookedBy?.name, b.startTime].filter((part) => typeof part === 'string' && part !== '');
  const id = typeof b.id === 'string' && b.id !== '' ? b.id : `number ${position + 1} in the list`;
  return `booking ${id}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** A stored booking: already validated and frozen, or parsed now. */
export function toStoredBooking(raw: unknown, position: number): Booking {
  if (isStoredBooking(raw)) return raw;
  const result = BookingSchema.safeParse(raw);
  if (!result.success) throw new StoreDataError(`${describeBooking(raw, position)}: ${describeIssues(result.error)}`);
  const booking = deepFreeze(result.data);
  validated.add(booking);
  return booking;
}

/** JSON of stored bookings, so a snapshot or journal line costs one JSON.stringify per booking ever. */
const bookingJson = new WeakMap<object, string>();

/** The JSON of a stored (frozen) booking, cached: its JSON never changes. */
export function storedJson(booking: Booking): string {
  let json = bookingJson.get(booking);
  if (json === undefined) {
    json = JSON.stringify(booking);
    if (Object.isFrozen(booking)) bookingJson.set(booking, json);
  }
  return json;
}

/**
 * A booking parsed from a line the store wrote itself and proved intact
 * (checksum): it was validated before it was written, so it is only frozen
 * and remembered, not checked again.
 */
export function trustedBooking(parsed: Booking, json: string): Booking {
  const booking = deepFreeze(parsed);
  validated.add(booking);
  bookingJson.set(booking, json);
  return booking;
}

/** Ids are the store's keys; a Google event belongs to one booking only (the platform's duplicate-event fault). */
export function checkUnique(bookings: readonly Booking[]): void {
  const ids = new Set<string>();
  const events = new Map<string, string>();
  for (const b of bookings) {
    if (ids.has(b.id)) throw new StoreDataError(`two bookings have the same id ${b.id}`);
    ids.add(b.id);
    if (b.googleEventId === null) continue;
    const other = events.get(b.googleEventId);
    if (other !== undefined) throw new StoreDataError(`booking ${b.id} has googleEventId ${b.googleEventId}, which already belongs to booking ${other}`);
    events.set(b.googleEventId, b.id);
  }
}

export function toStoredBookings(raw: unknown): Booking[] {
  if (!Array.isArray(raw)) throw new StoreDataError('"bookings" is not a list');
  const bookings = raw.map(toStoredBooking);
  checkUnique(bookings);
  return bookings;
}

export function toCalendarState(raw: unknown): CalendarState {
  const result = CalendarStateSchema.safeParse(raw);
  if (!result.success) throw new StoreDataError(`the calendar state is not valid (calendar: ${describeIssues(result.error)})`);
  return result.data;
}

/** The stored calendar state is frozen too, so a draft can share its busy blocks instead of copying them. */
export function freezeCalendar(calendar: CalendarState): CalendarState {
  for (const block of calendar.busyBlocks) Object.freeze(block);
  Object.freeze(calendar.busyBlocks);
  return Object.freeze(calendar);
}
