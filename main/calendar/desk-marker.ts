import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';

/**
 * Private extended properties that mark an event as made by the desk.
 * Private ones live only on the teacher's copy of the event: students
 * (attendees) never see them.
 */
export const DESK_MARK = 'teacherDesk';
export const DESK_BOOKING_ID = 'teacherDeskBookingId';
/** The platform's identity of the class (event-ids.ts classKeyOf), so another desk can find and adopt the event. */
export const DESK_CLASS_KEY = 'teacherDeskClassKey';
/** The access code the confirming desk gave the class; another desk adopting the event takes the same. */
export const DESK_ACCESS_CODE = 'teacherDeskAccessCode';
/** Set when the class is completed; see README.md "Complete". */
export const DESK_STATUS = 'teacherDeskStatus';

/** The booking id an event carries when the desk made it, else null (the teacher's own or the platform's events). */
export function deskBookingIdOf(event: calendar_v3.Schema$Event): string | null {
  const props = event.extendedProperties?.private;
  return props?.[DESK_MARK] === '1' && props[DESK_BOOKING_ID] ? props[DESK_BOOKING_ID] : null;
}

/** The class key a desk event carries, else null. */
export function deskClassKeyOf(event: calendar_v3.Schema$Event): string | null {
  const props = event.extendedProperties?.private;
  return props?.[DESK_MARK] === '1' && props[DESK_CLASS_KEY] ? props[DESK_CLASS_KEY] : null;
}

/** Whether a desk (this one or another) made the event. */
export function isDeskEvent(event: calendar_v3.Schema$Event): boolean {
  return event.extendedProperties?.private?.[DESK_MARK] === '1';
}
