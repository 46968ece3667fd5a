import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Booking } from '../../shared/booking';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { buildExport } from '../../main/export/export-service';
import { createImportService } from '../../main/import/import-service';
import { silentLogger } from '../../main/logger';
import { searchBookings } from '../../main/search/search-bookings';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { median, ms, timed } from './benchmark';
import { makeBookings } from './fixtures';
import { watchMainThread, type Watched } from './main-thread-watch';
import { naiveImport, type NaiveFormat } from './naive-import';

/**
 * Importing 50,000 platform classes in every format the platform and the
 * desk write (mongoexport one document per line, --jsonArray on one line,
 * --jsonArray --pretty, the desk's CSV), each previewed and committed into
 * an empty store, beside the naive import (naive-import.ts) measured in
 * the same run; with the longest time the main thread's event loop was
 * blocked (what the window would feel) and peak memory. Then re-import (all
 * unchanged), search and export over the 50,000 bookings.
 */

const COUNT = 50_000;
const clock = () => new Date('2026-11-24T20:00:00Z');
const settings = () => DEFAULT_SETTINGS;

export const name = 'import: 50,000 platform classes (preview + commit), search, export';

/** A booking as the platform's VirtualClass, the way mongoexport writes it, joined with its User. */
function platformDocument(b: Booking, i: number): Record<string, unknown> {
  return {
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
  };
}

/** How the longest stall splits into the main thread's own work and waiting for a CPU the machine's other processes held. */
const split = (seen: Watched) =>
  seen.maxBlock.cpuMs === null
    ? ''
    : `(on CPU ${ms(seen.maxBlock.cpuMs)}, waiting for a CPU ${ms(seen.maxBlock.waitMs ?? 0)}, not runnable ${ms(Math.max(0, seen.maxBlock.ms - seen.maxBlock.cpuMs - (seen.maxBlock.waitMs ?? 0)))}; longest on-CPU block ${ms(seen.maxCpuBlockMs ?? 0)})`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;
const gc = (globalThis as { gc?: () => void }).gc;

interface Format {
  label: string;
  naive: NaiveFormat;
  fileName: string;
  /** Built when its turn comes, so the other formats' text does not weigh on the heap (and its garbage collections) meanwhile. */
  content: () => string;
}

interface Measured extends Watched {
  total: number;
  preview: number;
  commit: number;
  cpu: number;
  counts: string;
}

/** The store, telling the watch when its (synchronous, whole-file) write runs: the stall it causes is the store's, not the import's. */
function announcingWrites(store: BookingStore, watching: { phase(name: string): void }): BookingStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key !== 'mutate') return Reflect.get(target, key, receiver) as unknown;
      return (fn: Parameters<BookingStore['mutate']>[0]) => {
        watching.phase('store write');
        return target.mutate(fn).finally(() => watching.phase('commit'));
      };
    },
  });
}

