import { transition, type BookingAction } from '../../shared/booking-status';
import { BOOKING_ACTIONS } from '../../shared/booking-status';
import type { Booking, BookingStatus, Participant, Person } from '../../shared/booking';
import type { ImportedRow, RowNote } from './imported-row';
import { mergePayment, samePayment } from './payment-docs';

/**
 * What a newer export does to a booking the desk already has: the
 * platform's fields follow the export; what the desk added (event id, Meet
 * and calendar links, access code, a status it moved forward, a time it set
 * on the calendar) stays. Status moves go through transition() only.
 */

export type StatusDecision = { ok: true; status: BookingStatus; keptDesk: boolean } | { ok: false; reason: string };

/** The one action that leads to each status; nothing leads back to pending. */
const ACTION_TO: Partial<Record<BookingStatus, BookingAction>> = { scheduled: 'confirm', cancelled: 'cancel', completed: 'complete' };

/** Whether `to` can be reached from `from` by any sequence of allowed actions (asked of transition(), never assumed). */
function reachable(from: BookingStatus, to: BookingStatus): boolean {
  const seen = new Set<BookingStatus>([from]);
  const queue: BookingStatus[] = [from];
  while (queue.length) {
    const at = queue.shift() as BookingStatus;
    for (const action of BOOKING_ACTIONS) {
      const next = transition(at, action);
      if (!next.ok || seen.has(next.to)) continue;
      if (next.to === to) return true;
      seen.add(next.to);
      queue.push(next.to);
    }
  }
  return false;
}

/**
 * The desk has `desk`, the export says `exported`. If the desk is already
 * past what the export says (it confirmed a class the platform still has
 * pending, it cancelled one the platform has scheduled) the desk's stays.
 * Otherwise the export's status must be one allowed step from the desk's.
 */
export function decideStatus(desk: BookingStatus, exported: BookingStatus): StatusDecision {
  if (desk === exported) return { ok: true, status: desk, keptDesk: false };
  if (reachable(exported, desk)) return { ok: true, status: desk, keptDesk: true };
  const action = ACTION_TO[exported];
  if (!action) return { ok: false, reason: `the export says ${exported}, the desk has it ${desk}, and a class cannot go back to ${exported}` };
  const step = transition(desk, action);
  if (step.ok && step.to === exported) return { ok: true, status: exported, keptDesk: false };
  return { ok: false, reason: `the export says ${exported} but the desk has it ${desk}: ${step.ok ? `${action} leads to ${step.to}` : step.reason}` };
}

/** Whether the calendar owns the class's time: once an event exists, a time change goes through the calendar (reschedule), not a file. */
function deskOwnsTime(booking: Booking): boolean {
  return booking.status !== 'pending' || booking.googleEventId !== null;
}

/** The row's participants, keeping a name or e-mail the desk knows for the same platform user. */
function mergeParticipants(incoming: Participant[], known: Participant[]): Participant[] {
  return incoming.map((p) => {
    const same = p.platformUserId ? known.find((k) => k.platformUserId === p.platformUserId) : undefined;
    if (!same) return p;
    const merged: Participant = { ...p };
    if (!merged.name && same.name) merged.name = same.name;
    if (!merged.email && same.email) merged.email = same.email;
    return merged;
  });
}

/** The row's student, keeping the level, town and phone the desk knows of the same person when the row has none. */
function mergePerson(known: Person, incoming: Person | undefined): Person {
  if (!incoming) return known;
  if (incoming.email.toLowerCase() !== known.email.toLowerCase()) return incoming;
  const merged: Person = { ...incoming };
  if (!merged.level && known.level) merged.level = known.level;
  if (!merged.town && known.town) merged.town = known.town;
  if (!merged.phone && known.phone) merged.phone = known.phone;
  return merged;
}

export type MergeResult = { ok: true; booking: Booking; notes: RowNote[] } | { ok: false; reason: string };

