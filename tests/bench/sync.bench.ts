import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInTimeZone } from 'date-fns-tz';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { createCalendarEngine, type EngineTuning, type SyncSummary } from '../../main/calendar/calendar-engine';
import { systemClock } from '../../main/clock';
import { silentLogger } from '../../main/logger';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { startSignedInFakeGoogle, TEACHER } from '../integration/support/calendar-fake-google';
import { median, ms, timed } from './benchmark';

const EVENTS = 20_000;
const FULL_RUNS = 3;
const INCREMENTAL_RUNS = 5;
const ZONE = 'America/Argentina/Buenos_Aires';

export const name = 'calendar sync: 20,000 events from the fake Google';

/** One-hour events, one an hour from tomorrow on: all inside the sync window. */
function teacherEvents(): calendar_v3.Schema$Event[] {
  const first = Date.parse(`${formatInTimeZone(Date.now() + 86_400_000, ZONE, 'yyyy-MM-dd')}T08:00:00-03:00`);
  return Array.from({ length: EVENTS }, (_, i) => ({
    summary: `Evento ${i}`,
    start: { dateTime: formatInTimeZone(first + i * 3_600_000, ZONE, "yyyy-MM-dd'T'HH:mm:ssXXX"), timeZone: ZONE },
    end: { dateTime: formatInTimeZone(first + (i + 1) * 3_600_000, ZONE, "yyyy-MM-dd'T'HH:mm:ssXXX"), timeZone: ZONE },
  }));
}

/** Counts the store's mutations (mutate calls) made through it; the store writes only those that change something. */
function countingWrites(store: BookingStore): { store: BookingStore; writes: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'mutate') return (fn: Parameters<BookingStore['mutate']>[0]) => (n++, target.mutate(fn));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { store: proxy, writes: () => n };
}

type FileMarks = Map<string, { size: number; mtimeNs: bigint; ino: bigint }>;

async function fileMarks(dir: string): Promise<FileMarks> {
  const marks: FileMarks = new Map();
  for (const name of await readdir(dir)) {
    const s = await stat(join(dir, name), { bigint: true });
    if (s.isFile()) marks.set(name, { size: Number(s.size), mtimeNs: s.mtimeNs, ino: s.ino });
  }
  return marks;
}

/** Bytes written between two looks at the data directory: a file grown in place counts its growth, a new or replaced one its size. */
function bytesWritten(before: FileMarks, after: FileMarks): number {
  let bytes = 0;
  for (const [name, now] of after) {
    const was = before.get(name);
    if (was && was.ino === now.ino && was.mtimeNs === now.mtimeNs && was.size === now.size) continue;
    bytes += was && was.ino === now.ino && now.size > was.size ? now.size - was.size : Math.max(now.size, 1);
  }
  return bytes;
}

export async function run(): Promise<Record<string, string | number>> {
  const google = await startSignedInFakeGoogle();
  google.fake.addEvents(TEACHER, teacherEvents());
  const dataDirs: string[] = [];
  try {
    const engineOn = async (tuning: Partial<EngineTuning> = {}) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'td-bench-sync-'));
      dataDirs.push(dataDir);
      const counted = countingWrites(await openBookingStore({ dataDir, clock: systemClock }));
      const engine = createCalendarEngine({
        getAuthClient: async () => google.auth,
        onInvalidGrant: () => {
          throw new Error('the bench grant was refused');
        },
        store: counted.store,
        settings: () => ({ calendarId: 'primary', timeZone: ZONE, classDefaults: { summary: 'Clase de Inglés', durationMinutes: 60 } }),
        clock: systemClock,
        log: silentLogger,
        rootUrl: google.server.origin,
        tuning,
      });
      return { engine, store: counted.store, writes: counted.writes, dataDir };
    };
    const fullSync = async (tuning: Partial<EngineTuning> = {}) => {
      const current = await engineOn(tuning);
      let summary: SyncSummary | undefined;
      const time = await timed(async () => {
        summary = await current.engine.sync();
      });
      if (summary?.mode !== 'full' || current.store.calendarState().busyBlocks.length !== EVENTS) throw new Error('full sync did not bring every event');
      return { current, time, summary };
    };

    // Each full sync starts from an empty store, as on a new install.
    const full: Awaited<ReturnType<typeof fullSync>>[] = [];
    for (let i = 0; i < FULL_RUNS; i++) full.push(await fullSync());
    // Naive, in the same run: Google's default pages of 250, a write per page.
    const naive = await fullSync({ pageSize: 250 });

    const last = full.at(-1)!.current;
    const incremental: { time: number; summary: SyncSummary }[] = [];
    const writesBefore = last.writes();
    const marksBefore = await fileMarks(last.dataDir);
    for (let i = 0; i < INCREMENTAL_RUNS; i++) {
      let summary: SyncSummary | undefined;
      const time = await timed(async () => {
        summary = await last.engine.sync();
      });
      if (summary?.mode !== 'incremental' || summary.changed !== 0) throw new Error('incremental sync with no changes changed something');
      incremental.push({ time, summary });
    }
    const written = bytesWritten(marksBefore, await fileMarks(last.dataDir));
    const writes = last.writes() - writesBefore;

    const fullSummary = full[0]!.summary!;
    const fullMedian = median(full.map((r) => r.time));
    const requestsEach = [...new Set(incremental.map((r) => r.summary.requests))].join('/');
    return {
      events: EVENTS,
      [`sync full @${EVENTS} events`]:
        `${fullSummary.requests} requests, ${ms(fullMedian)} (median of ${FULL_RUNS}; ${fullSummary.pages} pages of 2,500, ${full[0]!.current.writes()} store mutations)` +
        ` | naive pages of 250: ${naive.summary!.requests} requests, ${ms(naive.time)} (${naive.current.writes()} store mutations) | ${(naive.time / fullMedian).toFixed(1)}×`,
      [`full sync: fastest / slowest of ${FULL_RUNS}`]: `${ms(Math.min(...full.map((r) => r.time)))} / ${ms(Math.max(...full.map((r) => r.time)))}`,
      'sync incremental no change': `${requestsEach} request${requestsEach === '1' ? '' : 's'}, ${written} bytes written (${writes} store mutations in ${INCREMENTAL_RUNS} syncs: each sync's last page hands the store its token and time, which it keeps in memory; bytes measured on the data directory's files)`,
      [`incremental sync, no changes: median of ${INCREMENTAL_RUNS}`]: ms(median(incremental.map((r) => r.time))),
    };
  } finally {
    await google.server.close();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  }
}
