import type { RowResult } from './imported-row';
import type { PaymentLedger } from './payment-ledger';
import type { RowStream } from './worker-rows';

/**
 * Classes read by the import worker joined, in main, to the payments the
 * desk kept from earlier PaymentMercadoPago files (the ledger lives here,
 * not in the worker): a class the file gives no payment takes the one
 * its preferenceId has. Once the teacher has imported payments, a class
 * whose payment nobody has seen yet is noted, so they know to import the
 * payments export. One map look-up per row, as the rows arrive.
 */
export function withKnownPayments(rows: RowStream, ledger: PaymentLedger): RowStream {
  if (ledger.size() === 0) return rows;
  return { ...rows, batches: joined(rows.batches, ledger) };
}

async function* joined(batches: RowStream['batches'], ledger: PaymentLedger): AsyncGenerator<RowResult[]> {
  for await (const batch of batches) {
    for (const read of batch) {
      if (!read.ok) continue;
      const row = read.row;
      if (row.payment !== undefined || row.preferenceId === null) continue;
      const known = ledger.get(row.preferenceId);
      if (known) row.payment = known;
      else row.notes.push({ kind: 'no-payment', message: `${row.where}: no payment with preferenceId ${row.preferenceId} is known yet; import the PaymentMercadoPago export to join it` });
    }
    yield batch;
  }
}
