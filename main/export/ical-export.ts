import type { Booking, BookingStatus } from '../../shared/booking';

/**
 * Bookings as an iCalendar file (RFC 5545): one VEVENT per booking, times
 * in UTC, text escaped, lines folded at 75 octets, CRLF line ends. UIDs
 * are stable (`<booking id>@teacher-desk`), so importing a newer file into
 * a calendar updates its events instead of duplicating them.
 */

export const ICS_PRODID = '-//Speak English Now//Teacher Desk//EN';

const STATUS: Record<BookingStatus, string> = {
  pending: 'TENTATIVE',
  scheduled: 'CONFIRMED',
  completed: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

/** Control characters RFC 5545 forbids in TEXT (§3.3.11: U+0000–U+001F and U+007F), but the tab it allows and the line breaks escaped as \n. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** TEXT values: forbidden control characters removed; backslash, semicolon, comma and line breaks escaped (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
  return text.replace(FORBIDDEN_CONTROLS, '').replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n');
}

/** A URI value (URL:) is not escaped, so only a plain https link of printable ASCII is written; anything else is left out. */
export function uriValue(link: string): string | null {
  return /^https:\/\/[\u0021-\u007e]+$/.test(link) ? link : null;
}

/** UTC date-time form: 20261124T200000Z. */
export function utcStamp(instant: string | Date): string {
  return new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** UTF-8 length of one code point. */
function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds a content line at 75 octets (§3.1), never inside a UTF-8 character: CRLF and one space before each continuation. */
export function foldLine(line: string): string {
  if (line.length <= 25 || Buffer.byteLength(line, 'utf8') <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < line.length; ) {
    const codePoint = line.codePointAt(i) as number;
    const units = codePoint > 0xffff ? 2 : 1;
    const size = octets(codePoint);
    // The first line holds 75 octets; continuations 74 after their leading space.
    if (bytes + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(line.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += units;
  }
  parts.push(line.slice(start));
  return parts.join('\r\n ');
}

function paymentText(b: Booking): string {
  const p = b.payment;
  if (!p) return 'unknown';
  return [p.state, p.amount !== null ? `${p.amount} ARS` : null, p.at, p.source === 'manual' ? 'set by the teacher' : null].filter(Boolean).join(', ');
}

/**
 * The payment as X- properties (RFC 5545 §3.8.8.2), which calendars keep
 * and ignore; a reader of this file gets the state, amount, date and who set it.
 */
function paymentProperties(b: Booking): string[] {
  const p = b.payment;
  if (!p) return [];
  const lines = [`X-TEACHER-DESK-PAYMENT:${p.state}`, `X-TEACHER-DESK-PAYMENT-SOURCE:${p.source}`];
  if (p.amount !== null) lines.push(`X-TEACHER-DESK-PAYMENT-AMOUNT:${p.amount}`);
  if (p.at !== null) lines.push(`X-TEACHER-DESK-PAYMENT-AT:${utcStamp(p.at)}`);
  return lines;
}

function description(b: Booking): string {
  const lines = [`Student: ${b.bookedBy.name} <${b.bookedBy.email}>`];
  const others = b.participants.map((p) => p.name ?? p.email ?? p.platformUserId).filter(Boolean);
  if (others.length) lines.push(`Also: ${others.join(', ')}`);
  lines.push(`Class: ${b.classType}, ${b.maxParticipants} ${b.maxParticipants === 1 ? 'student' : 'students'}`);
  if (b.learningFocus) lines.push(`Focus: ${b.learningFocus}`);
  if (b.accessCode) lines.push(`Access code: ${b.accessCode}`);
  if (b.meetLink) lines.push(`Meet: ${b.meetLink}`);
  lines.push(`Payment: ${paymentText(b)}`);
  return lines.join('\n');
}

function vevent(b: Booking, stamp: string): string[] {
  const lines = [
    'BEGIN:VEVENT',
    `UID:${b.id}@teacher-desk`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utcStamp(b.startTime)}`,
    `DTEND:${utcStamp(b.endTime)}`,
    `CREATED:${utcStamp(b.createdAt)}`,
    `LAST-MODIFIED:${utcStamp(b.updatedAt)}`,
    `SUMMARY:${escapeText(`${b.summary} – ${b.bookedBy.name}`)}`,
    `DESCRIPTION:${escapeText(description(b))}`,
  ];
  if (b.meetLink) {
    const uri = uriValue(b.meetLink);
    if (uri) lines.push(`URL:${uri}`);
    lines.push(`LOCATION:${escapeText(b.meetLink)}`);
  }
  lines.push(...paymentProperties(b), `STATUS:${STATUS[b.status]}`, 'END:VEVENT');
  return lines;
}

export function bookingsToIcs(bookings: readonly Booking[], now: Date): string {
  const stamp = utcStamp(now);
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICS_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'X-WR-CALNAME:Teacher Desk',
    ...bookings.flatMap((b) => vevent(b, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
