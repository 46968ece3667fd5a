import type { Booking } from '../../shared/booking';
import type { BusyBlock, CalendarState } from '../../shared/calendar';
import type { CalendarFields } from './journal-format';
import { noBreath, type Breathe } from './slices';
import { freezeCalendar, StoreDataError, storedJson, toCalendarState, toStoredBooking } from './store-validation';

/**
 * What a mutator changed, found without looking at what it did not touch:
 * the draft's array holds the stored (frozen) booking objects, so an entry
 * still at its place is the same object, and only the entries that are not
 * are looked at further. A booking replaced by an equal copy is no change.
 */

export interface BookingChanges {
  /** Validated, frozen bookings the draft added or replaced (by id). */
  put: Booking[];
  /** Stored bookings that are no longer in the draft (replaced or deleted). */
  removed: Booking[];
  /** Ids deleted, not replaced. */
  deleted: string[];
  /** The draft's array with every entry a stored booking: the next base. */
  next: Booking[];
}

export interface BookingLookup {
  byId(id: string): Booking | undefined;
  byEventId(eventId: string): Booking | undefined;
}

/** `breathe` is awaited between bookings it validates, so a large change (an import) is checked in slices. */
export async function diffBookings(prev: readonly Booking[], members: ReadonlySet<Booking>, draft: unknown, lookup: BookingLookup, breathe: Breathe = noBreath): Promise<BookingChanges> {
  if (!Array.isArray(draft)) throw new StoreDataError('"bookings" is not a list');
  const next = draft as unknown[];
  const maybeRemoved: Booking[] = [];
  const moved = new Set<Booking>();
  let movedCount = 0;
  let matched = 0;
  const addedAt: number[] = [];
  for (let i = 0; i < next.length; i++) {
    if ((i & 4095) === 4095) await breathe();
    const b = next[i];
    if (i < prev.length) {
      if (b === prev[i]) {
        matched++;
        continue;
      }
      maybeRemoved.push(prev[i]!);
    }
    if (members.has(b as Booking)) {
      moved.add(b as Booking);
      movedCount++;
    } else addedAt.push(i);
  }
  for (let i = next.length; i < prev.length; i++) maybeRemoved.push(prev[i]!);
  const removed = new Set(maybeRemoved.filter((b) => !moved.has(b)));
  if (matched + movedCount > members.size - removed.size) {
    // A stored booking is in the draft twice.
    const seen = new Set<unknown>();
    const twice = next.find((b) => (seen.has(b) ? true : (seen.add(b), false))) as Booking;
    throw new StoreDataError(`two bookings have the same id ${twice.id}`);
  }

  const put: Booking[] = [];
  const stored: Booking[] = next.slice() as Booking[];
  const newIds = new Map<string, Booking>();
  const newEvents = new Map<string, Booking>();
  for (let n = 0; n < addedAt.length; n++) {
    if (n % 64 === 63) await breathe();
    const i = addedAt[n]!;
    const booking = toStoredBooking(next[i], i);
    const old = lookup.byId(booking.id);
    if (old && removed.has(old) && storedJson(old) === storedJson(booking)) {
      // Replaced by an equal copy: keep the stored object, write nothing.
      removed.delete(old);
      stored[i] = old;
      continue;
    }
    if (old && !removed.has(old)) throw new StoreDataError(`two bookings have the same id ${booking.id}`);
    if (newIds.has(booking.id)) throw new StoreDataError(`two bookings have the same id ${booking.id}`);
    newIds.set(booking.id, booking);
    if (booking.googleEventId !== null) {
      const holder = lookup.byEventId(booking.googleEventId);
      const other = holder && !removed.has(holder) ? holder : newEvents.get(booking.googleEventId);
      if (other) throw new StoreDataError(`booking ${booking.id} has googleEventId ${booking.googleEventId}, which already belongs to booking ${other.id}`);
      newEvents.set(booking.googleEventId, booking);
    }
    stored[i] = booking;
    put.push(booking);
  }
  // An event id freed by a removed booking may be taken by a new one, checked above; a surviving holder may not be.
  const deleted = [...removed].filter((b) => !newIds.has(b.id)).map((b) => b.id);
  return { put, removed: [...removed], deleted, next: stored };
}

