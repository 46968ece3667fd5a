import { fromZonedTime } from 'date-fns-tz';
import type { Booking } from '../../shared/booking';
import { makeBookings } from './fixtures';

/** Weeks of classes for the week benches, deterministic per seed, at wall-clock times in a zone. */

const pad = (n: number) => String(n).padStart(2, '0');

function at(day: string, minute: number, timeZone: string): string {
  return fromZonedTime(`${day}T${pad(Math.floor(minute / 60))}:${pad(minute % 60)}:00`, timeZone).toISOString();
}

/**
 * A full teaching week: 60 classes, Monday to Saturday, ten a day (nine
 * hourly slots from 09:00, two classes sharing 20:00), individual and group
 * classes in every status, as makeBookings mixes them.
 */
export function teachingWeek(days: readonly string[], seed: number, timeZone: string): Booking[] {
  const hours = [9, 10, 11, 14, 15, 17, 18, 19, 20, 20];
  return makeBookings(60, { seed }).map((b, i) => {
    const day = days[Math.floor(i / hours.length)]!;
    const start = hours[i % hours.length]! * 60;
    return { ...b, startTime: at(day, start, timeZone), endTime: at(day, start + 60, timeZone) };
  });
}

/** `count` classes packed into one week, 08:00-22:00, 45-90 minutes on quarter hours: many overlap (as the grid-alone bench). */
export function crowdedWeek(days: readonly string[], count: number, seed: number, timeZone: string): Booking[] {
  return makeBookings(count, { seed }).map((b, i) => {
    const day = days[i % 7]!;
    const start = 8 * 60 + ((i * 53 + seed * 7) % (13 * 4)) * 15;
    const length = [45, 60, 60, 90][i % 4]!;
    return { ...b, startTime: at(day, start, timeZone), endTime: at(day, start + length, timeZone) };
  });
}
