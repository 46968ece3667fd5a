import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { wallTime } from '../week/zoned';

/**
 * The new date, start time and length, read in the configured zone
 * (whatever the machine's zone). A wall time that does not exist that day
 * (the hour skipped when clocks go forward) is refused, not silently moved.
 */
export function toInstants(date: string, time: string, minutes: number, timeZone: string): { startTime: string; endTime: string } | 'invalid' | 'nonexistent' {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time) || !(minutes > 0)) return 'invalid';
  const start = fromZonedTime(`${date}T${time}:00`, timeZone);
  if (Number.isNaN(start.getTime())) return 'invalid';
  const wall = wallTime(start.getTime(), timeZone);
  const [h, m] = time.split(':').map(Number) as [number, number];
  if (wall.day !== date || Math.round(wall.minute) !== h * 60 + m) return 'nonexistent';
  const end = new Date(start.getTime() + minutes * 60_000);
  const iso = (d: Date) => formatInTimeZone(d, timeZone, "yyyy-MM-dd'T'HH:mm:ssXXX");
  return { startTime: iso(start), endTime: iso(end) };
}
