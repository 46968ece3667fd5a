import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInTimeZone } from 'date-fns-tz';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { createCalendarEngine, type SyncSummary } from '../../main/calendar/calendar-engine';
import { systemClock } from '../../main/clock';
import { silentLogger } from '../../main/logger';
import { openBookingStore } from '../../main/store/booking-store';
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

export async function run(): Promise<Record<string, string | number>> {
  const google = await startSignedInFakeGoogle();
  google.fake.addEvents(TEACHER, teacherEvents());
  const dataDirs: string[] = [];
  try {
    const engineOn = async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'td-bench-sync-'));
      dataDirs.push(dataDir);
      const store = await openBookingStore({ dataDir, clock: systemClock });
      const engine = createCalendarEngine({
        getAuthClient: async () => google.auth,
        onInvalidGrant: () => {
          throw new Error('the bench grant was refused');
        },
        store,
        settings: () => ({ calendarId: 'primary', timeZone: ZONE, classDefaults: { summary: 'Clase de Inglés', durationMinutes: 60 } }),
        clock: systemClock,
        log: silentLogger,
        rootUrl: google.server.origin,
      });
      return { engine, store };
    };

    // Each full sync starts from an empty store, as on a new install.
    const full: { time: number; summary: SyncSummary }[] = [];
    let last: Awaited<ReturnType<typeof engineOn>> | undefined;
    for (let i = 0; i < FULL_RUNS; i++) {
      const current = await engineOn();
      last = current;
      let summary: SyncSummary | undefined;
      const time = await timed(async () => {
        summary = await current.engine.sync();
      });
      if (summary?.mode !== 'full' || current.store.calendarState().busyBlocks.length !== EVENTS) throw new Error('full sync did not bring every event');
      full.push({ time, summary });
    }

    const incremental: { time: number; summary: SyncSummary }[] = [];
    for (let i = 0; i < INCREMENTAL_RUNS; i++) {
      let summary: SyncSummary | undefined;
      const time = await timed(async () => {
        summary = await last!.engine.sync();
      });
      if (summary?.mode !== 'incremental' || summary.changed !== 0) throw new Error('incremental sync with no changes changed something');
      incremental.push({ time, summary });
    }

    const fullSummary = full[0]!.summary;
    return {
      events: EVENTS,
      'full sync: requests (pages of 250)': `${fullSummary.requests} (${fullSummary.pages} pages)`,
      [`full sync: median of ${FULL_RUNS}`]: ms(median(full.map((r) => r.time))),
      [`full sync: fastest / slowest of ${FULL_RUNS}`]: `${ms(Math.min(...full.map((r) => r.time)))} / ${ms(Math.max(...full.map((r) => r.time)))}`,
      'incremental sync, no changes: requests': incremental[0]!.summary.requests,
      [`incremental sync, no changes: median of ${INCREMENTAL_RUNS}`]: ms(median(incremental.map((r) => r.time))),
    };
  } finally {
    await google.server.close();
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  }
}
