import type { Booking } from '../../shared/booking';
import type { CalendarState } from '../../shared/calendar';

/** The version of bookings.json this build writes; migrations.ts brings older files up to it. */
export const CURRENT_SCHEMA_VERSION = 2;

/** What bookings.json holds, and what a mutator's draft looks like. */
export interface StoreData {
  schemaVersion: number;
  bookings: Booking[];
  calendar: CalendarState;
}