export async function run(): Promise<Record<string, string | number>> {
  const bookings = makeBookings(COUNT);
  const all = { from: '2026-01-01', to: '2099-12-31' };
  const documents = () => bookings.map(platformDocument);
  const ndjson = () => documents().map((d) => JSON.stringify(d)).join('\n') + '\n';
  const formats: Format[] = [
    { label: 'ndjson', naive: 'ndjson', fileName: 'virtualclasses.json', content: ndjson },
    // mongoexport --jsonArray: the whole array on one line.
    { label: 'json array', naive: 'json array', fileName: 'virtualclasses.json', content: () => `[${documents().map((d) => JSON.stringify(d)).join(',')}]` },
    // mongoexport --jsonArray --pretty: each document over many lines.
    { label: 'json array --pretty', naive: 'json array', fileName: 'virtualclasses.json', content: () => `[\n${documents().map((d) => JSON.stringify(d, null, '\t')).join(',\n')}\n]\n` },
    { label: 'csv', naive: 'csv', fileName: 'classes.csv', content: () => buildExport(bookings, { ...all, format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: clock() }).content },
  ];
  // What the search asks for.
  const code = bookings.find((b) => b.accessCode)?.accessCode as string;
  const queries = ['gonzalez', bookings[31_337]!.bookedBy.email, code, 'lucía pérez', 'nobody-like-this'];
  const dirs: string[] = [];
  const freshDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-bench-import-'));
    dirs.push(dir);
    return dir;
  };
  const freshStore = async () => openBookingStore({ dataDir: await freshDir(), clock });

  /** Preview + commit of `format` into an empty store, watched: what the teacher waits for, and what the window feels. */
  const measure = async (format: Format, content: string): Promise<Measured & { store: BookingStore }> => {
    const store = await freshStore();
    gc?.();
    const watching = watchMainThread('preview');
    const imports = createImportService({ store: announcingWrites(store, watching), settings, clock, log: silentLogger });
    const cpuBefore = process.cpuUsage();
    let previewId = '';
    let counts = '';
    const preview = await timed(async () => {
      const p = await imports.preview({ fileName: format.fileName, content });
      previewId = p.previewId;
      counts = `${p.counts.new} new, ${p.counts.invalid} invalid, ${p.notes.length} notes`;
    });
    watching.phase('commit');
    const commit = await timed(() => imports.commit({ previewId }));
    const cpu = process.cpuUsage(cpuBefore);
    const seen = watching.stop();
    if (store.list().length !== COUNT) throw new Error(`${format.label}: expected ${COUNT} bookings after the import, found ${store.list().length} (${counts})`);
    return { store, total: preview + commit, preview, commit, cpu: (cpu.user + cpu.system) / 1000, ...seen, counts };
  };

  try {
    const firstDocument = JSON.stringify(platformDocument(bookings[0]!, 0));
    gc?.();
    const baseline = process.memoryUsage();
    // The worker starts with the first import and then waits for the next; started here so each line measures an import.
    const warmStore = await freshStore();
    const workerStart = await timed(() => createImportService({ store: warmStore, settings, clock, log: silentLogger }).preview({ fileName: 'one.json', content: firstDocument }));
    await warmStore.close();

    const figures: Record<string, string | number> = { rows: COUNT };
    let ndjsonRun: (Measured & { store: BookingStore }) | null = null;
    let ndjsonText = '';
    for (const format of formats) {
      // Flat, as the text arrives over IPC: a string built by joining is a rope here, and its first slice (the first part sent to the worker) would flatten 40 MB on the main thread, a cost the app never pays.
      const content = Buffer.from(format.content(), 'utf8').toString('utf8');
      const ours = await measure(format, content);
      const naiveDir = await freshDir();
      gc?.();
      const naiveWatch = watchMainThread('naive');
      const cpuBefore = process.cpuUsage();
      let written = 0;
      const naive = await timed(async () => {
        written = await naiveImport(format.naive, content, naiveDir, DEFAULT_SETTINGS.timeZone, clock());
      });
      const naiveCpu = process.cpuUsage(cpuBefore);
      const naiveSeen = naiveWatch.stop();
      if (written !== COUNT) throw new Error(`naive ${format.label}: wrote ${written} of ${COUNT}`);
      figures[`import ${COUNT} rows (${format.label})`] =
        `${ms(ours.total)} | naive parse+validate+write: ${ms(naive)} | N/T = ${(naive / ours.total).toFixed(2)}× | main-thread longest stall ${ms(ours.maxBlockMs)} ${split(ours)} (naive ${ms(naiveSeen.maxBlockMs)}) | peak RSS ${mb(ours.peakRss)}, +${mb(ours.peakRss - ours.startRss)} over its start (naive ${mb(naiveSeen.peakRss)}, +${mb(naiveSeen.peakRss - naiveSeen.startRss)})`;
      const stalls = Object.entries(ours.byPhase).map(([phase, block]) => `${phase} ${ms(block)}`).join(', ');
      figures[`  ${format.label}: ${(Buffer.byteLength(content) / 1_048_576).toFixed(1)} MB, ${ours.counts}`] =
        `preview ${ms(ours.preview)} + commit ${ms(ours.commit)}; CPU all threads ${ms(ours.cpu)} (naive ${ms((naiveCpu.user + naiveCpu.system) / 1000)}); longest stall by phase: ${stalls}`;
      if (format.label === 'ndjson') {
        ndjsonRun = ours;
        ndjsonText = content;
      } else await ours.store.close();
    }
    const store = ndjsonRun!.store;

    // The same file again: everything unchanged, nothing written.
    const again = createImportService({ store, settings, clock, log: silentLogger });
    let unchanged = 0;
    const reimport = await timed(async () => {
      const p = await again.preview({ fileName: 'virtualclasses.json', content: ndjsonText });
      unchanged = p.counts.unchanged;
      await again.commit({ previewId: p.previewId });
    });
    if (unchanged !== COUNT) throw new Error(`re-import: expected ${COUNT} unchanged, got ${unchanged}`);

    // Export all of it.
    const csvExport = await timed(() => buildExport(store.list(), { ...all, format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: clock() }));
    const icsExport = await timed(() => buildExport(store.list(), { ...all, format: 'ics' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: clock() }));

    // Search: a name many share, an e-mail one has, an access code; the first search includes folding every booking.
    const searches: number[] = [];
    for (let i = 0; i < 3; i++) for (const query of queries) searches.push(await timed(() => searchBookings(store, query, 50, clock)));
    await store.close();

    return {
      ...figures,
      'import worker start (first import only; from TypeScript source through tsx here, a plain .cjs in the app)': ms(workerStart),
      'memory before the imports': `rss ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)}${gc ? ' (after gc)' : '; run with --expose-gc for a cleaner baseline'}`,
      're-import of the same file (all unchanged, nothing written)': ms(reimport),
      'export 50,000 to CSV': ms(csvExport),
      'export 50,000 to iCalendar': ms(icsExport),
      [`search over 50,000, median of ${searches.length} (${queries.length} queries)`]: ms(median(searches)),
      'search, slowest': ms(Math.max(...searches)),
    };
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  }
}
