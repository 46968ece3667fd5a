import type { Booking } from '../../shared/booking';
import type { EngineContext } from './context';
import { DESK_ACCESS_CODE, deskBookingIdOf, deskClassKeyOf, isDeskEvent } from './desk-marker';
import { classKeyOf } from './event-ids';
import type { CalendarEvent } from './google-calendar';
import { recognisePlatformEvent } from './platform-events';
import { eventTimeToIso, sameInstant } from './zoned-time';

/**
 * Finding the one event of a class that another desk, an older version of
 * this desk, or the platform's payment webhook already made, so confirm
 * adopts it instead of making a second event and a second Meet link.
 */

/** Whether the event is this booking's: made for it by this desk, or by any desk for the same platform class. */
export function isEventOfBooking(event: CalendarEvent, booking: Pick<Booking, 'id' | 'platformId' | 'preferenceId'>): boolean {
  if (deskBookingIdOf(event) === booking.id) return true;
  const key = classKeyOf(booking);
  return key !== null && deskClassKeyOf(event) === key;
}

/** The access code a desk wrote on the event, so every desk hands the students the same one. */
export function accessCodeOnEvent(event: CalendarEvent): string | null {
  return event.extendedProperties?.private?.[DESK_ACCESS_CODE] ?? null;
}

const alive = (event: CalendarEvent | null | undefined): event is CalendarEvent => !!event && event.status !== 'cancelled';

/**
 * Whether an event at the class's slot is this class made elsewhere: same
 * class key, an older desk's event without a key, or the platform's own
 * class event, at exactly the class's start and end. (Only for platform
 * classes; one class is never two, the teacher gives one class at a time.)
 */
export function isClassEventElsewhere(event: CalendarEvent, booking: Booking, timeZone: string): boolean {
  if (classKeyOf(booking) === null || !alive(event)) return false;
  const atSlot = sameInstant(eventTimeToIso(event.start, timeZone) ?? '', booking.startTime) && sameInstant(eventTimeToIso(event.end, timeZone) ?? '', booking.endTime);
  if (!atSlot) return false;
  return isEventOfBooking(event, booking) || (isDeskEvent(event) && deskClassKeyOf(event) === null && deskBookingIdOf(event) !== null) || recognisePlatformEvent(event, timeZone) !== null;
}

/**
 * Before inserting a platform class: the event the platform named
 * (googleEventId from its export), else an event at exactly the class's
 * start and end that is this class's (same class key), an older desk's
 * event without a key, or the platform's own class event. One class is
 * never two: the teacher gives one class at a time (calendar README).
 * Classes made by hand have no other maker; for them this asks Google nothing.
 */
export async function findClassEvent(ctx: EngineContext, booking: Booking): Promise<CalendarEvent | null> {
  if (classKeyOf(booking) === null) return null;
  const { calendarId, timeZone } = ctx.settings();
  if (booking.googleEventId) {
    const named = await ctx.google.getEvent(calendarId, booking.googleEventId);
    if (alive(named)) return named;
  }
  const list = await ctx.google.listEvents(calendarId, { timeMin: booking.startTime, timeMax: booking.endTime, singleEvents: true, maxResults: 50 });
  const inSlot = (list.items ?? []).filter(
    (e) => alive(e) && sameInstant(eventTimeToIso(e.start, timeZone) ?? '', booking.startTime) && sameInstant(eventTimeToIso(e.end, timeZone) ?? '', booking.endTime),
  );
  return (
    inSlot.find((e) => isEventOfBooking(e, booking)) ??
    inSlot.find((e) => isDeskEvent(e) && deskClassKeyOf(e) === null && deskBookingIdOf(e) !== null) ??
    inSlot.find((e) => recognisePlatformEvent(e, timeZone) !== null) ??
    null
  );
}