export interface CalendarChanges {
  next: CalendarState;
  /** calendarId or busy blocks changed: written now. */
  hard: boolean;
  /** Only the sync token or last sync time changed: kept in memory and written with the next change (see README). */
  soft: boolean;
  busyChanged: boolean;
  /** The busy blocks that changed, by event id: what a journal line carries (null: rewrite them all). */
  busy: BusyDiff | null;
}

export interface BusyDiff {
  put: BusyBlock[];
  del: string[];
}

/** Busy blocks after a diff is applied: by event id, in place when kept, new ones at the end. Replay does the same. */
export function applyBusyDiff(prev: readonly BusyBlock[], diff: BusyDiff): BusyBlock[] {
  const byEvent = new Map(prev.map((b) => [b.eventId, b]));
  for (const id of diff.del) byEvent.delete(id);
  for (const b of diff.put) byEvent.set(b.eventId, b);
  return [...byEvent.values()];
}

/** What changed between two lists of busy blocks, or null when event ids repeat (then the list is written whole). */
function busyDiff(prev: readonly BusyBlock[], next: readonly BusyBlock[]): BusyDiff | null {
  const before = new Map(prev.map((b) => [b.eventId, b]));
  const after = new Map(next.map((b) => [b.eventId, b]));
  if (before.size !== prev.length || after.size !== next.length) return null;
  const put = next.filter((b) => {
    const old = before.get(b.eventId);
    return !old || (old !== b && (old.startTime !== b.startTime || old.endTime !== b.endTime));
  });
  const del = prev.filter((b) => !after.has(b.eventId)).map((b) => b.eventId);
  return { put, del };
}

const sameBlocks = (a: readonly BusyBlock[], b: readonly BusyBlock[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function diffCalendar(prev: CalendarState, draft: unknown): CalendarChanges {
  const d = draft as Partial<CalendarState> | null;
  if (
    d &&
    d.calendarId === prev.calendarId &&
    d.syncToken === prev.syncToken &&
    d.lastSyncedAt === prev.lastSyncedAt &&
    Array.isArray(d.busyBlocks) &&
    sameBlocks(d.busyBlocks, prev.busyBlocks) &&
    Object.keys(d).length === 4
  ) {
    return { next: prev, hard: false, soft: false, busyChanged: false, busy: null };
  }
  const next = toCalendarState(draft);
  const hardId = next.calendarId !== prev.calendarId;
  const soft = next.syncToken !== prev.syncToken || next.lastSyncedAt !== prev.lastSyncedAt;
  let busyBlocks = prev.busyBlocks;
  let busy: BusyDiff | null = null;
  let busyChanged = false;
  if (!sameBlocks(next.busyBlocks, prev.busyBlocks)) {
    busy = busyDiff(prev.busyBlocks, next.busyBlocks);
    if (busy === null) {
      busyChanged = JSON.stringify(next.busyBlocks) !== JSON.stringify(prev.busyBlocks);
      if (busyChanged) busyBlocks = next.busyBlocks;
    } else if (busy.put.length || busy.del.length) {
      busyChanged = true;
      // In the order replay will give, so memory and disk agree.
      busyBlocks = applyBusyDiff(prev.busyBlocks, busy);
    } else if (JSON.stringify(next.busyBlocks) !== JSON.stringify(prev.busyBlocks)) {
      // Same blocks in another order: written whole.
      busyChanged = true;
      busy = null;
      busyBlocks = next.busyBlocks;
    }
  }
  // Frozen like every stored state, so the next draft can share its busy blocks.
  return { next: freezeCalendar({ ...next, busyBlocks: busyBlocks as BusyBlock[] }), hard: busyChanged || hardId, soft, busyChanged, busy };
}

export const calendarFields = (c: CalendarState): CalendarFields => ({ calendarId: c.calendarId, syncToken: c.syncToken, lastSyncedAt: c.lastSyncedAt });
