import type { Booking } from '../../shared/booking';
import { transition } from '../../shared/booking-status';
import type { OutboxAction, OutboxBasis, OutboxConflict } from '../../shared/outbox';
import type { ClassEventNow, FreeBusyAnswer } from '../calendar/calendar-engine';

/**
 * Pure rules of the outbox: what a class will look like once the actions
 * queued for it are sent, and whether the world changed under an action
 * while it waited (the slot became busy, the event was moved or deleted in
 * Google Calendar, a newer import or sync moved the class on).
 */

/** The class after the queued actions, as the next queued action will find it. */
export function projected(booking: Booking, queued: readonly OutboxAction[]): OutboxBasis {
  let basis: OutboxBasis = { status: booking.status, startTime: booking.startTime, endTime: booking.endTime, googleEventId: booking.googleEventId };
  for (const action of queued) basis = after(basis, action);
  return basis;
}

/** The class once `action` is done (the status transition() gives, the new times of a reschedule). */
export function after(basis: OutboxBasis, action: Pick<OutboxAction, 'kind' | 'slot'>): OutboxBasis {
  const step = transition(basis.status, action.kind);
  const status = step.ok ? step.to : basis.status;
  return action.kind === 'reschedule' && action.slot ? { ...basis, status, ...action.slot } : { ...basis, status };
}

const same = (a: string | null, b: string | null) => a !== null && b !== null && Date.parse(a) === Date.parse(b);

/** Already as the action would leave it (another desk, a sync or a crash-cut earlier send got there): nothing left to send. */
export function alreadyDone(action: OutboxAction, booking: Booking): boolean {
  const goal = after(action.basis, action);
  if (action.kind === 'reschedule') return booking.status === goal.status && same(booking.startTime, goal.startTime) && same(booking.endTime, goal.endTime);
  return booking.status === goal.status && booking.status !== action.basis.status;
}

function conflict(action: OutboxAction, fields: Omit<OutboxConflict, 'asked'>): OutboxConflict {
  const goal = after(action.basis, action);
  return { asked: { status: goal.status, startTime: goal.startTime, endTime: goal.endTime }, ...fields };
}

const nowOf = (booking: Booking | undefined, busy: OutboxConflict['now']['busy'] = []): OutboxConflict['now'] => ({
  status: booking?.status ?? null,
  startTime: booking?.startTime ?? null,
  endTime: booking?.endTime ?? null,
  busy,
});

/** The desk's own view changed: the class is gone, or no longer where the action left from (e.g. a newer import cancelled it). */
export function localConflict(action: OutboxAction, booking: Booking | undefined): OutboxConflict | null {
  if (!booking) {
    return conflict(action, { reason: 'class-changed', message: 'The class is no longer in Teacher Desk.', now: nowOf(undefined), canSendAnyway: false });
  }
  const moved = !same(booking.startTime, action.basis.startTime) || !same(booking.endTime, action.basis.endTime);
  if (booking.status !== action.basis.status) {
    return conflict(action, {
      reason: 'class-changed',
      message: `While this waited, the class became ${booking.status} (a newer import or a change in Google Calendar).`,
      now: nowOf(booking),
      canSendAnyway: false,
    });
  }
  if (moved && !action.force && action.kind !== 'cancel') {
    // Without an event, only an import can have moved it; with one, Google Calendar did (sync brought it).
    const inCalendar = booking.googleEventId !== null;
    return conflict(action, {
      reason: inCalendar ? 'event-moved' : 'class-changed',
      message: inCalendar ? 'While this waited, the class was moved in Google Calendar.' : 'While this waited, a newer import moved the class.',
      now: nowOf(booking),
      canSendAnyway: true,
    });
  }
  return null;
}

/** Confirm: the class's slot became busy on the calendar meanwhile. */
export function busyConflict(action: OutboxAction, booking: Booking, answer: FreeBusyAnswer): OutboxConflict | null {
  if (action.force || answer.overlaps.length === 0) return null;
  return conflict(action, { reason: 'slot-busy', message: 'The calendar now has something else at this time.', now: nowOf(booking, answer.overlaps), canSendAnyway: true });
}

/** Reschedule, complete: the event was deleted or moved in Google Calendar meanwhile. */
export function eventConflict(action: OutboxAction, booking: Booking, event: ClassEventNow | null): OutboxConflict | null {
  if (!event) {
    return conflict(action, {
      reason: 'event-deleted',
      message: 'The class’s event was deleted in Google Calendar while this waited.',
      now: { status: booking.status, startTime: null, endTime: null, busy: [] },
      canSendAnyway: false,
    });
  }
  if (!action.force && (!same(event.startTime, action.basis.startTime) || !same(event.endTime, action.basis.endTime))) {
    return conflict(action, {
      reason: 'event-moved',
      message: 'The class’s event was moved in Google Calendar while this waited.',
      now: { status: booking.status, startTime: event.startTime, endTime: event.endTime, busy: [] },
      canSendAnyway: true,
    });
  }
  return null;
}

/** Google refused the action outright (e.g. the event id is taken by an event not of this class). */
export function refusedConflict(action: OutboxAction, booking: Booking, message: string): OutboxConflict {
  return conflict(action, { reason: 'refused', message, now: nowOf(booking), canSendAnyway: false });
}
