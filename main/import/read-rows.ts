import type { Payment } from '../../shared/booking';
import { readRow, type RowContext, type RowResult } from './imported-row';
import { timeSlicer, type TimeSlicer } from './next-turn';
import { companionPayments, isPaymentsFile, readPaymentRow, type PaymentRead } from './payment-docs';
import { openImportFile, type ImportFormat, type SourceRow } from './read-file';

/**
 * The part of a preview that needs only the file: find the format, parse
 * each row and read it as the desk understands it (dates, Extended JSON,
 * the platform's faults). It runs in the import worker (import-worker.ts),
 * off the main thread, and hands the rows on in batches; matching them
 * against the desk's bookings stays in main, where the store is.
 */

export interface ReadRequest {
  fileName: string;
  content: string;
  /** The teacher's zone, read at the preview. */
  timeZone: string;
}

/**
 * What a file holds: the platform's classes (with the payments of a
 * companion file, for the payment ledger), or a PaymentMercadoPago export's
 * payments, which main joins to the desk's classes by preferenceId.
 */
export type FileHolds = { kind: 'classes'; payments: Map<string, Payment> } | { kind: 'payments' };

export interface RowSink {
  progress(done: number, total: number): void;
  /** The file's format is known and split into this many rows (classes, or payments as `holds` says). */
  opened(total: number, holds: FileHolds): void;
  /** A batch of rows, in file order; the reader waits for the promise before it reads on. */
  rows(batch: RowResult[] | PaymentRead[]): void | Promise<void>;
}

/** Rows per batch: small enough that taking one in costs main a millisecond or two. */
const BATCH = 256;

/** Reads the whole file into the sink; returns its format. Throws ImportRefusedError for a file it cannot read. */
export async function readFileRows(request: ReadRequest, sink: RowSink, slicer: TimeSlicer = timeSlicer()): Promise<ImportFormat> {
  const source = await openImportFile(request.fileName, request.content, (done, total) => sink.progress(done, total), slicer);
  if (isPaymentsFile(source)) {
    sink.opened(source.total, { kind: 'payments' });
    await inBatches(source.rows(), readPaymentRow, sink);
  } else {
    sink.opened(source.total, { kind: 'classes', payments: companionPayments(source) });
    const context: RowContext = { timeZone: request.timeZone, companion: source.companion, fromPlatform: source.kind === 'json' };
    await inBatches(source.rows(), (row) => readRow(row, context), sink);
  }
  return source.format();
}

async function inBatches<T extends RowResult | PaymentRead>(rows: Iterable<SourceRow>, read: (row: SourceRow) => T, sink: RowSink): Promise<void> {
  let batch: T[] = [];
  for (const row of rows) {
    batch.push(read(row));
    if (batch.length === BATCH) {
      await sink.rows(batch as RowResult[] | PaymentRead[]);
      batch = [];
    }
  }
  if (batch.length) await sink.rows(batch as RowResult[] | PaymentRead[]);
}
