import { open, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PaymentSchema, type Payment } from '../../shared/booking';
import type { Logger } from '../logger';
import { mergePayment } from './payment-docs';

/**
 * Every platform payment the desk has read, by preferenceId, kept in its
 * own small file (`payments.json`) beside the bookings. mongoexport hands
 * the teacher one collection per run, in any order: a payment whose class
 * has not been imported yet is kept here and joins its class when the
 * classes file comes. The booking store is not touched by this file.
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

function changed(before: Payment | undefined, after: Payment | undefined): boolean {
  return JSON.stringify(before) !== JSON.stringify(after);
}

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
export async function openPaymentLedger(dataDir: string, log: Logger, now: () => Date = () => new Date()): Promise<PaymentLedger> {
  const path = join(dataDir, PAYMENTS_FILE);
  const payments = new Map<string, Payment>();
  let text: string | null = null;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    let parsed: ReturnType<typeof LedgerFileSchema.safeParse> | null = null;
    try {
      parsed = LedgerFileSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) {
      for (const [id, payment] of Object.entries(parsed.data.payments)) payments.set(id, payment);
    } else {
      const aside = join(dataDir, `payments.damaged-${now().toISOString().replace(/[:.]/g, '-')}.json`);
      await rename(path, aside);
      log.warn('the payments file could not be read; kept aside, payments start empty', { keptAs: aside });
    }
  }

  async function write(): Promise<void> {
    const temp = `${path}.${process.pid}.tmp`;
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify({ version: 1, payments: Object.fromEntries(payments) }), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  return {
    get: (id) => payments.get(id),
    size: () => payments.size,
    async record(incoming) {
      const before = new Map<string, Payment | undefined>();
      for (const [id, payment] of incoming) {
        const merged = mergePayment(payments.get(id), payment) as Payment;
        if (!changed(payments.get(id), merged)) continue;
        before.set(id, payments.get(id));
        payments.set(id, merged);
      }
      if (before.size === 0) return;
      try {
        await write();
      } catch (error) {
        for (const [id, payment] of before) {
          if (payment) payments.set(id, payment);
          else payments.delete(id);
        }
        throw error;
      }
    },
  };
}
