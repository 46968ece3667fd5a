import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBookingStore } from '../../main/store/booking-store';
import { median, ms, timed } from './benchmark';
import { makeBookings } from './fixtures';

const COUNT = 20_000;
const RUNS = 7;
const clock = () => new Date('2026-11-24T20:00:00Z');

export const name = 'store: load and save 20,000 bookings';

export async function run(): Promise<Record<string, string | number>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'td-bench-store-'));
  try {
    const bookings = makeBookings(COUNT);
    const store = await openBookingStore({ dataDir, clock });
    const firstWrite = await timed(() => store.mutate((draft) => void draft.bookings.push(...bookings)));
    const size = (await stat(store.filePath)).size;

    const opens: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      opens.push(
        await timed(async () => {
          const reopened = await openBookingStore({ dataDir, clock });
          if (reopened.list().length !== COUNT || reopened.notices.length) throw new Error('the store did not read back what was written');
        }),
      );
    }

    // Saves on a freshly opened store: the first one serializes every booking, the next ones only the changed one.
    const opened = await openBookingStore({ dataDir, clock });
    const saves: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      saves.push(
        await timed(() =>
          opened.mutate((draft) => {
            const at = (i * 2_857) % COUNT;
            draft.bookings[at] = { ...draft.bookings[at]!, summary: `Clase de Inglés ${i}` };
          }),
        ),
      );
    }
    const [firstSave, ...laterSaves] = saves;

    return {
      bookings: COUNT,
      'file size': `${(size / 1_000_000).toFixed(1)} MB (${size.toLocaleString('en-US')} bytes)`,
      'write 20,000 new bookings (validate all + save)': ms(firstWrite),
      [`open (read + validate + index), median of ${RUNS}`]: ms(median(opens)),
      [`open, fastest / slowest of ${RUNS}`]: `${ms(Math.min(...opens))} / ${ms(Math.max(...opens))}`,
      'save one changed booking, first after open': ms(firstSave!),
      [`save one changed booking, median of the next ${RUNS}`]: ms(median(laterSaves)),
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
