import type { Booking } from '../booking';
import { staleReason, type StaleReason, type StaleRules } from './stale';

/**
 * What waits for the teacher: every pending class, the earliest first (the
 * one that needs an answer soonest, or is already late), paid ones first
 * among classes at the same time, then the longest waiting; each with its
 * stale flag.
 */

export interface QueueItem {
  booking: Booking;
  stale: StaleReason | null;
}

export function toConfirmQueue(bookings: Iterable<Booking>, now: number, rules: StaleRules): QueueItem[] {
  const items: (QueueItem & { start: number; paid: number; created: number })[] = [];
  for (const booking of bookings) {
    if (booking.status !== 'pending') continue;
    items.push({ booking, stale: staleReason(booking, now, rules), start: Date.parse(booking.startTime), paid: booking.payment?.state === 'paid' ? 0 : 1, created: Date.parse(booking.createdAt) });
  }
  items.sort((a, b) => a.start - b.start || a.paid - b.paid || a.created - b.created);
  return items.map(({ booking, stale }) => ({ booking, stale }));
}
