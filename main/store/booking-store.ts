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
import { mergeRows, toBatches } from './large-change';
import { StoredRow } from './row';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';
import { slicer, type Breathe } from './slices';
import { calendarFields, diffBookings, diffCalendar, type BookingChanges, type CalendarChanges } from './store-diff';
import { removeStaleTempFiles } from './store-file';
import { loadStore, setJournalAside } from './store-load';
import { StoreDataError, storedJson } from './store-validation';
import { StoreWriter, type StoreTraceEvent } from './store-writer';

export { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';
export type { StoreTraceEvent } from './store-writer';

export const BOOKINGS_FILE = 'bookings.json';
export const JOURNAL_FILE = 'bookings.journal';
/** The journal is folded into a new snapshot once it holds this much (about a thousand one-booking changes). */
export const DEFAULT_JOURNAL_LIMIT_BYTES = 1_000_000;
/** A change that puts more bookings than this (an import) is written and taken into memory in batches of this many (README "Large changes"). */
export const DEFAULT_BATCH_ROWS = 1_000;

export interface BookingStore {
  /** Things the teacher must be told at start (damaged file kept aside, file from a newer version, a torn last change). */
  readonly notices: Notice[];
  /** The snapshot, bookings.json. */
  readonly filePath: string;
  /** The journal of changes since the snapshot, bookings.journal. */
  readonly journalPath: string;
  /** Copies, sorted by start instant. */
  list(): Booking[];
  /**
   * The stored bookings themselves, sorted by start instant, for reading only: deep-frozen, never copied
   * (list() copies all of them). The same array until the bookings change; a change goes through mutate.
   */
  all(): readonly Booking[];
  /** Goes up whenever the bookings change (not the calendar's sync fields): what is derived from all() holds while it stays. */
  version(): number;
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

export interface BookingStoreOptions {
  dataDir: string;
  clock: Clock;
  log?: Logger;
  /** Journal size that starts a compaction (default DEFAULT_JOURNAL_LIMIT_BYTES). */
  journalLimitBytes?: number;
  /** Bookings per batch of a large change (default DEFAULT_BATCH_ROWS). */
  batchRows?: number;
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
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
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
  const journal = new JournalFile(journalPath, loaded.journalSize);
  if (loaded.truncateJournalTo !== null) await journal.truncate(loaded.truncateJournalTo);
  /** The bookings as an array, for drafts: built at the first mutate, then kept. */
  let base: Booking[] | null = null;
  let members: Set<Booking> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  /** all()'s array, built on first read after a change. */
  let readView: readonly Booking[] | null = null;
  let version = 0;
  const bookingsMoved = () => {
    version++;
    readView = null;
  };
  let closed = false;
  let closing: Promise<void> | null = null;

  function enqueue<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = queue.then(fn);
    queue = run.catch(() => undefined);
    return run;
  }

  const writer = new StoreWriter({
    filePath,
    journal,
    generation: loaded.generation,
    snapshotExists: loaded.snapshotExists,
    journalLimit: options.journalLimitBytes ?? DEFAULT_JOURNAL_LIMIT_BYTES,
    log,
    trace: options.trace ?? (() => undefined),
    enqueue,
    rows: () => index.rows(),
    calendar: () => calendar,
  });

  if (loaded.rewrite || loaded.damagedJournal) {
    try {
      // A damaged journal is left as it is until the state it proved is safe in the snapshot; then it is kept aside.
      await writer.snapshot(!loaded.damagedJournal);
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

  function saveFailed(path: string, error: unknown): AppError {
    log.error('saving bookings failed', { path, error: (error as Error).message });
    return new AppError('STORE_ERROR', `The bookings could not be saved to ${path} (${(error as Error).message}). Nothing was changed.`, { cause: error });
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
    const breathe = slicer();
    try {
      changes = await diffBookings(prev, current, draft.bookings, lookup, breathe);
      cal = diffCalendar(calendar, draft.calendar);
    } catch (error) {
      if (error instanceof StoreDataError) throw new AppError('INVALID_REQUEST', `The change was not saved: ${error.message}.`);
      throw error;
    }
    const bookingsChanged = changes.put.length > 0 || changes.removed.length > 0;
    if (!bookingsChanged && !cal.hard) {
      if (cal.soft) {
        calendar = cal.next;
        writer.softDirty = true;
      }
      return result; // nothing to write
    }
    if (changes.put.length > batchRows) {
      await applyLarge(changes, cal, breathe);
      bookingsMoved();
      return result;
    }

    const put = changes.put.map(storedJson);
    const asSnapshot = writer.wantsSnapshot(
      put.reduce((sum, json) => sum + json.length, 0),
      put.length,
    );
    if (!asSnapshot) {
      try {
        await writer.append({
          put,
          del: changes.deleted,
          cal: cal.hard || cal.soft || writer.softDirty ? calendarFields(cal.next) : null,
          busy: cal.busyChanged ? (cal.busy ?? cal.next.busyBlocks) : null,
        });
      } catch (error) {
        throw saveFailed(journalPath, error);
      }
    }

    // In memory: the index is updated, not rebuilt.
    const removedRows = changes.removed.map((b) => index.byId.get(b.id)!);
    const addedRows = changes.put.map(StoredRow.of);
    index.removeMany(removedRows);
    index.insertMany(addedRows);
    bookingsMoved();
    const before = { calendar, softDirty: writer.softDirty };
    calendar = cal.next;
    if (asSnapshot) {
      try {
        await writer.snapshot();
      } catch (error) {
        index.removeMany(addedRows);
        index.insertMany(removedRows);
        bookingsMoved();
        calendar = before.calendar;
        writer.softDirty = before.softDirty;
        throw saveFailed(filePath, error);
      }
    }
    for (const b of changes.removed) current.delete(b);
    for (const b of changes.put) current.add(b);
    base = changes.next;
    writer.compactIfDue(); // in the background: never on the click's path
    return result;
  }

  /**
   * A change of more than batchRows bookings (an import), in slices so the
   * event loop is never held long: rows made and serialized a batch at a
   * time; written as one snapshot (a new or mostly replaced store) or as a
   * group of journal lines made whole by a last commit line; only once that
   * is durable does memory take the change in, a batch at a time. So a
   * failed write changes nothing anywhere, and a crash leaves none or all.
   */
  async function applyLarge(changes: BookingChanges, cal: CalendarChanges, breathe: Breathe): Promise<void> {
    const { batches, bytes } = await toBatches(changes.put, batchRows, breathe);
    const rest = {
      del: changes.deleted,
      cal: cal.hard || cal.soft || writer.softDirty ? calendarFields(cal.next) : null,
      busy: cal.busyChanged ? (cal.busy ?? cal.next.busyBlocks) : null,
    };

    if (writer.wantsSnapshot(bytes, changes.put.length)) {
      // The state after the change, built aside in start order: the snapshot is written from it.
      const gone = new Set<string>([...changes.removed.map((b) => b.id), ...changes.put.map((b) => b.id)]);
      let after: StoredRow[] = index.rows().filter((row) => !gone.has(row.id));
      for (const batch of batches) {
        after = mergeRows(after, batch.rows);
        await breathe();
      }
      try {
        await writer.snapshot(true, after, cal.next);
      } catch (error) {
        throw saveFailed(filePath, error);
      }
    } else {
      const group = writer.group();
      try {
        for (const batch of batches) {
          await group.append({ put: batch.json, del: [], cal: null, busy: null });
          await breathe();
        }
        await group.commit({ put: [], ...rest });
      } catch (error) {
        await group.abort();
        throw saveFailed(journalPath, error);
      }
    }

    // Durable: memory takes it in, a batch at a time (the queue stays held, so no change comes in between).
    for (const batch of batches) {
      const replaced: StoredRow[] = [];
      for (const b of batch.put) {
        const old = index.byId.get(b.id);
        if (old) replaced.push(old);
      }
      index.removeMany(replaced);
      index.insertMany(batch.rows);
      await breathe();
    }
    index.removeMany(changes.deleted.flatMap((id) => index.byId.get(id) ?? []));
    calendar = cal.next;
    const { members: current } = ensureBase();
    for (const b of changes.removed) current.delete(b);
    for (const b of changes.put) current.add(b);
    base = changes.next;
    writer.compactIfDue();
  }

  const find = (row: StoredRow | undefined) => (row ? copyBooking(row.booking) : undefined);

  return {
    notices,
    filePath,
    journalPath,
    list: () => index.rows().map((row) => copyBooking(row.booking)),
    all: () => (readView ??= Object.freeze(index.rows().map((row) => row.booking))),
    version: () => version,
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
    compact: () => writer.compact(),
    close() {
      closing ??= (async () => {
        closed = true;
        if (parseTimer) clearImmediate(parseTimer);
        await queue;
        await writer.close();
      })();
      return closing;
    },
  };
}
