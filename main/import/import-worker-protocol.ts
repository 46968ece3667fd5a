import type { RowResult } from './imported-row';
import type { PaymentRead } from './payment-docs';
import type { ImportFormat } from './read-file';
import type { FileHolds, ReadRequest } from './read-rows';

/** What the import worker and main say to each other (import-worker.ts, worker-rows.ts). */

/** Worker -> main. */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'opened'; total: number; holds: FileHolds }
  /** Classes (RowResult) or, for a payments file, payments (PaymentRead), as `opened` said. */
  | { type: 'rows'; rows: RowResult[] | PaymentRead[] }
  | { type: 'done'; format: ImportFormat }
  /** The file cannot be imported; `reason` is for the teacher (ImportRefusedError). */
  | { type: 'refused'; reason: string }
  | { type: 'failed'; message: string };

/**
 * Main -> worker: read a file (one at a time), its text following in
 * `parts` chunks (one 40 MB message would block main ~100 ms to copy it), or:
 * one more batch may be sent.
 */
export type MainMessage = { type: 'read'; request: Omit<ReadRequest, 'content'>; parts: number } | { type: 'text'; part: string } | { type: 'more' };

/** Characters of the file's text per message. */
export const TEXT_PART = 1 << 20;

/** Batches the worker may send ahead of main, so a slow main never makes it hold the whole file as rows. */
export const BATCHES_AHEAD = 8;
