import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';

/**
 * Private extended properties that mark an event as made by the desk.
 * Private ones live only on the teacher's copy of the event: students
 * (attendees) never see them.
 */
export const DESK_MARK = 'teacherDesk';
export const DESK_BOOKING_ID = 'teacherDeskBookingId';
/** Set when the class is completed; see README.md "Complete". */
export const DESK_STATUS = 'teacherDeskStatus';

/** The booking id an event carries when the desk made it, else null (the teacher's own or the platform's events). */
export function deskBookingIdOf(event: calendar_v3.Schema$Event): string | null {
  const props = event.extendedProperties?.private;
  return props?.[DESK_MARK] === '1' && props[DESK_BOOKING_ID] ? props[DESK_BOOKING_ID] : null;
}
