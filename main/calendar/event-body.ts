import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import type { Booking } from '../../shared/booking';
import { DESK_ACCESS_CODE, DESK_BOOKING_ID, DESK_CLASS_KEY, DESK_MARK } from './desk-marker';
import { classKeyOf, conferenceRequestIdFor, eventIdForBooking } from './event-ids';
import type { CalendarSettings } from './types';
import { toZonedIso } from './zoned-time';

/**
 * The platform's text, with its grammar mended: "será" takes its accent
 * and the noun agrees with the count ("1 participante", "3 participantes").
 * Like the platform, the count is the class size the student paid for
 * (maxParticipants).
 */
export function classDescription(booking: Pick<Booking, 'classType' | 'maxParticipants'>): string {
  const n = Math.max(1, booking.maxParticipants);
  return `La clase será ${booking.classType} con ${n} ${n === 1 ? 'participante' : 'participantes'}`;
}

/** Start and end in the configured zone, with `timeZone` on both so Google never guesses from the machine's clock. */
export function eventTimes(slot: Pick<Booking, 'startTime' | 'endTime'>, timeZone: string): Pick<calendar_v3.Schema$Event, 'start' | 'end'> {
  return {
    start: { dateTime: toZonedIso(slot.startTime, timeZone), timeZone },
    end: { dateTime: toZonedIso(slot.endTime, timeZone), timeZone },
  };
}

export function meetCreateRequest(requestId: string): calendar_v3.Schema$ConferenceData {
  return { createRequest: { requestId, conferenceSolutionKey: { type: 'hangoutsMeet' } } };
}

/**
 * The event a confirmed booking becomes. Students are attendees so `sendUpdates: 'all'` can e-mail them; whether it does is the teacher's choice.
 * The id and Meet request id come from the class (event-ids.ts); the class key and access code ride along privately so another desk adopts both.
 */
export function eventBodyFor(booking: Booking, settings: CalendarSettings, accessCode: string): calendar_v3.Schema$Event {
  const id = eventIdForBooking(booking);
  const key = classKeyOf(booking);
  const emails = new Set<string>([booking.bookedBy.email.toLowerCase()]);
  for (const p of booking.participants) if (p.email) emails.add(p.email.toLowerCase());
  return {
    id,
    summary: settings.classDefaults.summary,
    description: classDescription(booking),
    ...eventTimes(booking, settings.timeZone),
    transparency: 'opaque',
    attendees: [...emails].map((email) => (email === booking.bookedBy.email.toLowerCase() ? { email, displayName: booking.bookedBy.name } : { email })),
    // Group classes gather students who may not know each other: keep their addresses private.
    guestsCanSeeOtherGuests: false,
    conferenceData: meetCreateRequest(conferenceRequestIdFor(id, 1)),
    extendedProperties: { private: { [DESK_MARK]: '1', [DESK_BOOKING_ID]: booking.id, [DESK_ACCESS_CODE]: accessCode, ...(key ? { [DESK_CLASS_KEY]: key } : {}) } },
  };
}
