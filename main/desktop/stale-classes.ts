import type { Booking } from '../../shared/booking';
import { staleReason, type StaleReason, type StaleRules } from '../../shared/business/stale';

/** One stale unpaid class for the tray: the teacher marks it paid there, or opens the queue to cancel it. */
export interface StaleEntry {
  id: string;
  startTime: string;
  /** "mié 25/11 17:00" on the teacher's clock, in the app's language. */
  when: string;
  student: string;
  reason: StaleReason;
}

/**
 * The stale unpaid classes among `bookings` (the tray reads the weeks
 * around now, so these are the urgent ones; the To-confirm queue lists
 * them all), the soonest first.
 */
export function staleClasses(bookings: readonly Booking[], now: Date, timeZone: string, rules: StaleRules, locale: 'es' | 'en'): StaleEntry[] {
  const format = new Intl.DateTimeFormat(locale === 'es' ? 'es-AR' : 'en-GB', { timeZone, weekday: 'short', day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return bookings
    .map((booking) => ({ booking, reason: staleReason(booking, now.getTime(), rules) }))
    .filter((x): x is { booking: Booking; reason: StaleReason } => x.reason !== null)
    .sort((a, b) => Date.parse(a.booking.startTime) - Date.parse(b.booking.startTime))
    .map(({ booking, reason }) => ({ id: booking.id, startTime: booking.startTime, when: format.format(new Date(booking.startTime)).replace(/,/g, ''), student: booking.bookedBy.name, reason }));
}
