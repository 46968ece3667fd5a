import type { Booking, Payment } from '../../shared/booking';
import { checkBooking, type BookingLookup, type ImportPlan } from './import-plan';
import { mergePayment, samePayment, type PaymentRead } from './payment-docs';
import { timeSlicer, type TimeSlicer } from './next-turn';
import type { PaymentStream } from './worker-rows';

/**
 * A PaymentMercadoPago export against the desk's bookings, joined by
 * preferenceId. Each payment updates the classes with its preferenceId
 * (the teacher's own word is kept; an approved payment never goes back to
 * waiting). Nothing is lost either way: a payment whose class the desk does
 * not have yet is noted and kept in the payment ledger for when the classes
 * file comes, and the platform's classes still without any payment are
 * listed too. The payments were read by the import worker (read-rows.ts);
 * only the join to the desk's bookings happens here, as they arrive.
 */

export interface PaymentPlan extends ImportPlan {
  /** Every payment of the file, for the ledger. */
  payments: Map<string, Payment>;
  /** The preferenceIds of payments with no class in the desk. */
  unmatched: Set<string>;
}

export async function planPayments(rows: Pick<PaymentStream, 'total' | 'batches'>, lookup: BookingLookup, options: { now: Date; onProgress?: (done: number, total: number) => void; slicer?: TimeSlicer }): Promise<PaymentPlan> {
  const plan: PaymentPlan = { items: [], invalid: [], notes: [], counts: { new: 0, updated: 0, unchanged: 0, invalid: 0 }, payments: new Map(), unmatched: new Set() };
  const byPreference = new Map<string, Readonly<Booking>[]>();
  for (const b of lookup.all()) {
    if (b.preferenceId === null) continue;
    const list = byPreference.get(b.preferenceId);
    if (list) list.push(b);
    else byPreference.set(b.preferenceId, [b]);
  }
  const seenAt = new Map<string, string>();
  const nowIso = options.now.toISOString();
  const slicer = options.slicer ?? timeSlicer();
  let done = 0;
  for await (const batch of rows.batches) {
    for (const read of batch) {
      planPayment(read);
      if (++done % 64 === 0 && slicer.due()) {
        options.onProgress?.(done, rows.total);
        await slicer.breathe();
      }
    }
  }
  options.onProgress?.(done, rows.total);
  for (const [preferenceId, bookings] of byPreference) {
    if (plan.payments.has(preferenceId)) continue;
    for (const b of bookings) {
      if (b.payment || b.status === 'cancelled' || b.source !== 'platform') continue;
      plan.notes.push({ line: 0, kind: 'no-payment', message: `${b.bookedBy.name}, ${b.startTime} (preferenceId ${preferenceId}): no payment in this file; its payment stays unknown` });
    }
  }
  return plan;

  function planPayment(read: PaymentRead): void {
    const invalid = (reason: string) => {
      plan.invalid.push({ line: read.line, reason });
      plan.counts.invalid++;
    };
    if (!read.ok) {
      invalid(read.reason);
      return;
    }
    const { preferenceId, payment } = read;
    const earlier = seenAt.get(preferenceId);
    if (earlier) {
      invalid(`${read.where}: same preferenceId ${preferenceId} as ${earlier}; only the first is imported`);
      return;
    }
    seenAt.set(preferenceId, read.where);
    plan.payments.set(preferenceId, payment);
    const bookings = byPreference.get(preferenceId);
    if (!bookings) {
      plan.unmatched.add(preferenceId);
      plan.notes.push({
        line: read.line,
        kind: 'payment-without-booking',
        message: `${read.where}: payment ${preferenceId} (${payment.state}${payment.amount !== null ? `, ${payment.amount} ARS` : ''}) has no class in the desk yet; it is kept and joins its class when the classes export is imported`,
      });
      return;
    }
    for (const booking of bookings) {
      const merged = mergePayment(booking.payment, payment) as Payment;
      if (samePayment(merged, booking.payment)) {
        plan.counts.unchanged++;
        if (!samePayment(merged, payment)) {
          const why = booking.payment?.source === 'manual' ? `kept the payment the teacher set (${booking.payment.state})` : 'kept the approved payment (this export is older)';
          plan.notes.push({ line: read.line, kind: 'payment-kept', message: `${read.where}: ${booking.bookedBy.name}, ${booking.startTime}: ${why}; the file says ${payment.state}` });
        }
        continue;
      }
      const checked = checkBooking({ ...booking, payment: merged, updatedAt: nowIso }, read.where);
      if (!checked.ok) {
        invalid(checked.reason);
        continue;
      }
      plan.items.push({ kind: 'updated', line: read.line, before: booking, booking: checked.booking });
      plan.counts.updated++;
    }
  }
}
