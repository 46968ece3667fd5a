import type { Worker } from 'node:worker_threads';
import type { Payment } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { ImportRefusedError } from './import-errors';
import { TEXT_PART, type MainMessage, type WorkerMessage } from './import-worker-protocol';
import type { RowResult } from './imported-row';
import { nextTurn } from './next-turn';
import type { PaymentRead } from './payment-docs';
import type { ImportFormat } from './read-file';
import type { FileHolds, ReadRequest } from './read-rows';
import { keepWorker, takeWorker } from './worker-thread';

/**
 * Main's side of the import worker: gives one file's rows as an async
 * stream of batches, so the main thread only takes rows in and never
 * parses. cancel() stops the worker at once; a worker that answered in
 * full is kept for the next file (worker-thread.ts).
 */

interface Stream<Row> {
  /** How many rows the file holds. */
  total: number;
  batches: AsyncIterable<Row[]>;
  /** The file's format; known once every batch was taken. */
  format(): ImportFormat;
}

export type RowStream = Stream<RowResult>;
export type PaymentStream = Stream<PaymentRead>;
/** A file's rows: classes (with its companion's payments, for the ledger), or a payments file's payments (read-rows.ts's FileHolds). */
export type FileRows = (RowStream & { kind: 'classes'; payments: Map<string, Payment> }) | (PaymentStream & { kind: 'payments' });

export interface RowReading {
  /** The rows, once the worker has found the format and split the file; rejects with ImportRefusedError for a file it cannot read. */
  opened: Promise<FileRows>;
  /** Stops the worker; whatever still waits on it rejects with CANCELLED. Does nothing once the reading finished. */
  cancel(): void;
}

/** The request, then its text in parts with a turn of the event loop between them (one copy of 40 MB would block main). */
async function sendText(worker: Worker, request: ReadRequest, stopped: () => boolean): Promise<void> {
  const { content, ...rest } = request;
  const parts = Math.ceil(content.length / TEXT_PART);
  worker.postMessage({ type: 'read', request: rest, parts } satisfies MainMessage);
  for (let i = 0; i < parts; i++) {
    if (i > 0) await nextTurn();
    if (stopped()) return;
    worker.postMessage({ type: 'text', part: content.slice(i * TEXT_PART, (i + 1) * TEXT_PART) } satisfies MainMessage);
  }
}

const readFailed = (cause: unknown) => new AppError('INTERNAL', 'The file could not be read. Details are in the log.', { cause });

export function readRowsInWorker(workerFile: string, request: ReadRequest, onProgress: (done: number, total: number) => void): RowReading {
  const worker = takeWorker(workerFile);
  const queue: (RowResult[] | PaymentRead[])[] = [];
  let format: ImportFormat | null = null;
  let failure: Error | null = null;
  let finished = false;
  let waiting: (() => void) | null = null;
  let resolveOpened!: (stream: FileRows) => void;
  let rejectOpened!: (error: Error) => void;
  const opened = new Promise<FileRows>((resolve, reject) => {
    resolveOpened = resolve;
    rejectOpened = reject;
  });
  // A refusal before the rows begin rejects `opened`; nobody may be listening yet if it comes later.
  opened.catch(() => undefined);

  /** The reading is over: `reusable` when the worker answered in full and may take the next file. */
  const settle = (error: Error | null, reusable: boolean) => {
    if (finished) return;
    finished = true;
    failure = error;
    if (error) rejectOpened(error);
    waiting?.();
    waiting = null;
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    if (reusable) keepWorker(workerFile, worker);
    else void worker.terminate();
  };

  function onMessage(message: WorkerMessage): void {
    switch (message.type) {
      case 'progress':
        onProgress(message.done, message.total);
        break;
      case 'opened':
        resolveOpened(fileRows(message.total, message.holds));
        break;
      case 'rows':
        queue.push(message.rows);
        waiting?.();
        waiting = null;
        break;
      case 'done':
        format = message.format;
        settle(null, true);
        break;
      case 'refused':
        settle(new ImportRefusedError(request.fileName, message.reason), true);
        break;
      case 'failed':
        settle(readFailed(new Error(message.message)), false);
        break;
    }
  }
  const onError = (error: Error) => settle(readFailed(error), false);
  const onExit = () => settle(new AppError('INTERNAL', 'The import stopped before it read the whole file.'), false);
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  void sendText(worker, request, () => finished);

  /** The worker sends the kind of rows `holds` names (read-rows.ts). */
  function fileRows(total: number, holds: FileHolds): FileRows {
    const stream = { total, format: () => format ?? 'json' };
    return holds.kind === 'payments'
      ? { ...stream, kind: 'payments', batches: batches() as AsyncIterable<PaymentRead[]> }
      : { ...stream, kind: 'classes', payments: holds.payments, batches: batches() as AsyncIterable<RowResult[]> };
  }

  async function* batches(): AsyncGenerator<RowResult[] | PaymentRead[]> {
    for (;;) {
      const next = queue.shift();
      if (next) {
        if (!finished) worker.postMessage({ type: 'more' } satisfies MainMessage);
        yield next;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => (waiting = resolve));
    }
  }

  return {
    opened,
    cancel: () => settle(new AppError('CANCELLED', 'The import preview was cancelled.'), false),
  };
}
