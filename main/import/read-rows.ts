import { readRow, type RowContext, type RowResult } from './imported-row';
import { timeSlicer, type TimeSlicer } from './next-turn';
import { openImportFile, type ImportFormat } from './read-file';

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

export interface RowSink {
  progress(done: number, total: number): void;
  /** The file's format is known and split into this many rows. */
  opened(total: number): void;
  /** A batch of rows, in file order; the reader waits for the promise before it reads on. */
  rows(batch: RowResult[]): void | Promise<void>;
}

/** Rows per batch: small enough that taking one in costs main a millisecond or two. */
const BATCH = 256;

/** Reads the whole file into the sink; returns its format. Throws ImportRefusedError for a file it cannot read. */
export async function readFileRows(request: ReadRequest, sink: RowSink, slicer: TimeSlicer = timeSlicer()): Promise<ImportFormat> {
  const source = await openImportFile(request.fileName, request.content, (done, total) => sink.progress(done, total), slicer);
  sink.opened(source.total);
  const context: RowContext = { timeZone: request.timeZone, companion: source.companion, fromPlatform: source.kind === 'json' };
  let batch: RowResult[] = [];
  for (const row of source.rows()) {
    batch.push(readRow(row, context));
    if (batch.length === BATCH) {
      await sink.rows(batch);
      batch = [];
    }
  }
  if (batch.length) await sink.rows(batch);
  return source.format();
}
