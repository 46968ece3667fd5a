import { AppError } from '../../shared/ipc/errors';
import type { Booking } from '../../shared/booking';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Handlers } from '../ipc/dispatch';
import type { BookingStore } from '../store/booking-store';

/**
 * The teacher marks a class paid (cash, transfer) or not: the payment
 * becomes the teacher's (`source: 'manual'`), which no import overwrites.
 * Only the payment and the stamp change; writing the same again writes nothing.
 */

export interface PaymentHandlerDeps {
  store: BookingStore;
  clock: Clock;
  events: EventBus;
}

export function paymentHandlers({ store, clock, events }: PaymentHandlerDeps): Pick<Handlers, 'setPayment'> {
  return {
    async setPayment({ id, payment }) {
      const current = store.get(id);
      if (!current) throw new AppError('NOT_FOUND', 'That class is no longer in Teacher Desk.');
      const same = payment === null ? current.payment === undefined : current.payment?.source === 'manual' && current.payment.state === payment.state && current.payment.amount === payment.amount;
      if (same) return current;
      const now = clock().toISOString();
      const updated = await store.mutate((draft) => {
        const at = draft.bookings.findIndex((b) => b.id === id);
        const booking = draft.bookings[at];
        if (!booking) throw new AppError('NOT_FOUND', 'That class is no longer in Teacher Desk.');
        const { payment: _old, ...rest } = booking;
        const next: Booking = payment === null ? { ...rest, updatedAt: now } : { ...rest, payment: { state: payment.state, amount: payment.amount, at: now, source: 'manual' }, updatedAt: now };
        draft.bookings[at] = next;
        return next;
      });
      events.emit('bookingsChanged', { reason: 'payment' });
      return updated;
    },
  };
}
