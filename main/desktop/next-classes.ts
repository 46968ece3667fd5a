import type { Booking } from '../../shared/booking';
import { localDateOf } from '../../shared/week';

/** One line of the tray: a class of today, as the teacher reads it. */
export interface ClassEntry {
  id: string;
  startTime: string;
  endTime: string;
  /** Start time on the teacher's clock ("17:00", 24-hour) in the configured zone. */
  time: string;
  /** Who booked it; a group class adds how many others come ("Ana López +2"). */
  student: string;
  meetLink: string | null;
  /** Started and not yet over. */
  inProgress: boolean;
}

export interface NextClassesOptions {
  /** At most this many entries (default 5). */
  limit?: number;
  /**
   * A class starting within this many minutes goes first even while another
   * is still running (back-to-back classes: at 10:55 the 11:00 class is the
   * one to join). Default 10.
   */
  soonMinutes?: number;
}

const MINUTE = 60_000;

export function timeOfDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
}

export function studentLabel(booking: Pick<Booking, 'bookedBy' | 'classType' | 'currentParticipants'>): string {
  const others = booking.classType === 'grupal' ? booking.currentParticipants - 1 : 0;
  return others > 0 ? `${booking.bookedBy.name} +${others}` : booking.bookedBy.name;
}

/**
 * Today's classes still to come, for the tray: scheduled classes that start
 * later today — "today" on the teacher's clock in `timeZone`, whatever the
 * machine's own zone — plus any class running now (it started less than its
 * length ago, even if that was before midnight). Pending, cancelled and
 * completed classes are left out.
 *
 * The first entry is the next class: the one starting within `soonMinutes`
 * if there is one, else the class running now, else the next to start. The
 * rest follow by start time.
 */
export function nextClasses(bookings: readonly Booking[], now: Date, timeZone: string, options: NextClassesOptions = {}): ClassEntry[] {
  const limit = options.limit ?? 5;
  const soon = (options.soonMinutes ?? 10) * MINUTE;
  const at = now.getTime();
  const today = localDateOf(now, timeZone);

  const candidates = bookings
    .filter((booking) => booking.status === 'scheduled')
    .map((booking) => ({ booking, start: Date.parse(booking.startTime), end: Date.parse(booking.endTime) }))
    .filter(({ start, end }) => Number.isFinite(start) && Number.isFinite(end) && end > at)
    .filter(({ start }) => start <= at || localDateOf(new Date(start), timeZone) === today)
    .sort((a, b) => a.start - b.start || a.end - b.end || a.booking.id.localeCompare(b.booking.id));

  const running = candidates.filter(({ start }) => start <= at);
  const upcoming = candidates.filter(({ start }) => start > at);
  const startingSoon = upcoming[0] && upcoming[0].start - at <= soon ? upcoming[0] : undefined;
  const first = startingSoon ?? running.at(-1) ?? upcoming[0];
  const ordered = first ? [first, ...candidates.filter((candidate) => candidate !== first)] : [];

  return ordered.slice(0, Math.max(0, limit)).map(({ booking, start, end }) => ({
    id: booking.id,
    startTime: booking.startTime,
    endTime: booking.endTime,
    time: timeOfDay(new Date(start), timeZone),
    student: studentLabel(booking),
    meetLink: booking.meetLink,
    inProgress: start <= at && at < end,
  }));
}
