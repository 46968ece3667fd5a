import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Booking } from '../../shared/booking';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { buildExport } from '../../main/export/export-service';
import { createImportService } from '../../main/import/import-service';
import { silentLogger } from '../../main/logger';
import { searchBookings } from '../../main/search/search-bookings';
import { openBookingStore } from '../../main/store/booking-store';
import { median, ms, timed } from './benchmark';
import { makeBookings } from './fixtures';

/**
 * Importing 50,000 platform classes: a mongoexport file (one Extended JSON
 * document per line) previewed and committed into an empty store, median
 * of RUNS, with peak memory and the longest time the event loop was blocked
 * (what the window would feel). Then re-import (all unchanged), a CSV
 * import, search and export over the 50,000 bookings.
 */

const COUNT = 50_000;
const RUNS = 3;
const clock = () => new Date('2026-11-24T20:00:00Z');
const settings = () => DEFAULT_SETTINGS;

export const name = 'import: 50,000 platform classes (preview + commit), search, export';

/** A booking as the platform's VirtualClass, the way mongoexport writes it, joined with its User. */
function platformDocument(b: Booking, i: number): string {
  return JSON.stringify({
    _id: { $oid: b.platformId },
    bookedById: { $oid: i.toString(16).padStart(24, '0') },
    bookedBy: b.bookedBy,
    startTime: { $date: new Date(b.startTime).toISOString() },
    endTime: { $date: { $numberLong: String(Date.parse(b.endTime)) } },
    hostType: b.hostType,
    currentParticipants: b.currentParticipants,
    maxParticipants: b.maxParticipants,
    classType: b.classType,
    classPrice: b.classPrice,
    htmlLink: b.meetLink,
    status: b.status,
    summary: b.summary,
    description: `La clase sera ${b.classType} con x${b.maxParticipants} participantes`,
    learningFocus: b.learningFocus,
    preferenceId: b.preferenceId,
    activityStatus: 'pending',
    participantsIds: b.participants.map((p) => ({ $oid: p.platformUserId })),
    googleEventId: b.googleEventId,
    accessCode: b.accessCode,
    createdAt: { $date: new Date(b.createdAt).toISOString() },
    updatedAt: { $date: new Date(b.updatedAt).toISOString() },
  });
}

interface Watch {
  stop(): { peakRss: number; peakHeap: number; maxBlockMs: number };
}

/** Samples memory every 10 ms and the event loop's longest delay while a job runs. */
function watch(): Watch {
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  sample();
  const timer = setInterval(sample, 10);
  return {
    stop() {
      clearInterval(timer);
      sample();
      delay.disable();
      return { peakRss, peakHeap, maxBlockMs: delay.max / 1e6 };
    },
  };
}

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

