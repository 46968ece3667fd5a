import type { Booking } from '../../shared/booking';
import { transition, type BookingAction } from '../../shared/booking-status';
import { AppError } from '../../shared/ipc/errors';
import type { StoreData } from '../store/booking-store';

export function requireBooking(found: Booking | undefined): Booking {
  if (!found) throw new AppError('NOT_FOUND', 'That class is no longer in Teacher Desk.');
  return found;
}

/** The status a booking moves to, or TRANSITION_REFUSED with transition()'s reason. */
export function allowed(booking: Pick<Booking, 'status'>, action: BookingAction): Booking['status'] {
  const result = transition(booking.status, action);
  if (!result.ok) throw new AppError('TRANSITION_REFUSED', result.reason);
  return result.to;
}

/**
 * Replaces one booking in a store draft (the store keeps bookings frozen).
 * `change` sees the booking as it is now in the store, not as it was before
 * the network call, so a change made meanwhile is never overwritten blindly.
 */
export function replaceInDraft(draft: StoreData, id: string, change: (current: Booking) => Booking): Booking {
  const index = draft.bookings.findIndex((b) => b.id === id);
  const current = draft.bookings[index];
  if (index < 0 || !current) throw new AppError('NOT_FOUND', 'That class was removed from Teacher Desk while Google Calendar was being updated.');
  const next = change(current);
  draft.bookings[index] = next;
  return next;
}
