import { parentPort } from 'node:worker_threads';
import { ImportRefusedError } from './import-errors';
import { BATCHES_AHEAD, type MainMessage, type WorkerMessage } from './import-worker-protocol';
import { readFileRows, type ReadRequest } from './read-rows';

/**
 * The import worker: reads files off the main thread, one at a time, and
 * posts their rows back in batches, at most BATCHES_AHEAD ahead of what
 * main has taken. Main terminates it to cancel. Built by vite.config.ts
 * (mode main) as out/main/import-worker.cjs; run from source through tsx in
 * tests and the harness (worker-thread.ts).
 */

const port = parentPort;
if (!port) throw new Error('import-worker runs as a worker thread (main/import/worker-rows.ts starts it)');
const post = (message: WorkerMessage) => port.postMessage(message);

let credit = 0;
let wake: (() => void) | null = null;
let reading: { request: Omit<ReadRequest, 'content'>; parts: string[]; expected: number } | null = null;

port.on('message', (message: MainMessage) => {
  if (message.type === 'read') {
    credit = BATCHES_AHEAD;
    reading = { request: message.request, parts: [], expected: message.parts };
  } else if (message.type === 'text' && reading) {
    reading.parts.push(message.part);
  } else if (message.type === 'more') {
    credit++;
    wake?.();
    wake = null;
  }
  if (reading && reading.parts.length === reading.expected) {
    const { request, parts } = reading;
    reading = null;
    void read({ ...request, content: parts.join('') });
  }
});

async function read(request: ReadRequest): Promise<void> {
  try {
    const format = await readFileRows(request, {
      progress: (done, total) => post({ type: 'progress', done, total }),
      opened: (total, holds) => post({ type: 'opened', total, holds }),
      async rows(rows) {
        while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
        credit--;
        post({ type: 'rows', rows });
      },
    });
    post({ type: 'done', format });
  } catch (error) {
    post(error instanceof ImportRefusedError ? { type: 'refused', reason: error.reason } : { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
