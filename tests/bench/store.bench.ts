import { copyFile, mkdir, mkdtemp, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookingSchema } from '../../shared/booking';
import { openBookingStore } from '../../main/store/booking-store';
import { median, ms, timed } from './benchmark';
import { makeBookings } from './fixtures';

/**
 * The store at the size of a long history: 20,000 bookings (about 17 MB).
 * Each headline figure is set against a naive way of doing the same thing,
 * measured in the same run on the same data:
 * - persist one change: the store appends one journal line (fsynced);
 *   naive is JSON.stringify of everything + write + fsync + rename.
 * - load: the store opens (snapshot + a journal of recent changes) and
 *   answers the week the teacher opens; naive is read + JSON.parse + a zod
 *   check of every row.
 */

const COUNT = 20_000;
const RUNS = 7;
const JOURNAL_CHANGES = 100;
const clock = () => new Date('2026-11-24T20:00:00Z');
const WEEK = { from: '2026-06-01T00:00:00-03:00', to: '2026-06-08T00:00:00-03:00' };

export const name = 'store: load and save 20,000 bookings';

const ratio = (naive: number, ours: number) => `${(naive / ours).toFixed(1)}×`;

async function naiveWholeFile(path: string, data: unknown): Promise<void> {
  const temp = `${path}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(JSON.stringify(data), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
}

async function naiveLoad(path: string): Promise<number> {
  const data = JSON.parse(await readFile(path, 'utf8')) as { bookings: unknown[] };
  for (const row of data.bookings) BookingSchema.parse(row);
  return data.bookings.length;
}

export async function run(): Promise<Record<string, string | number>> {
  const root = await mkdtemp(join(tmpdir(), 'td-bench-store-'));
  try {
    const template = join(root, 'template');
    const bookings = makeBookings(COUNT);
    const store = await openBookingStore({ dataDir: template, clock });
    const firstWrite = await timed(() => store.mutate((draft) => void draft.bookings.push(...bookings)));
    const snapshotSize = (await stat(store.filePath)).size;

    // Persist one change: the store against the whole file, alternating, same data.
    const naiveFile = join(root, 'naive.json');
    const persists: number[] = [];
    const naivePersists: number[] = [];
    for (let i = 0; i < RUNS * 2; i++) {
      persists.push(
        await timed(() =>
          store.mutate((draft) => {
            const at = (i * 2_857) % COUNT;
            draft.bookings[at] = { ...draft.bookings[at]!, summary: `Clase de Inglés ${i}` };
          }),
        ),
      );
      if (i % 2 === 0) {
        const whole = { schemaVersion: 2, calendar: store.calendarState(), bookings: store.list() };
        naivePersists.push(await timed(() => naiveWholeFile(naiveFile, whole)));
      }
    }
    // A journal of recent changes beside the snapshot, as a store has between compactions.
    for (let i = persists.length; i < JOURNAL_CHANGES; i++) {
      await store.mutate((draft) => {
        const at = (i * 7_919) % COUNT;
        draft.bookings[at] = { ...draft.bookings[at]!, summary: `Clase ${i}` };
      });
    }
    const journalSize = (await stat(store.journalPath)).size;
    const expected = store.inRange(WEEK.from, WEEK.to).length;

    // Load: open a copy (close compacts, which would change the next run's files) and answer the week.
    const loads: number[] = [];
    const naiveLoads: number[] = [];
    let listAfterOpen = 0;
    for (let i = 0; i < RUNS; i++) {
      const dataDir = join(root, `open-${i}`);
      await mkdir(dataDir);
      await copyFile(store.filePath, join(dataDir, 'bookings.json'));
      await copyFile(store.journalPath, join(dataDir, 'bookings.journal'));
      let opened: Awaited<ReturnType<typeof openBookingStore>> | undefined;
      loads.push(
        await timed(async () => {
          opened = await openBookingStore({ dataDir, clock });
          if (opened.inRange(WEEK.from, WEEK.to).length !== expected || opened.notices.length) throw new Error('the store did not read back what was written');
        }),
      );
      if (i === 0) {
        listAfterOpen = await timed(() => {
          if (opened!.list().length !== COUNT) throw new Error('the store lost bookings');
        });
      }
      await opened!.close();
      naiveLoads.push(
        await timed(async () => {
          if ((await naiveLoad(naiveFile)) !== COUNT) throw new Error('naive load lost bookings');
        }),
      );
    }
    await store.close();

    const p = median(persists);
    const n = median(naivePersists);
    const pl = median(loads);
    const nl = median(naiveLoads);
    return {
      bookings: COUNT,
      'snapshot size': `${(snapshotSize / 1_000_000).toFixed(1)} MB (${snapshotSize.toLocaleString('en-US')} bytes); journal of ${JOURNAL_CHANGES} changes ${journalSize.toLocaleString('en-US')} bytes`,
      'write 20,000 new bookings (validate all + first snapshot)': ms(firstWrite),
      [`store persist one change @${COUNT}`]: `${p.toFixed(1)} ms | naive whole-file: ${n.toFixed(1)} ms | N/P = ${ratio(n, p)}`,
      [`store load @${COUNT}`]: `${pl.toFixed(1)} ms | naive parse+validate: ${nl.toFixed(1)} ms | N/P = ${ratio(nl, pl)}`,
      'load: fastest / slowest': `${ms(Math.min(...loads))} / ${ms(Math.max(...loads))} (open + the week's classes, journal replayed)`,
      'every booking parsed after open (list(), first call)': ms(listAfterOpen),
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
