import type { Booking } from '../booking';

/**
 * A pending class nobody has paid for, left long enough to block a slot: the
 * platform never expires these. The desk flags them; it never cancels one
 * without the teacher.
 */
export interface StaleRules {
  /** Hours a payment may wait before the class is flagged (default 48). */
  waitingHours: number;
  /** Hours before the start under which an unpaid class is flagged (default 24). */
  startWithinHours: number;
}

export const DEFAULT_STALE_RULES: StaleRules = { waitingHours: 48, startWithinHours: 24 };

export type StaleReason = 'payment-waiting-too-long' | 'starts-soon-unpaid';

const HOUR = 3_600_000;

/** Why this booking is stale at `now`, or null when it is not. */
export function staleReason(booking: Pick<Booking, 'status' | 'payment' | 'startTime' | 'createdAt'>, now: number, rules: StaleRules = DEFAULT_STALE_RULES): StaleReason | null {
  if (booking.status !== 'pending' || booking.payment?.state === 'paid') return null;
  const start = Date.parse(booking.startTime);
  if (start <= now) return null;
  const waitingSince = Date.parse(booking.payment?.at ?? booking.createdAt);
  if (booking.payment?.state === 'waiting' && now - waitingSince > rules.waitingHours * HOUR) return 'payment-waiting-too-long';
  if (start - now < rules.startWithinHours * HOUR) return 'starts-soon-unpaid';
  return null;
}
