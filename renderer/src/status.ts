import type { BookingStatus } from '../../shared/booking';
import { allowedActions, type BookingAction } from '../../shared/booking-status';
import type { MessageKey } from './i18n';

export const STATUS_LABEL: Record<BookingStatus, MessageKey> = {
  pending: 'status.pending',
  scheduled: 'status.scheduled',
  completed: 'status.completed',
  cancelled: 'status.cancelled',
};

/** Actions that change the calendar event, so they need Google: offline they wait in the outbox (main/outbox). */
export const NEEDS_GOOGLE: Record<BookingAction, boolean> = {
  confirm: true,
  reschedule: true,
  cancel: true,
  // Marking a class completed is the desk's own record; main may still update the event and answer OFFLINE.
  complete: false,
};

/** The status actions the panel offers, in the order it shows them. */
export function actionsFor(status: BookingStatus): BookingAction[] {
  const allowed = new Set(allowedActions(status));
  return (['confirm', 'complete', 'reschedule', 'cancel'] as const).filter((a) => allowed.has(a));
}