/** The booking after the row; `updatedAt` is left as it was (the caller stamps real changes). */
export function mergeRow(existing: Booking, row: ImportedRow): MergeResult {
  const decision = decideStatus(existing.status, row.status);
  if (!decision.ok) return { ok: false, reason: `${row.where}: ${decision.reason}` };
  if (existing.platformId !== null && row.platformId !== null && existing.platformId !== row.platformId) {
    return { ok: false, reason: `${row.where}: its preferenceId ${row.preferenceId} already belongs to another platform class (${existing.platformId}, this one is ${row.platformId})` };
  }
  // Notes about fields the desk already has its own of are noise here.
  const notes = row.notes.filter(
    (n) =>
      !(n.kind === 'access-code' && existing.accessCode !== null) &&
      !(n.kind === 'meet-link' && existing.meetLink !== null) &&
      !(n.kind === 'pending-with-event' && existing.status !== 'pending'),
  );
  const note = (kind: RowNote['kind'], message: string) => notes.push({ kind, message: `${row.where}: ${message}` });
  if (decision.keptDesk) note('kept-desk-status', `kept the desk's ${existing.status} (the export says ${row.status})`);

  let { startTime, endTime } = existing;
  const sameTime = Date.parse(existing.startTime) === row.startMs && Date.parse(existing.endTime) === row.endMs;
  if (!sameTime) {
    if (deskOwnsTime(existing)) note('kept-desk-time', `kept the desk's time ${existing.startTime} (the export has ${row.startTime}); move it in the desk so the calendar event follows`);
    else ({ startTime, endTime } = row);
  }
  if (row.googleEventId !== null && existing.googleEventId !== null && row.googleEventId !== existing.googleEventId) {
    note('kept-desk-event', `kept the desk's calendar event ${existing.googleEventId}; the platform's event ${row.googleEventId} is a second event for the same class`);
  }
  if (decision.status === 'cancelled' && existing.status !== 'cancelled' && existing.googleEventId !== null) {
    note('cancelled-with-event', `cancelled on the platform; its calendar event ${existing.googleEventId} was not touched by the import`);
  }

  const booking: Booking = {
    ...existing,
    preferenceId: existing.preferenceId ?? row.preferenceId,
    platformId: existing.platformId ?? row.platformId,
    bookedBy: mergePerson(existing.bookedBy, row.bookedBy),
    participants: row.participants ? mergeParticipants(row.participants, existing.participants) : existing.participants,
    startTime,
    endTime,
    classType: row.classType,
    maxParticipants: row.maxParticipants,
    currentParticipants: row.currentParticipants ?? existing.currentParticipants,
    classPrice: row.classPrice ?? existing.classPrice,
    // CSV cannot tell an empty focus from none: an empty cell leaves an empty focus as it is.
    learningFocus: row.learningFocus === undefined || (row.learningFocus === null && existing.learningFocus === '') ? existing.learningFocus : row.learningFocus,
    hostType: row.hostType ?? existing.hostType,
    status: decision.status,
    googleEventId: existing.googleEventId ?? row.googleEventId,
    accessCode: existing.accessCode ?? row.accessCode,
    meetLink: existing.meetLink ?? row.meetLink,
    calendarLink: existing.calendarLink ?? row.calendarLink,
    summary: row.summary ?? existing.summary,
  };
  const payment = mergePayment(existing.payment, row.payment);
  if (payment) booking.payment = payment;
  if (row.payment && payment === existing.payment && !samePayment(payment, row.payment)) {
    note('payment-kept', existing.payment?.source === 'manual' ? `kept the payment the teacher set (${existing.payment.state}); the file says ${row.payment.state}` : `kept the approved payment; the file's ${row.payment.state} is older`);
  }
  return { ok: true, booking, notes };
}

function sameParticipants(a: Participant[], b: Participant[]): boolean {
  return a.length === b.length && a.every((p, i) => p.platformUserId === b[i]?.platformUserId && p.name === b[i]?.name && p.email === b[i]?.email);
}

/** Field by field, whatever the key order; `updatedAt` only when asked (it is a stamp, not content). */
export function sameBooking(a: Booking, b: Booking, withUpdatedAt = false): boolean {
  return (
    a.id === b.id &&
    a.preferenceId === b.preferenceId &&
    a.platformId === b.platformId &&
    a.source === b.source &&
    a.bookedBy.name === b.bookedBy.name &&
    a.bookedBy.email === b.bookedBy.email &&
    a.bookedBy.level === b.bookedBy.level &&
    a.bookedBy.town === b.bookedBy.town &&
    a.bookedBy.phone === b.bookedBy.phone &&
    sameParticipants(a.participants, b.participants) &&
    a.startTime === b.startTime &&
    a.endTime === b.endTime &&
    a.classType === b.classType &&
    a.maxParticipants === b.maxParticipants &&
    a.currentParticipants === b.currentParticipants &&
    a.classPrice === b.classPrice &&
    a.learningFocus === b.learningFocus &&
    a.hostType === b.hostType &&
    a.status === b.status &&
    a.googleEventId === b.googleEventId &&
    a.accessCode === b.accessCode &&
    a.meetLink === b.meetLink &&
    a.calendarLink === b.calendarLink &&
    a.summary === b.summary &&
    samePayment(a.payment, b.payment) &&
    a.createdAt === b.createdAt &&
    (!withUpdatedAt || a.updatedAt === b.updatedAt)
  );
}
