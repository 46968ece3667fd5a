import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { openBookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';

/**
 * Run as a child process by tests/unit/store-journal-crash.test.ts, which
 * kills it with SIGKILL. It changes the store one step at a time, forever:
 * step k gives booking (k * 7919) % COUNT the summary `s<k>` and sets the
 * calendar id to `k<k>`, so the state after step k is known from k alone
 * (crashSteps below). A tiny journal bound makes compactions run often,
 * beside the appends.
 *
 * It reports on stdout, written synchronously so that what the parent reads
 * after the kill is exactly what happened before it:
 *   T <op> <phase>   the store's own trace (append start/end, compact start/snapshot-written/end)
 *   S <k>            step k's mutate called
 *   C <k>            step k's mutate resolved: committed
 */

export const COUNT = 3_000;
const STRIDE = 7_919;

/** The summaries after step k: booking index -> summary. */
export function crashSteps(k: number): Map<number, string> {
  const summaries = new Map<number, string>();
  for (let j = 1; j <= k; j++) summaries.set((j * STRIDE) % COUNT, `s${j}`);
  return summaries;
}

export const stepOf = (calendarId: string | null): number => (calendarId === null ? -1 : Number(calendarId.slice(1)));

const say = (line: string) => writeSync(1, `${line}\n`);

async function main(dataDir: string): Promise<void> {
  const store = await openBookingStore({
    dataDir,
    clock: () => new Date(),
    journalLimitBytes: 24_000,
    trace: (event) => say(`T ${event.op} ${event.phase}`),
  });
  if (store.list().length === 0) {
    await store.mutate((draft) => {
      draft.bookings = makeBookings(COUNT);
      draft.calendar.calendarId = 'k0';
    });
  }
  const ids = makeBookings(COUNT).map((b) => b.id);
  let k = stepOf(store.calendarState().calendarId);
  say(`C ${k}`);
  say('ready');
  for (;;) {
    k++;
    const step = k;
    say(`S ${step}`);
    await store.mutate((draft) => {
      const id = ids[(step * STRIDE) % COUNT];
      const at = draft.bookings.findIndex((b) => b.id === id);
      draft.bookings[at] = { ...draft.bookings[at]!, summary: `s${step}` };
      draft.calendar.calendarId = `k${step}`;
    });
    say(`C ${step}`);
  }
}

// Started as a script (not imported by the test for crashSteps).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main(process.argv[2]!);
