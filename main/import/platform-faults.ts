import { AccessCodeSchema, type BookingStatus } from '../../shared/booking';
import { calendarEventLink, meetRoomLink } from '../../shared/links';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { readText } from './row-fields';
import type { NoteKind, RowNote } from './row-notes';
import { wallClock } from './zone-offset';

/**
 * The platform's known faults, as a row shows them, and what the import
 * does about each (platform-facts.md): the Meet link kept in htmlLink,
 * access codes from Math.random, a class left pending while its event
 * exists, classes imported before their payment was approved, and times
 * built from the student's clock with a fixed −03:00.
 */

type Note = (kind: NoteKind, message: string) => void;


export function readLinks(f: Record<string, unknown>, note: Note): { meetLink: string | null; calendarLink: string | null } {
  let meetLink: string | null = null;
  const calendarText = readText('calendarLink', f.calendarLink) ?? null;
  let calendarLink = calendarText === null ? null : calendarEventLink(calendarText);
  if (calendarText !== null && calendarLink === null) {
    note('meet-link', `calendar link "${calendarText}" is not a Google Calendar event link and was left out`);
  }
  // The platform keeps the Meet link in htmlLink; the desk's CSV calls it meetLink.
  const link = readText('meetLink', f.meetLink ?? f.htmlLink) ?? null;
  if (link !== null) {
    meetLink = meetRoomLink(link);
    const asCalendar = meetLink === null ? calendarEventLink(link) : null;
    if (asCalendar !== null) calendarLink ??= asCalendar;
    else if (meetLink === null) note('meet-link', `"${link}" is not an https meet.google.com link and was left out`);
  }
  return { meetLink, calendarLink };
}

export function readAccessCode(value: unknown, note: Note): string | null {
  const code = readText('accessCode', value) ?? null;
  if (code === null) return null;
  if (AccessCodeSchema.safeParse(code).success) return code;
  // The platform makes codes with Math.random: often shorter than 8, with 0/O/1/I/L. Guests could not rely on them.
  note('access-code', `access code "${code}" is not a valid 8-character code and was left out; the desk makes a new one when it confirms the class`);
  return null;
}

/**
 * The status a row is imported with. A payment known and not approved
 * makes it pending, never scheduled. A class pending on the platform whose
 * event and Meet link exist is scheduled: the platform creates the event
 * only after the payment is approved, then fails to mark the class when the
 * Meet link is slow. Students already have that link, and leaving the class
 * pending would make the desk's confirm create a second event (the
 * platform's other fault). Without a Meet link it stays pending, with a note.
 */
export function importStatus(row: {
  fileStatus: BookingStatus;
  preferenceId: string | null;
  googleEventId: string | null;
  meetLink: string | null;
  /** Payments by preferenceId; null when the file has none (nothing is known about payment). */
  payments: Map<string, Record<string, unknown>> | null;
  note: Note;
}): { status: BookingStatus; unpaid: boolean } {
  const { preferenceId, googleEventId, meetLink, payments, note } = row;
  let status = row.fileStatus;
  let unpaid = false;
  if (payments) {
    const payment = preferenceId !== null ? payments.get(preferenceId) : undefined;
    const paymentStatus = readText('payment status', payment?.status);
    if (paymentStatus !== 'approved') {
      unpaid = true;
      const why =
        preferenceId === null
          ? 'no preferenceId, so no payment can be found'
          : payment
            ? `its payment is ${paymentStatus ?? 'without a status'}`
            : 'no payment with its preferenceId is in the file';
      if (status === 'scheduled' || status === 'completed') status = 'pending';
      note('unpaid', `${why}: imported as pending, not scheduled`);
    }
  }
  if (!unpaid && status === 'pending' && googleEventId !== null && meetLink !== null) {
    status = 'scheduled';
    note('pending-with-event', 'pending on the platform, but its calendar event and Meet link exist: imported as scheduled');
  } else if (status === 'pending' && googleEventId !== null) {
    note('pending-with-event', `pending on the platform while its calendar event ${googleEventId} exists (no Meet link): left pending; check the event before confirming, or the class may get two events`);
  }
  return { status, unpaid };
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Platform classes are Monday to Saturday, 17:00 to 21:00 in Buenos Aires, on the hour. */
export function platformHoursNote(startMs: number, where: string): RowNote[] {
  const { weekday, hour, minute } = wallClock(startMs, DEFAULT_TIME_ZONE);
  if (weekday !== 0 && hour >= 17 && hour <= 20 && minute === 0) return [];
  const local = `${WEEKDAYS[weekday]} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return [
    {
      kind: 'platform-hours',
      message: `${where}: starts ${local} in Buenos Aires, outside the platform's class hours; the platform adds a fixed −03:00 to the student's own clock, so check the time with the student`,
    },
  ];
}
