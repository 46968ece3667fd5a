import { AccessCodeSchema } from '../../shared/booking';
import { EMPTY_CALENDAR_STATE } from '../../shared/calendar';
import { CURRENT_SCHEMA_VERSION } from './store-data';

/**
 * bookings.json format history. Each step is a small pure function from one
 * version's raw JSON to the next; the result is validated against the current
 * schema only at the end. A version 3 is one more entry in MIGRATIONS.
 */

type Json = Record<string, unknown>;

export interface MigrationResult {
  data: Json;
  /** What the step changed beyond renaming, for the log (e.g. a value it had to drop). */
  notes: string[];
}

export interface Migration {
  from: number;
  to: number;
  describe: string;
  up(data: Json): MigrationResult;
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The format version of a file: `schemaVersion`, or version 1's `{ version: 1 }`; undefined when neither. */
export function fileVersion(data: Json): number | undefined {
  if ('schemaVersion' in data) {
    const v = data.schemaVersion;
    return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined;
  }
  return data.version === 1 ? 1 : undefined;
}

const CALENDAR_EVENT_LINK = /^https:\/\/(www\.)?google\.com\/calendar\//;

/**
 * Version 1 was a cache that followed the platform: the Meet link in
 * `htmlLink`, no calendar link, no source, no platform id, no calendar
 * state, and `{ version: 1, bookings }` at the top.
 */
function bookingV1ToV2(booking: unknown, notes: string[]): unknown {
  if (!isObject(booking)) return booking; // left for validation to refuse
  const { htmlLink, ...rest } = booking;
  const link = typeof htmlLink === 'string' && htmlLink.trim() !== '' ? htmlLink.trim() : null;
  // htmlLink should hold the Meet link; if a calendar event link slipped in, file it where it belongs.
  const isEventLink = link !== null && CALENDAR_EVENT_LINK.test(link);
  let accessCode = rest.accessCode ?? null;
  if (accessCode !== null && !AccessCodeSchema.safeParse(accessCode).success) {
    // The platform made codes with Math.random, some shorter than 8 characters; v2 refuses them.
    notes.push(`booking ${String(rest.id)}: access code ${JSON.stringify(accessCode)} is not a valid 8-character code and was left out (the version 1 backup keeps it)`);
    accessCode = null;
  }
  return {
    ...rest,
    // Everything in the v1 cache came from the platform; it never recorded the platform's own id.
    platformId: null,
    source: 'platform',
    accessCode,
    meetLink: isEventLink ? null : link,
    calendarLink: isEventLink ? link : null,
  };
}

const v1ToV2: Migration = {
  from: 1,
  to: 2,
  describe: 'htmlLink becomes meetLink; add calendarLink, source, platformId and the calendar state',
  up(data) {
    const notes: string[] = [];
    const bookings = Array.isArray(data.bookings) ? data.bookings.map((b: unknown) => bookingV1ToV2(b, notes)) : data.bookings;
    return {
      data: { schemaVersion: 2, bookings, calendar: { ...EMPTY_CALENDAR_STATE, busyBlocks: [] } },
      notes,
    };
  },
};

export const MIGRATIONS: readonly Migration[] = [v1ToV2];

/** Runs every step from `from` up to the current version. */
export function migrateToCurrent(data: Json, from: number): { data: Json; notes: string[]; steps: string[] } {
  let current = data;
  let version = from;
  const notes: string[] = [];
  const steps: string[] = [];
  while (version < CURRENT_SCHEMA_VERSION) {
    const step = MIGRATIONS.find((m) => m.from === version);
    if (!step) throw new Error(`No migration from bookings file version ${version}`);
    const result = step.up(current);
    current = result.data;
    notes.push(...result.notes);
    steps.push(`v${step.from} -> v${step.to}: ${step.describe}`);
    version = step.to;
  }
  return { data: current, notes, steps };
}
