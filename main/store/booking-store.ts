import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Booking } from '../../shared/booking';
import type { CalendarState } from '../../shared/calendar';
import type { Notice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import type { BookingIndex } from './booking-index';
import { JournalFile } from './journal-file';
import { encodeLine } from './journal-format';
import { StoredRow } from './row';
import { snapshotChunks } from './snapshot-format';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';
import { calendarFields, diffBookings, diffCalendar } from './store-diff';
import { removeStaleTempFiles, writeFileAtomicChunks } from './store-file';
import { loadStore, setJournalAside } from './store-load';
import { StoreDataError, storedJson } from './store-validation';

export { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';

export const BOOKINGS_FILE = 'bookings.json';
export const JOURNAL_FILE = 'bookings.journal';
/** The journal is folded into a new snapshot once it holds this much (about a thousand one-booking changes). */
export const DEFAULT_JOURNAL_LIMIT_BYTES = 1_000_000;

export interface BookingStore {
  /** Things the teacher must be told at start (damaged file kept aside, file from a newer version, a torn last change). */
  readonly notices: Notice[];
  /** The snapshot, bookings.json. */
  readonly filePath: string;
  /** The journal of changes since the snapshot, bookings.journal. */
  readonly journalPath: string;
  /** Copies, sorted by start instant. */
  list(): Booking[];
  get(id: string): Booking | undefined;
  findByEventId(googleEventId: string): Booking | undefined;
  /** preferenceId is not unique on the platform: when several share one, the earliest class. */
  findByPreferenceId(preferenceId: string): Booking | undefined;
  /** Bookings overlapping [fromIso, toIso). */
  inRange(fromIso: string, toIso: string): Booking[];
  calendarState(): CalendarState;
  /**
   * Runs fn on a draft copy, validates every changed booking (BookingSchema)
   * and the calendar state, then makes the change durable once: one journal
   * line naming only what changed. A mutation that changes nothing writes
   * nothing. If fn throws, validation fails (AppError INVALID_REQUEST naming
   * the booking and field) or the write fails (AppError STORE_ERROR),
   * nothing changes, in memory or on disk. Calls are serialized, so
   * mutations never interleave.
   *
   * The draft's arrays are fresh, but the bookings and busy blocks in them
   * are the stored, frozen objects: change one by replacing it
   * (`draft.bookings[i] = { ...b, status: 'cancelled' }`), not in place.
   * fn must be synchronous: do slow work (network) before calling mutate.
   */
  mutate<T>(fn: (draft: StoreData) => T): Promise<T>;
  /** Folds the journal into a new snapshot now (the store also does it by itself past a bound, and at close). */
  compact(): Promise<void>;
  /** Waits for queued mutations, compacts, and refuses later ones. */
  close(): Promise<void>;
}

/** What the store is doing on disk, for tests that must prove a kill landed inside a write. */
export type StoreTraceEvent =
  | { op: 'append'; phase: 'start' | 'end'; bytes: number }
  | { op: 'snapshot'; phase: 'start' | 'end'; generation: number }
  | { op: 'compact'; phase: 'start' | 'snapshot-written' | 'end'; generation: number };

export interface BookingStoreOptions {
  dataDir: string;
  clock: Clock;
  log?: Logger;
  /** Journal size that starts a compaction (default DEFAULT_JOURNAL_LIMIT_BYTES). */
  journalLimitBytes?: number;
  trace?: (event: StoreTraceEvent) => void;
}

function copyBooking(b: Booking): Booking {
  return { ...b, bookedBy: { ...b.bookedBy }, participants: b.participants.map((p) => ({ ...p })) };
}

function parseInstant(iso: string, name: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new AppError('INVALID_REQUEST', `${name} must be an ISO 8601 date-time, not "${iso}".`);
  return ms;
}

const IN_PLACE_EDIT = /read[- ]only|not extensible|Cannot delete property|Cannot add property|Cannot assign/i;

/** A mutator that edits a frozen stored booking gets a TypeError; say what to do instead. */
function explainMutatorError(error: unknown): unknown {
  if (error instanceof TypeError && IN_PLACE_EDIT.test(error.message)) {
    return new AppError(
      'STORE_ERROR',
      `A change tried to edit a stored booking in place (${error.message}). Replace the booking instead: draft.bookings[i] = { ...booking, field: value }.`,
      { cause: error },
    );
  }
  return error;
}

const isThenable = (value: unknown): boolean => typeof (value as { then?: unknown } | null)?.then === 'function';
const PARSE_CHUNK = 500;

export async function openBookingStore(options: BookingStoreOptions): Promise<BookingStore> {
  const { dataDir, clock } = options;
  const log = options.log ?? silentLogger;
  const trace = options.trace ?? (() => undefined);
  const journalLimit = options.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT_BYTES;
  await mkdir(dataDir, { recursive: true });
  const filePath = join(dataDir, BOOKINGS_FILE);
  const journalPath = join(dataDir, JOURNAL_FILE);
  const stale = [...(await removeStaleTempFiles(filePath)), ...(await removeStaleTempFiles(journalPath))];
  if (stale.length) log.info('removed leftovers of an interrupted save', { files: stale });

  const notices: Notice[] = [];
  const loadContext = { filePath, journalPath, clock, log, notices };
  const loaded = await loadStore(loadContext);
  const index: BookingIndex<StoredRow> = loaded.index;
  let calendar = loaded.calendar;
  /** The sync token or last sync time changed and is not on disk yet. */
  let softDirty = false;
  let generation = loaded.generation;
  let snapshotExists = loaded.snapshotExists;
  const journal = new JournalFile(journalPath, loaded.journalSize);
  if (loaded.truncateJournalTo !== null) await journal.truncate(loaded.truncateJournalTo);
  /** The bookings as an array, for drafts: built at the first mutate, then kept. */
  let base: Booking[] | null = null;
  let members: Set<Booking> | null = null;
  /** Journal lines appended while a compaction writes its snapshot: the journal keeps only these after. */
  let linesSinceCapture: string[] | null = null;
  let compacting: Promise<void> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  let closing: Promise<void> | null = null;

  function enqueue<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Writes the current state as a new snapshot generation, atomically. The journal's lines are then all older than it. */
  async function writeSnapshot(rows: readonly StoredRow[], cal: CalendarState, gen: number): Promise<void> {
    await writeFileAtomicChunks(
      filePath,
      snapshotChunks(
        { schemaVersion: CURRENT_SCHEMA_VERSION, generation: gen, calendar: cal },
        { length: rows.length, key: (i) => rows[i]!.key, json: (i) => rows[i]!.json(storedJson) },
      ),
    );
  }

  /** A snapshot written in the queue (first write, very large change, open-time upgrade): nothing runs beside it. */
  async function snapshotInQueue(trimJournal = true): Promise<void> {
    const gen = generation + 1;
    trace({ op: 'snapshot', phase: 'start', generation: gen });
    await writeSnapshot(index.rows(), calendar, gen);
    generation = gen;
    snapshotExists = true;
    softDirty = false;
    if (trimJournal && journal.size > 0) await journal.replace('');
    trace({ op: 'snapshot', phase: 'end', generation: gen });
  }

  if (loaded.rewrite || loaded.damagedJournal) {
    try {
      // A damaged journal is left as it is until the state it proved is safe in the snapshot; then it is kept aside.
      await snapshotInQueue(!loaded.damagedJournal);
    } catch (error) {
      throw new AppError('STORE_ERROR', `The bookings file could not be brought up to date: saving it failed (${(error as Error).message}). It was not changed.`, { cause: error });
    }
    if (loaded.rewrite) log.info('bookings file rewritten as a checked snapshot', { reason: loaded.rewrite, bookings: index.size });
    if (loaded.damagedJournal) {
      await setJournalAside(loadContext, loaded.damagedJournal);
      journal.size = 0;
    }
  }

  // Parse the rows left unparsed at load in small steps, so the first click finds them ready.
  let parseAt = 0;
  let parseTimer: NodeJS.Immediate | null = null;
  const parseSome = () => {
    parseTimer = null;
    const rows = index.rows();
    const until = Math.min(rows.length, parseAt + PARSE_CHUNK);
    for (; parseAt < until; parseAt++) void rows[parseAt]!.booking;
    if (parseAt < rows.length && !closed) parseTimer = setImmediate(parseSome).unref();
  };
  if (index.rows().some((row) => !row.isParsed)) parseTimer = setImmediate(parseSome).unref();

  function ensureBase(): { base: Booking[]; members: Set<Booking> } {
    if (!base || !members) {
      base = index.rows().map((row) => row.booking);
      members = new Set(base);
    }
    return { base, members };
  }

  const lookup = {
    byId: (id: string) => index.byId.get(id)?.booking,
    byEventId: (eventId: string) => index.byEventId.get(eventId)?.booking,
  };

  function startCompaction(): Promise<void> {
    if (compacting) return compacting;
    compacting = (async () => {
      const captured = await enqueue(() => {
        if (snapshotExists && journal.size === 0 && !softDirty) return null;
        generation += 1;
        linesSinceCapture = [];
        softDirty = false;
        return { rows: index.rows().slice(), calendar, generation };
      });
      if (!captured) return;
      trace({ op: 'compact', phase: 'start', generation: captured.generation });
      try {
        await writeSnapshot(captured.rows, captured.calendar, captured.generation);
      } catch (error) {
        log.error('compacting the bookings journal failed; it keeps growing until the next try', { error: (error as Error).message });
        await enqueue(() => {
          linesSinceCapture = null;
          softDirty = true;
        });
        return;
      }
      trace({ op: 'compact', phase: 'snapshot-written', generation: captured.generation });
      await enqueue(async () => {
        const keep = (linesSinceCapture ?? []).join('');
        linesSinceCapture = null;
        snapshotExists = true;
        try {
          await journal.replace(keep);
        } catch (error) {
          // The older lines stay; load skips them (their generation is older than the snapshot's).
          log.warn('could not trim the bookings journal after a compaction', { error: (error as Error).message });
        }
      });
      trace({ op: 'compact', phase: 'end', generation: captured.generation });
    })().finally(() => {
      compacting = null;
    });
    return compacting;
  }

  async function apply<T>(fn: (draft: StoreData) => T): Promise<T> {
    const { base: prev, members: current } = ensureBase();
    const draft: StoreData = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      bookings: prev.slice(),
      calendar: { ...calendar, busyBlocks: calendar.busyBlocks.slice() },
    };
    let result: T;
    try {
      result = fn(draft);
    } catch (error) {
      throw explainMutatorError(error);
    }
    if (isThenable(result)) {
      throw new AppError('STORE_ERROR', 'A change to the bookings must be a synchronous function; nothing was saved. Do slow work before calling mutate.');
    }
    let changes;
    let cal;
    try {
      changes = diffBookings(prev, current, draft.bookings, lookup);
      cal = diffCalendar(calendar, draft.calendar);
    } catch (error) {
      if (error instanceof StoreDataError) throw new AppError('INVALID_REQUEST', `The change was not saved: ${error.message}.`);
      throw error;
    }
    const bookingsChanged = changes.put.length > 0 || changes.removed.length > 0;
    if (!bookingsChanged && !cal.hard) {
      if (cal.soft) {
        calendar = cal.next;
        softDirty = true;
      }
      return result; // nothing to write
    }

    const putJson = changes.put.map(storedJson);
    const putBytes = putJson.reduce((sum, json) => sum + json.length, 0);
    // The first write of a new store, or a change too big for the journal (a large import), is a snapshot.
    const asSnapshot = !compacting && (!snapshotExists || putBytes > journalLimit);
    if (!asSnapshot) {
      const line = encodeLine(generation, {
        put: putJson,
        del: changes.deleted,
        cal: cal.hard || cal.soft || softDirty ? calendarFields(cal.next) : null,
        busy: cal.busyChanged ? cal.next.busyBlocks : null,
      });
      trace({ op: 'append', phase: 'start', bytes: line.length });
      try {
        await journal.append(line);
      } catch (error) {
        log.error('saving bookings failed', { journalPath, error: (error as Error).message });
        throw new AppError('STORE_ERROR', `The bookings could not be saved to ${journalPath} (${(error as Error).message}). Nothing was changed.`, { cause: error });
      }
      trace({ op: 'append', phase: 'end', bytes: line.length });
      linesSinceCapture?.push(line);
    }

    // In memory: the index is updated, not rebuilt.
    const removedRows = changes.removed.map((b) => index.byId.get(b.id)!);
    const addedRows = changes.put.map(StoredRow.of);
    index.removeMany(removedRows);
    index.insertMany(addedRows);
    const before = { calendar, softDirty };
    calendar = cal.next;
    softDirty = false;
    if (asSnapshot) {
      try {
        await snapshotInQueue();
      } catch (error) {
        index.removeMany(addedRows);
        index.insertMany(removedRows);
        ({ calendar, softDirty } = before);
        log.error('saving bookings failed', { filePath, error: (error as Error).message });
        throw new AppError('STORE_ERROR', `The bookings could not be saved to ${filePath} (${(error as Error).message}). Nothing was changed.`, { cause: error });
      }
    }
    for (const b of changes.removed) current.delete(b);
    for (const b of changes.put) current.add(b);
    base = changes.next;
    // In the background: never on the click's path.
    if (journal.size > journalLimit) startCompaction().catch((error: unknown) => log.error('compacting the bookings journal failed', { error: String(error) }));
    return result;
  }

  const find = (row: StoredRow | undefined) => (row ? copyBooking(row.booking) : undefined);

  return {
    notices,
    filePath,
    journalPath,
    list: () => index.rows().map((row) => copyBooking(row.booking)),
    get: (id) => find(index.byId.get(id)),
    findByEventId: (googleEventId) => find(index.byEventId.get(googleEventId)),
    findByPreferenceId: (preferenceId) => find(index.earliestWithPreference(preferenceId)),
    inRange(fromIso, toIso) {
      return index.overlapping(parseInstant(fromIso, 'fromIso'), parseInstant(toIso, 'toIso')).map((row) => copyBooking(row.booking));
    },
    calendarState: () => structuredClone(calendar),
    mutate<T>(fn: (draft: StoreData) => T): Promise<T> {
      if (closed) return Promise.reject(new AppError('STORE_ERROR', 'The bookings store is closed; the change was not saved.'));
      return enqueue(() => apply(fn));
    },
    compact: () => startCompaction(),
    close() {
      closing ??= (async () => {
        closed = true;
        if (parseTimer) clearImmediate(parseTimer);
        await queue;
        await compacting;
        await startCompaction().catch((error: unknown) => log.warn('could not compact the bookings journal at close', { error: String(error) }));
        await journal.close();
      })();
      return closing;
    },
  };
}