export async function run(): Promise<Record<string, string | number>> {
  const bookings = makeBookings(COUNT);
  const ndjson = bookings.map(platformDocument).join('\n') + '\n';
  const dirs: string[] = [];
  const freshStore = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-bench-import-'));
    dirs.push(dir);
    return openBookingStore({ dataDir: dir, clock });
  };

  try {
    const previews: number[] = [];
    const commits: number[] = [];
    const totals: number[] = [];
    const cpuTimes: number[] = [];
    let peakRss = 0;
    let peakHeap = 0;
    let maxBlockMs = 0;
    let counts = '';
    gc?.();
    const baseline = process.memoryUsage();
    let store = await freshStore();
    for (let i = 0; i < RUNS; i++) {
      if (i > 0) {
        await store.close();
        store = await freshStore();
      }
      gc?.();
      const imports = createImportService({ store, settings, clock, log: silentLogger });
      const watching = watch();
      const cpuBefore = process.cpuUsage();
      let previewId = '';
      const preview = await timed(async () => {
        const p = await imports.preview({ fileName: 'virtualclasses.json', content: ndjson });
        previewId = p.previewId;
        counts = `${p.counts.new} new, ${p.counts.invalid} invalid, ${p.notes.length} notes`;
      });
      const commit = await timed(() => imports.commit({ previewId }));
      const cpu = process.cpuUsage(cpuBefore);
      cpuTimes.push((cpu.user + cpu.system) / 1000);
      const seen = watching.stop();
      previews.push(preview);
      commits.push(commit);
      totals.push(preview + commit);
      peakRss = Math.max(peakRss, seen.peakRss);
      peakHeap = Math.max(peakHeap, seen.peakHeap);
      maxBlockMs = Math.max(maxBlockMs, seen.maxBlockMs);
      if (store.list().length !== COUNT) throw new Error(`expected ${COUNT} bookings after the import, found ${store.list().length}`);
    }

    // The same file again: everything unchanged, nothing written.
    const again = createImportService({ store, settings, clock, log: silentLogger });
    let unchanged = 0;
    const reimport = await timed(async () => {
      const p = await again.preview({ fileName: 'virtualclasses.json', content: ndjson });
      unchanged = p.counts.unchanged;
      await again.commit({ previewId: p.previewId });
    });
    if (unchanged !== COUNT) throw new Error(`re-import: expected ${COUNT} unchanged, got ${unchanged}`);

    // Export all of it, and import the CSV into an empty store.
    const all = { from: '2026-01-01', to: '2099-12-31' };
    let csvText = '';
    const csvExport = await timed(() => {
      csvText = buildExport(store.list(), { ...all, format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: clock() }).content;
    });
    const icsExport = await timed(() => buildExport(store.list(), { ...all, format: 'ics' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: clock() }));
    const csvStore = await freshStore();
    const csvImports = createImportService({ store: csvStore, settings, clock, log: silentLogger });
    const csvImport = await timed(async () => {
      const p = await csvImports.preview({ fileName: 'classes.csv', content: csvText });
      await csvImports.commit({ previewId: p.previewId });
    });
    if (csvStore.list().length !== COUNT) throw new Error('the CSV import did not give back every booking');
    await csvStore.close();

    // Search: a name many share, an e-mail one has, an access code; the first search includes folding every booking.
    const code = bookings.find((b) => b.accessCode)?.accessCode as string;
    const queries = ['gonzalez', bookings[31_337]!.bookedBy.email, code, 'lucía pérez', 'nobody-like-this'];
    const searches: number[] = [];
    for (let i = 0; i < 3; i++) for (const query of queries) searches.push(await timed(() => searchBookings(store, query, 50, clock)));
    await store.close();

    return {
      rows: COUNT,
      'file size': `${(Buffer.byteLength(ndjson) / 1_048_576).toFixed(1)} MB (mongoexport, one document per line)`,
      'preview result': counts,
      [`preview + commit, median of ${RUNS}`]: ms(median(totals)),
      [`  preview (read + check), median of ${RUNS}`]: ms(median(previews)),
      [`  commit (validate changed in slices + one store mutation + write), median of ${RUNS}`]: ms(median(commits)),
      [`CPU time of preview + commit (user + system, all threads), median of ${RUNS}`]: ms(median(cpuTimes)),
      'longest event-loop block during an import': ms(maxBlockMs),
      'peak rss during imports': `${mb(peakRss)} (${mb(baseline.rss)} before)`,
      'peak heap used during imports': `${mb(peakHeap)} (${mb(baseline.heapUsed)} before${gc ? ', after gc' : '; run with --expose-gc for a cleaner baseline'})`,
      're-import of the same file (all unchanged, nothing written)': ms(reimport),
      'export 50,000 to CSV': ms(csvExport),
      'export 50,000 to iCalendar': ms(icsExport),
      'import that CSV into an empty store (preview + commit)': ms(csvImport),
      [`search over 50,000, median of ${searches.length} (${queries.length} queries)`]: ms(median(searches)),
      'search, slowest': ms(Math.max(...searches)),
    };
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}
