import type { Booking } from '../../shared/booking';

/**
 * Read-side lookups over the stored (frozen) bookings, rebuilt after each
 * committed change. Times are compared as instants: bookings may carry
 * different offsets, so their strings do not sort by time.
 */

const instants = new WeakMap<Booking, { start: number; end: number }>();

function instantsOf(b: Booking): { start: number; end: number } {
  let span = instants.get(b);
  if (!span) {
    span = { start: Date.parse(b.startTime), end: Date.parse(b.endTime) };
    instants.set(b, span); // stored bookings are frozen, so this never goes stale
  }
  return span;
}

export interface BookingIndex {
  /** By start instant, then id, so the order is total and stable. */
  readonly sorted: readonly Booking[];
  readonly byId: ReadonlyMap<string, Booking>;
  readonly byEventId: ReadonlyMap<string, Booking>;
  /** preferenceId is not unique on the platform; this keeps the earliest class. */
  readonly byPreferenceId: ReadonlyMap<string, Booking>;
  /** Bookings overlapping [from, to), in start order. */
  overlapping(from: number, to: number): Booking[];
}

export function buildIndex(bookings: readonly Booking[]): BookingIndex {
  // Look each start up once, not twice per comparison.
  const keyed = bookings.map((b) => ({ b, start: instantsOf(b).start }));
  keyed.sort((x, y) => x.start - y.start || (x.b.id < y.b.id ? -1 : x.b.id > y.b.id ? 1 : 0));
  const sorted = keyed.map((k) => k.b);
  const byId = new Map<string, Booking>();
  const byEventId = new Map<string, Booking>();
  const byPreferenceId = new Map<string, Booking>();
  for (const b of sorted) {
    byId.set(b.id, b);
    if (b.googleEventId !== null) byEventId.set(b.googleEventId, b);
    if (b.preferenceId !== null && !byPreferenceId.has(b.preferenceId)) byPreferenceId.set(b.preferenceId, b);
  }
  return {
    sorted,
    byId,
    byEventId,
    byPreferenceId,
    overlapping(from, to) {
      const out: Booking[] = [];
      for (const b of sorted) {
        const span = instantsOf(b);
        if (span.start >= to) break; // sorted by start: nothing later can overlap
        if (span.end > from) out.push(b);
      }
      return out;
    },
  };
}
