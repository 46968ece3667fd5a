import { createHash } from 'node:crypto';
import type { Booking } from '../../shared/booking';

/**
 * Ids the desk hands to Google, derived from the class so that every retry,
 * every restart and every second device asks for the same thing: Google's
 * 409 on a used event id is what makes confirm happen exactly once.
 */

/** Google's rule for client-chosen event ids: base32hex (a-v, 0-9), 5 to 1024 characters. */
export const EVENT_ID_PATTERN = /^[a-v0-9]{5,1024}$/;

/** Marks the id as the desk's; 't' and 'd' are base32hex letters. */
const EVENT_ID_PREFIX = 'td';

/** The calendar event id of a booking: "td" + the UUID's 32 hex digits (hex is a subset of base32hex). */
export function eventIdFor(bookingId: string): string {
  const hex = bookingId.toLowerCase().replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`booking id "${bookingId}" is not a UUID`);
  return `${EVENT_ID_PREFIX}${hex}`;
}

/**
 * The platform's own identity of a class: its VirtualClass _id, else its
 * preferenceId; null for a class made by hand. Every desk that imports the
 * same platform file sees the same key, whatever id it gave the booking.
 */
export function classKeyOf(booking: Pick<Booking, 'platformId' | 'preferenceId'>): string | null {
  if (booking.platformId) return `vc:${booking.platformId}`;
  if (booking.preferenceId) return `pref:${booking.preferenceId}`;
  return null;
}

/** "tdk" + 40 hex digits of the key's SHA-256 ('k' is not a hex digit, so it never meets a booking-id one). */
export function eventIdForKey(classKey: string): string {
  return `${EVENT_ID_PREFIX}k${createHash('sha256').update(classKey).digest('hex').slice(0, 40)}`;
}

/**
 * The event id a confirm asks for: from the platform's identity when the
 * class has one (one event on every desk), else from the desk's booking id.
 */
export function eventIdForBooking(booking: Pick<Booking, 'id' | 'platformId' | 'preferenceId'>): string {
  const key = classKeyOf(booking);
  return key ? eventIdForKey(key) : eventIdFor(booking.id);
}

/**
 * The Meet createRequest id for the n-th conference attempt on an event.
 * Google ignores a createRequest whose requestId it has seen, so a retry of
 * the same attempt (from any desk) never makes a second conference, and
 * after a `failure` the next attempt number asks for a fresh one.
 */
export function conferenceRequestIdFor(eventId: string, attempt: number): string {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`conference attempt must be a positive integer, got ${attempt}`);
  return `${eventId}-meet-${attempt}`;
}

/** The attempt number inside a requestId made by conferenceRequestIdFor, or null for any other id. */
export function conferenceAttemptOf(requestId: string | null | undefined): number | null {
  const match = /-meet-(\d+)$/.exec(requestId ?? '');
  return match ? Number(match[1]) : null;
}
