import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInTimeZone } from 'date-fns-tz';
import type { Booking, Payment } from '../../shared/booking';
import { classIncome, peopleOf } from '../../shared/business/earnings';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { businessHandlers } from '../../main/business/handlers';
import { createEventBus } from '../../main/events';
import { silentLogger } from '../../main/logger';
import { openBookingStore } from '../../main/store/booking-store';
import { median, timed } from './benchmark';
import { makeBookings, seededRandom } from './fixtures';

/**
 * What the teacher waits for when opening the earnings and the students
 * views over 20,000 bookings: the handler's work on the real store (the
 * store's own reads included, IPC not). Each against a naive version
 * measured in the same run: a date formatter per class (earnings), a list
 * searched per person (students).
 */

export const name = 'business views: earnings and students';

const COUNT = 20_000;
const RUNS = 9;
const ZONE = DEFAULT_SETTINGS.timeZone;
const NOW = new Date('2026-11-24T20:00:00Z');
const ANCHOR = '2026-11-24';

/** The fixtures, with 600 returning students and payments of every kind. */
function businessBookings(): Booking[] {
  const random = seededRandom(12);
  const states: (Payment['state'] | null)[] = ['paid', 'paid', 'paid', 'waiting', 'rejected', null];
  return makeBookings(COUNT, { firstDay: '2021-01-04' }).map((b) => {
    const n = Math.floor(random() * 600);
    const state = states[Math.floor(random() * states.length)] ?? null;
    return {
      ...b,
      bookedBy: { name: `Alumno ${n}`, email: `alumno${n}@example.com` },
      ...(state ? { payment: { state, amount: b.classPrice, at: b.createdAt, source: 'platform' as const } } : {}),
    };
  });
}

/** Earnings the obvious way: every class's local date through date-fns-tz, compared as text. */
function naiveEarnings(bookings: readonly Booking[]): number {
  let total = 0;
  const year = ANCHOR.slice(0, 4);
  const month = ANCHOR.slice(0, 7);
  for (const b of bookings) {
    const local = formatInTimeZone(b.startTime, ZONE, 'yyyy-MM-dd');
    if (!local.startsWith(year)) continue;
    const income = classIncome(b);
    if (income) total += income.amount;
    if (local.startsWith(month)) total += peopleOf(b).length;
  }
  return total;
}

/** Students the obvious way: one array, searched for each person of each class. */
function naiveStudents(bookings: readonly Booking[]): number {
  const students: { key: string; classes: number }[] = [];
  for (const b of bookings) {
    for (const key of peopleOf(b)) {
      const found = students.find((s) => s.key === key);
      if (found) found.classes++;
      else students.push({ key, classes: 1 });
    }
  }
  return students.length;
}

const fmt = (value: number) => `${value.toFixed(1)} ms`;

export async function run(): Promise<Record<string, string | number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'td-bench-business-'));
  try {
    const store = await openBookingStore({ dataDir, clock: () => NOW });
    await store.mutate((draft) => void draft.bookings.push(...businessBookings()));
    const events = createEventBus();
    const handlers = businessHandlers({ store, settings: { get: () => DEFAULT_SETTINGS }, clock: () => NOW, log: silentLogger, saveFile: async () => '', writeClipboard: async () => {}, events });
    // Wall time is what the teacher waits for; CPU time is printed beside it, as this machine's load stretches wall time.
    const cpu: Map<unknown, number> = new Map();
    // `before` runs untimed ahead of each timed run (a change to the bookings, for the cold figures).
    const measure = async (fn: () => unknown, before: () => unknown = () => undefined) => {
      await before();
      await fn(); // warm-up
      const times: number[] = [];
      const cpus: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await before();
        const start = process.cpuUsage();
        times.push(await timed(fn));
        const used = process.cpuUsage(start);
        cpus.push((used.user + used.system) / 1000);
      }
      const wall = median(times);
      cpu.set(wall, median(cpus));
      return wall;
    };
    // One booking changed, as a confirm does: the store's version moves and main says bookings changed.
    let n = 0;
    const changeOne = async () => {
      await store.mutate((draft) => void (draft.bookings[0] = { ...draft.bookings[0]!, summary: `Clase ${++n}` }));
      events.emit('bookingsChanged', { reason: 'bench' });
    };
    const earnings = await measure(() => handlers.getEarnings({ anchor: ANCHOR }));
    const naiveE = await measure(() => naiveEarnings(store.list()));
    // Cold: right after a change to the bookings (untimed), so the cache and the store's read array are built again. Warm: the view opened again.
    const students = await measure(() => handlers.listStudents({}), changeOne);
    const warm = await measure(() => handlers.listStudents({}));
    const naiveS = await measure(() => naiveStudents(store.list()));
    const list = await measure(() => store.list());
    const all = await measure(() => store.all(), changeOne);
    const line = (t: number, naive: number) => `${fmt(t)} (cpu ${fmt(cpu.get(t) ?? NaN)}) | naive: ${fmt(naive)} | ratio ${(naive / t).toFixed(1)}x${t < 50 ? '' : ' (over the 50 ms target)'}`;
    return {
      [`earnings @${COUNT} bookings`]: line(earnings, naiveE),
      [`students @${COUNT} bookings`]: line(students, naiveS),
      "  of which the store's all() after a change (the stored bookings, none copied)": fmt(all),
      "  the store's list() for comparison (copies every booking; these views no longer call it)": fmt(list),
      '  students again, bookings unchanged': fmt(warm),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
