import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { Booking } from '../../shared/booking';
import type { CalendarState } from '../../shared/calendar';
import type { Notice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Clock } from '../clock';
import { silentLogger, type Logger } from '../logger';
import { buildIndex, type BookingIndex } from './booking-index';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';
import { removeStaleTempFiles } from './store-file';
import { StoreFileAdapter } from './store-json';
import { emptyStoreData, loadStoreData } from './store-load';
import { StoreDataError, toCalendarState, toStoredBookings } from './store-validation';

export { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';

export const BOOKINGS_FILE = 'bookings.json';

export interface BookingStore {
  /** Things the teacher must be told at start (damaged file kept aside, file from a newer version). */
  readonly notices: Notice[];
  readonly filePath: string;
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
   * and the calendar state, then writes the file once, atomically. If fn
   * throws, validation fails (AppError INVALID_REQUEST naming the booking and
   * field) or the write fails (AppError STORE_ERROR), nothing changes, in
   * memory or on disk. Calls are serialized, so mutations never interleave.
   *
   * The draft's arrays are fresh, but the bookings in them are the stored,
   * frozen objects: change a booking by replacing it
   * (`draft.bookings[i] = { ...b, status: 'cancelled' }`), not in place.
   * fn must be synchronous: do slow work (network) before calling mutate.
   */
  mutate<T>(fn: (draft: StoreData) => T): Promise<T>;
  /** Waits for queued mutations; later ones are refused. */
  close(): Promise<void>;
}

export interface BookingStoreOptions {
  dataDir: string;
  clock: Clock;
  log?: Logger;
}

function copyBooking(b: Booking): Booking {
  return { ...b, bookedBy: { ...b.bookedBy }, participants: b.participants.map((p) => ({ ...p })) };
}

function parseInstant(iso: string, name: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new AppError('INVALID_REQUEST', `${name} must be an ISO 8601 date-time, not "${iso}".`);
  return ms;
}

const IN_PLACE_EDIT = /read[- ]only|not extensible|Cannot delete property|Cannot add property/i;

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

export async function openBookingStore(options: BookingStoreOptions): Promise<BookingStore> {
  const { dataDir, clock } = options;
  const log = options.log ?? silentLogger;
  await mkdir(dataDir, { recursive: true });
  const filePath = join(dataDir, BOOKINGS_FILE);
  const stale = await removeStaleTempFiles(filePath);
  if (stale.length) log.info('removed leftovers of an interrupted save', { files: stale });

  const notices: Notice[] = [];
  const db = new Low<StoreData>(new StoreFileAdapter(filePath), emptyStoreData());
  let current = await loadStoreData({ db, filePath, clock, log, notices });
  let index: BookingIndex = buildIndex(current.bookings);
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  async function apply<T>(fn: (draft: StoreData) => T): Promise<T> {
    const draft: StoreData = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      bookings: [...current.bookings],
      calendar: structuredClone(current.calendar),
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
    let next: StoreData;
    try {
      // Only bookings the mutator added or replaced are validated again; the others are the same frozen objects.
      next = { schemaVersion: CURRENT_SCHEMA_VERSION, bookings: toStoredBookings(draft.bookings), calendar: toCalendarState(draft.calendar) };
    } catch (error) {
      if (error instanceof StoreDataError) throw new AppError('INVALID_REQUEST', `The change was not saved: ${error.message}.`);
      throw error;
    }
    db.data = next;
    try {
      await db.write();
    } catch (error) {
      db.data = current;
      log.error('saving bookings failed', { filePath, error: (error as Error).message });
      throw new AppError('STORE_ERROR', `The bookings could not be saved to ${filePath} (${(error as Error).message}). Nothing was changed.`, { cause: error });
    }
    current = next;
    index = buildIndex(next.bookings);
    return result;
  }

  return {
    notices,
    filePath,
    list: () => index.sorted.map(copyBooking),
    get(id) {
      const b = index.byId.get(id);
      return b && copyBooking(b);
    },
    findByEventId(googleEventId) {
      const b = index.byEventId.get(googleEventId);
      return b && copyBooking(b);
    },
    findByPreferenceId(preferenceId) {
      const b = index.byPreferenceId.get(preferenceId);
      return b && copyBooking(b);
    },
    inRange(fromIso, toIso) {
      return index.overlapping(parseInstant(fromIso, 'fromIso'), parseInstant(toIso, 'toIso')).map(copyBooking);
    },
    calendarState: () => structuredClone(current.calendar),
    mutate<T>(fn: (draft: StoreData) => T): Promise<T> {
      if (closed) return Promise.reject(new AppError('STORE_ERROR', 'The bookings store is closed; the change was not saved.'));
      const run = queue.then(() => apply(fn));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      closed = true;
      await queue;
    },
  };
}
