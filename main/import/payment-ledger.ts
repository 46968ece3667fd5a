import { z } from 'zod';
import { PaymentSchema, type Payment } from '../../shared/booking';
import type { Logger } from '../logger';
import { openJsonFile } from '../small-store/json-file';
import { mergePayment, samePayment } from './payment-docs';

/**
 * Every platform payment the desk has read, by preferenceId, kept in its
 * own small file (`payments.json`) beside the bookings. mongoexport hands
 * the teacher one collection per run, in any order: a payment whose class
 * has not been imported yet is kept here and joins its class when the
 * classes file comes. The booking store is not touched by this file. It
 * is one of the desk's small JSON files (main/small-store/json-file.ts):
 * written atomically, one change at a time, kept aside when unreadable.
 */

export const PAYMENTS_FILE = 'payments.json';

export interface PaymentLedger {
  get(preferenceId: string): Payment | undefined;
  /** How many payments it holds: none means the teacher has not imported payments yet. */
  size(): number;
  /** Adds a file's payments (a newer export wins, an approved payment never goes back to waiting); writes only when something changed. */
  record(payments: ReadonlyMap<string, Payment>): Promise<void>;
}

const LedgerFileSchema = z.object({ version: z.literal(1), payments: z.record(z.string(), PaymentSchema) }).strict();
type LedgerFile = z.infer<typeof LedgerFileSchema>;

/** In memory only: for tests and for an import service without a data directory. */
export function memoryPaymentLedger(): PaymentLedger {
  const payments = new Map<string, Payment>();
  return {
    get: (id) => payments.get(id),
    size: () => payments.size,
    async record(incoming) {
      for (const [id, payment] of incoming) payments.set(id, mergePayment(payments.get(id), payment) as Payment);
    },
  };
}

/** The ledger in `dataDir`. A file that cannot be read is kept aside under a dated name, never overwritten. */
export async function openPaymentLedger(dataDir: string, log: Logger): Promise<PaymentLedger> {
  const file = await openJsonFile<LedgerFile>({ dataDir, name: PAYMENTS_FILE, schema: LedgerFileSchema, empty: () => ({ version: 1, payments: {} }), log });
  const known = (payments: LedgerFile['payments'], id: string) => (Object.hasOwn(payments, id) ? payments[id] : undefined);
  let size = Object.keys(file.get().payments).length;
  return {
    get: (id) => known(file.get().payments, id),
    size: () => size,
    async record(incoming) {
      const next = await file.update((current) => {
        const changed: [string, Payment][] = [];
        for (const [id, payment] of incoming) {
          const before = known(current.payments, id);
          const merged = mergePayment(before, payment) as Payment;
          if (!samePayment(before, merged)) changed.push([id, merged]);
        }
        if (changed.length === 0) return current;
        return { version: 1, payments: Object.fromEntries([...Object.entries(current.payments), ...changed]) };
      });
      size = Object.keys(next.payments).length;
    },
  };
}
