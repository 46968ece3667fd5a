import { pathToFileURL } from 'node:url';
import { makeBookings } from '../bench/fixtures';
import { runSteps } from './stepping-child';

/**
 * Run as a child process by tests/unit/store-group-crash.test.ts, which
 * kills it with SIGKILL. Like journal-crash-child.ts, but every step is a
 * large change (half the bookings, like an import), which the store writes
 * as a group of journal lines made whole by a last commit line: step k
 * gives every booking i with i % 2 === k % 2 the summary `b<k>` and sets
 * the calendar id to `k<k>`, so the state after step k is known from k
 * alone (groupSteps below), and half a step would show.
 *
 * On stdout as stepping-child.ts says (`T <op> <phase>`, `S <k>`, `C <k>`).
 */

export const COUNT = 2_000;
/** Bookings per journal line: a step of 1,000 bookings is 5 lines and a commit line. */
export const BATCH_ROWS = 200;

/** The summary of booking i after step k (undefined: the original one). */
export function summaryAfter(i: number, k: number): string | undefined {
  const last = k % 2 === i % 2 ? k : k - 1;
  return last >= 1 ? `b${last}` : undefined;
}

async function main(dataDir: string): Promise<void> {
  const position = new Map(makeBookings(COUNT).map((b, i) => [b.id, i]));
  await runSteps({
    dataDir,
    count: COUNT,
    store: { batchRows: BATCH_ROWS },
    step(draft, step) {
      draft.bookings = draft.bookings.map((b) => (position.get(b.id)! % 2 === step % 2 ? { ...b, summary: `b${step}` } : b));
    },
  });
}

// Started as a script (not imported by the test for summaryAfter).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv[2]!);
