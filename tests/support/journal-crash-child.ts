import { pathToFileURL } from 'node:url';
import { makeBookings } from '../bench/fixtures';
import { runSteps } from './stepping-child';

/**
 * Run as a child process by tests/unit/store-journal-crash.test.ts, which
 * kills it with SIGKILL. It changes the store one step at a time, forever:
 * step k gives booking (k * 7919) % COUNT the summary `s<k>` and sets the
 * calendar id to `k<k>`, so the state after step k is known from k alone
 * (crashSteps below). A tiny journal bound makes compactions run often,
 * beside the appends.
 *
 * It reports on stdout as stepping-child.ts says (`T append|compact <phase>`,
 * `S <k>`, `C <k>`).
 */

export const COUNT = 3_000;
const STRIDE = 7_919;

/** The summaries after step k: booking index -> summary. */
export function crashSteps(k: number): Map<number, string> {
  const summaries = new Map<number, string>();
  for (let j = 1; j <= k; j++) summaries.set((j * STRIDE) % COUNT, `s${j}`);
  return summaries;
}

async function main(dataDir: string): Promise<void> {
  const ids = makeBookings(COUNT).map((b) => b.id);
  await runSteps({
    dataDir,
    count: COUNT,
    store: { journalLimitBytes: 24_000 },
    step(draft, step) {
      const id = ids[(step * STRIDE) % COUNT];
      const at = draft.bookings.findIndex((b) => b.id === id);
      draft.bookings[at] = { ...draft.bookings[at]!, summary: `s${step}` };
    },
  });
}

// Started as a script (not imported by the test for crashSteps).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv[2]!);
