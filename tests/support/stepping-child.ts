import { writeSync } from 'node:fs';
import { openBookingStore, type BookingStoreOptions, type StoreData } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';
import { runUntilKilled } from './crash-child';

/**
 * Both sides of the journaled store's crash tests (store-journal-crash,
 * store-group-crash). The child changes the store one step at a time,
 * forever, each step also setting the calendar id to `k<k>`, so the state
 * after step k is known from k alone. It reports on stdout, written
 * synchronously so that what the parent reads after the kill is exactly
 * what happened before it:
 *   T <op> <phase>   the store's own trace (append, compact, group…)
 *   S <k>            step k's mutate called
 *   C <k>            step k's mutate resolved: committed
 */

export const stepOf = (calendarId: string | null): number => (calendarId === null ? -1 : Number(calendarId.slice(1)));

const say = (line: string) => writeSync(1, `${line}\n`);

export interface SteppingChild {
  dataDir: string;
  /** Bookings the store starts with (made by makeBookings). */
  count: number;
  /** The store's own options beyond data dir, clock and trace (journal bound, batch size). */
  store?: Pick<BookingStoreOptions, 'journalLimitBytes' | 'batchRows'>;
  /** Step k's change to the bookings, made on the store's draft (the calendar id is set here). */
  step(draft: StoreData, k: number): void;
}

/** In the child: opens the store (seeding it the first time) and steps until killed. */
export async function runSteps(child: SteppingChild): Promise<never> {
  const store = await openBookingStore({
    ...child.store,
    dataDir: child.dataDir,
    clock: () => new Date(),
    trace: (event) => say(`T ${event.op} ${event.phase}`),
  });
  if (store.list().length === 0) {
    await store.mutate((draft) => {
      draft.bookings = makeBookings(child.count);
      draft.calendar.calendarId = 'k0';
    });
  }
  let k = stepOf(store.calendarState().calendarId);
  say(`C ${k}`);
  say('ready');
  for (;;) {
    k++;
    const step = k;
    say(`S ${step}`);
    await store.mutate((draft) => {
      child.step(draft, step);
      draft.calendar.calendarId = `k${step}`;
    });
    say(`C ${step}`);
  }
}

/** In the parent: the last step the child saw committed, and the last it had started (-1: none). */
export function stepsSeen(lines: string[]): { lastCommitted: number; lastStarted: number } {
  const last = (prefix: string) => Math.max(-1, ...lines.filter((l) => l.startsWith(prefix)).map((l) => Number(l.slice(2))));
  return { lastCommitted: last('C '), lastStarted: last('S ') };
}

export interface StepKill {
  /** The child script (run with tsx, from the repo root). */
  script: string;
  dataDir: string;
  /** The trace line to aim at (`T append start`…), its occurrence (1: the first) and the delay after it (0: at once). */
  at: string;
  occurrence: number;
  delayMs: number;
  /** SIGKILL anyway this long after the start. */
  guardMs: number;
}

/** In the parent: runs a stepping child and kills it `delayMs` after the n-th `at` line; resolves with its stdout lines. */
export function killAtTrace(kill: StepKill): Promise<string[]> {
  let seen = 0;
  return runUntilKilled({
    script: kill.script,
    args: [kill.dataDir],
    guardMs: kill.guardMs,
    onLine: (line, killChild) => {
      if (line === kill.at && ++seen === kill.occurrence) killChild(kill.delayMs);
    },
  });
}
