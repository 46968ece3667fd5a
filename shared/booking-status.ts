import type { BookingStatus } from './booking';

/**
 * The one owner of booking status changes. Every code path that moves a
 * booking (UI, calendar engine, sync, import) asks here first.
 */
export const BOOKING_ACTIONS = ['confirm', 'cancel', 'complete', 'reschedule'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

export type TransitionResult = { ok: true; to: BookingStatus } | { ok: false; reason: string };

const ALLOWED: Record<BookingStatus, Partial<Record<BookingAction, BookingStatus>>> = {
  pending: { confirm: 'scheduled', cancel: 'cancelled' },
  scheduled: { complete: 'completed', cancel: 'cancelled', reschedule: 'scheduled' },
  completed: {},
  cancelled: {},
};

const REFUSALS: Record<BookingStatus, string> = {
  pending: 'a pending class can only be confirmed or cancelled',
  scheduled: 'a scheduled class can be completed, cancelled or rescheduled, not confirmed again',
  completed: 'a completed class is final and cannot change',
  cancelled: 'a cancelled class is final and cannot change',
};

export function transition(from: BookingStatus, action: BookingAction): TransitionResult {
  const to = ALLOWED[from][action];
  if (to) return { ok: true, to };
  return { ok: false, reason: `Cannot ${action} this class: ${REFUSALS[from]}.` };
}

export function allowedActions(from: BookingStatus): BookingAction[] {
  return BOOKING_ACTIONS.filter((action) => ALLOWED[from][action] !== undefined);
}
