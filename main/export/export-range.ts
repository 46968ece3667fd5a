import { addDays, format } from 'date-fns';
import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { startOfLocalDay, type LocalDate } from '../../shared/week';

/** The instants [from, to) that cover local days `from` to `to`, both included, in `timeZone`. */
export function localDayRange(from: LocalDate, to: LocalDate, timeZone: string): { fromMs: number; toMs: number } {
  if (to < from) throw new AppError('INVALID_REQUEST', `The range ends (${to}) before it starts (${from}).`);
  // Noon UTC keeps the day arithmetic clear of any zone's DST change.
  const dayAfter = format(addDays(new Date(`${to}T12:00:00Z`), 1), 'yyyy-MM-dd');
  return { fromMs: startOfLocalDay(from, timeZone).getTime(), toMs: startOfLocalDay(dayAfter, timeZone).getTime() };
}

/** Bookings that start on the local days `from` to `to` (inclusive), by start time. */
export function bookingsInLocalRange(bookings: readonly Booking[], from: LocalDate, to: LocalDate, timeZone: string): Booking[] {
  const { fromMs, toMs } = localDayRange(from, to, timeZone);
  return bookings
    .map((booking) => ({ booking, start: Date.parse(booking.startTime) }))
    .filter(({ start }) => start >= fromMs && start < toMs)
    .sort((a, b) => a.start - b.start)
    .map(({ booking }) => booking);
}
