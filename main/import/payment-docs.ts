import { IsoInstantSchema, PAYMENT_STATES, type Payment, type PaymentState } from '../../shared/booking';
import { parseInstant } from './instant';
import type { ImportSource, SourceRow } from './read-file';
import { RowError, readChoice, readPrice, readText } from './row-fields';

/**
 * The platform's PaymentMercadoPago documents, and the payment columns of
 * the desk's own CSV, as the desk's Payment. MercadoPago's `approved` is
 * paid, `pending` and `in_process` are waiting; `rejected` (and MercadoPago's
 * `cancelled` / `refunded`, never paid to the teacher) are rejected.
 */

const MERCADO_PAGO: Record<string, PaymentState> = {
  approved: 'paid',
  pending: 'waiting',
  in_process: 'waiting',
  authorized: 'waiting',
  rejected: 'rejected',
  cancelled: 'rejected',
  refunded: 'rejected',
  charged_back: 'rejected',
};

/** A record that is a payment rather than a class: it names a preferenceId and a payment status, and no class times. */
export function looksLikePaymentDoc(fields: Record<string, unknown>): boolean {
  return 'preferenceId' in fields && 'status' in fields && !('startTime' in fields) && !('endTime' in fields) && !('classType' in fields);
}

function readWhen(field: string, value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  const text = readText(field, value);
  if (!text) return null;
  const parsed = parseInstant(text, 'UTC');
  if (!parsed.ok) throw new RowError(`${field} ${parsed.reason}`);
  return new Date(parsed.ms).toISOString();
}

/** One PaymentMercadoPago document (Extended JSON already unwrapped) as preferenceId and Payment. Throws RowError naming the field. */
export function readPaymentDoc(doc: Record<string, unknown>): { preferenceId: string; payment: Payment } {
  const preferenceId = readText('preferenceId', doc.preferenceId);
  if (!preferenceId) throw new RowError('preferenceId is missing: a payment is joined to its class by it');
  if (preferenceId.length > 200) throw new RowError('preferenceId is longer than 200 characters');
  const status = readText('status', doc.status)?.toLowerCase();
  if (!status) throw new RowError('the payment has no status (approved, pending or rejected)');
  const state = MERCADO_PAGO[status];
  if (!state) throw new RowError(`payment status "${status}" is not one MercadoPago uses (approved, pending, in_process, rejected)`);
  const amount = readPrice('price', doc.price) ?? null;
  const at = readWhen('updatedAt', doc.updatedAt ?? doc.dateApproved ?? doc.date_approved ?? doc.createdAt);
  return { preferenceId, payment: { state, amount, at, source: 'platform' } };
}

/** One payment of a payments file as the import worker reads it (read-rows.ts); matching it to bookings happens in main (payment-plan.ts). */
export type PaymentRead = { ok: true; line: number; where: string; preferenceId: string; payment: Payment } | { ok: false; line: number; reason: string };

export function readPaymentRow(row: SourceRow): PaymentRead {
  if (row.problem) return { ok: false, line: row.line, reason: row.problem };
  try {
    return { ok: true, line: row.line, where: row.where, ...readPaymentDoc(row.fields) };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, line: row.line, reason: `${row.where}: ${error.message}` };
    throw error;
  }
}

/** A file of PaymentMercadoPago documents rather than classes (its first record tells). */
export function isPaymentsFile(source: ImportSource): boolean {
  if (source.kind !== 'json' || source.companion) return false;
  const first = source.rows().next();
  return !first.done && looksLikePaymentDoc(first.value.fields);
}

/** The companion file's payments as the desk's, for the ledger; a payment that cannot be read is left out (its class notes it). */
export function companionPayments(source: ImportSource): Map<string, Payment> {
  const out = new Map<string, Payment>();
  for (const doc of source.companion?.payments?.values() ?? []) {
    try {
      const { preferenceId, payment } = readPaymentDoc(doc);
      out.set(preferenceId, payment);
    } catch {
      // Named in the class row's own notes.
    }
  }
  return out;
}

/** The payment columns of a desk CSV row (paymentState, paymentAmount, paymentAt, paymentSource); undefined when the row has none. */
export function readPaymentColumns(f: Record<string, unknown>): Payment | undefined {
  const state = readChoice('paymentState', f.paymentState, PAYMENT_STATES);
  if (!state) {
    if (readText('paymentAmount', f.paymentAmount) || readText('paymentAt', f.paymentAt)) throw new RowError('paymentAmount or paymentAt without paymentState (paid, waiting or rejected)');
    return undefined;
  }
  const atText = readText('paymentAt', f.paymentAt);
  if (atText && !IsoInstantSchema.safeParse(atText).success) throw new RowError(`paymentAt "${atText}" is not an ISO date-time with offset`);
  return {
    state,
    amount: readPrice('paymentAmount', f.paymentAmount) ?? null,
    at: atText ?? null,
    source: readChoice('paymentSource', f.paymentSource, ['platform', 'manual'] as const) ?? 'platform',
  };
}

/**
 * What a booking's payment becomes when a file brings `incoming`: the
 * teacher's own word (manual) is never overwritten by a file, and a
 * payment the platform approved never goes back to waiting (an older
 * payments export imported after a newer one).
 */
export function mergePayment(existing: Payment | undefined, incoming: Payment | undefined): Payment | undefined {
  if (!incoming) return existing;
  if (!existing) return incoming;
  if (existing.source === 'manual' && incoming.source !== 'manual') return existing;
  if (existing.state === 'paid' && incoming.state === 'waiting' && incoming.source === 'platform') return existing;
  return incoming;
}

export function samePayment(a: Payment | undefined, b: Payment | undefined): boolean {
  if (!a || !b) return a === b;
  return a.state === b.state && a.amount === b.amount && a.at === b.at && a.source === b.source;
}
