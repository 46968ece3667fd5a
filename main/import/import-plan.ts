import { BookingSchema, describeIssues, type Booking } from '../../shared/booking';
import { readRow, type ImportedRow, type NoteKind, type RowContext } from './imported-row';
import { mergeRow, sameBooking } from './merge-booking';
import { nextTurn } from './next-turn';
import type { SourceRow } from './read-file';

/**
 * Each row of the file against the bookings the desk has: new, updated,
 * unchanged or invalid. A booking is found by preferenceId, else by the
 * platform's class id, else by the desk's own id (its CSV export), else by
 * calendar event id (a class the desk adopted from the calendar), so no
 * class is ever created twice. Every new or changed booking is validated
 * here, so the preview tells the whole truth and the commit cannot fail on
 * a row.
 */

export type PlanItem =
  | { kind: 'new'; line: number; booking: Booking }
  | { kind: 'updated'; line: number; before: Booking; booking: Booking }
  | { kind: 'unchanged'; line: number; before: Booking };

export interface PlanNote {
  line: number;
  kind: NoteKind;
  message: string;
}

export interface ImportPlan {
  items: PlanItem[];
  invalid: { line: number; reason: string }[];
  notes: PlanNote[];
  counts: { new: number; updated: number; unchanged: number; invalid: number };
}

export interface PlanOptions {
  now: Date;
  defaultSummary: string;
  newId: () => string;
  onProgress?: (done: number, total: number) => void;
}

const ROWS_PER_TURN = 1000;

/** Lookups of the desk's bookings by every key a row can carry. */
class BookingIndex {
  readonly byPreference = new Map<string, Booking>();
  readonly byPlatform = new Map<string, Booking>();
  readonly byId = new Map<string, Booking>();
  readonly byEvent = new Map<string, Booking>();
  constructor(bookings: readonly Booking[]) {
    for (const b of bookings) {
      this.byId.set(b.id, b);
      // preferenceId is not unique on the platform: like the store, the earliest class answers for it.
      const other = b.preferenceId !== null ? this.byPreference.get(b.preferenceId) : undefined;
      if (b.preferenceId !== null && (!other || Date.parse(b.startTime) < Date.parse(other.startTime))) this.byPreference.set(b.preferenceId, b);
      if (b.platformId !== null) this.byPlatform.set(b.platformId, b);
      if (b.googleEventId !== null) this.byEvent.set(b.googleEventId, b);
    }
  }
}

/** The keys a row claims, so a second row with any of them is caught as a duplicate. */
function rowKeys(row: ImportedRow): [string, string][] {
  const keys: [string, string][] = [];
  if (row.preferenceId !== null) keys.push([`p:${row.preferenceId}`, `preferenceId ${row.preferenceId}`]);
  if (row.platformId !== null) keys.push([`x:${row.platformId}`, `platform id ${row.platformId}`]);
  if (row.deskId !== null) keys.push([`i:${row.deskId}`, `id ${row.deskId}`]);
  if (row.googleEventId !== null) keys.push([`e:${row.googleEventId}`, `calendar event ${row.googleEventId}`]);
  return keys;
}

function describe(b: Booking): string {
  return `${b.bookedBy.name}, ${b.startTime}`;
}

function validate(booking: Booking, where: string): string | null {
  const checked = BookingSchema.safeParse(booking);
  return checked.success ? null : `${where}: ${describeIssues(checked.error)}`;
}

export async function planImport(rows: readonly SourceRow[], context: RowContext, existing: readonly Booking[], options: PlanOptions): Promise<ImportPlan> {
  const index = new BookingIndex(existing);
  const claimed = new Map<string, string>(); // key -> where the row that claimed it is
  const claimedBookings = new Map<string, string>(); // booking id -> where
  const plan: ImportPlan = { items: [], invalid: [], notes: [], counts: { new: 0, updated: 0, unchanged: 0, invalid: 0 } };
  const nowIso = options.now.toISOString();

  for (let n = 0; n < rows.length; n++) {
    if (n > 0 && n % ROWS_PER_TURN === 0) {
      options.onProgress?.(n, rows.length);
      await nextTurn();
    }
    const source = rows[n] as SourceRow;
    const read = readRow(source, context);
    const invalid = (reason: string) => {
      plan.invalid.push({ line: source.line, reason });
      plan.counts.invalid++;
    };
    if (!read.ok) {
      invalid(read.reason);
      continue;
    }
    const row = read.row;
    const keys = rowKeys(row);
    const duplicate = keys.find(([key]) => claimed.has(key));
    if (duplicate) {
      invalid(`${row.where}: same ${duplicate[1]} as ${claimed.get(duplicate[0])}; only the first is imported`);
      continue;
    }

    const found = findMatch(row, index);
    if (typeof found === 'string') {
      invalid(`${row.where}: ${found}`);
      continue;
    }
    const match = found;
    if (match && claimedBookings.has(match.id)) {
      invalid(`${row.where}: the same class as ${claimedBookings.get(match.id)} (${describe(match)}); only the first is imported`);
      continue;
    }
    // An event already linked to another booking would make two bookings of one class.
    const eventOwner = row.googleEventId !== null ? index.byEvent.get(row.googleEventId) : undefined;
    const takesEvent = row.googleEventId !== null && (!match || match.googleEventId === null);
    if (eventOwner && takesEvent && eventOwner !== match) {
      invalid(`${row.where}: its calendar event ${row.googleEventId} is already linked to another booking (${describe(eventOwner)}); the two are the same class, remove one before importing`);
      continue;
    }

    if (match) {
      const merged = mergeRow(match, row);
      if (!merged.ok) {
        invalid(merged.reason);
        continue;
      }
      if (sameBooking(merged.booking, match)) {
        plan.items.push({ kind: 'unchanged', line: row.line, before: match });
        plan.counts.unchanged++;
      } else {
        const booking = { ...merged.booking, updatedAt: nowIso };
        const problem = validate(booking, row.where);
        if (problem) {
          invalid(problem);
          continue;
        }
        plan.items.push({ kind: 'updated', line: row.line, before: match, booking });
        plan.counts.updated++;
      }
      for (const n of merged.notes) plan.notes.push({ line: row.line, ...n });
      claimedBookings.set(match.id, row.where);
    } else {
      const created = newBooking(row, options, index, claimed);
      if (typeof created === 'string') {
        invalid(created);
        continue;
      }
      plan.items.push({ kind: 'new', line: row.line, booking: created });
      plan.counts.new++;
      for (const n of row.notes) plan.notes.push({ line: row.line, ...n });
    }
    for (const [key] of keys) claimed.set(key, row.where);
  }
  options.onProgress?.(rows.length, rows.length);
  return plan;
}

/** The booking the row is about, undefined for a new class, or why the keys disagree. */
function findMatch(row: ImportedRow, index: BookingIndex): Booking | undefined | string {
  const byPreference = row.preferenceId !== null ? index.byPreference.get(row.preferenceId) : undefined;
  if (byPreference) return byPreference;
  const candidates: [Booking | undefined, string][] = [
    [row.platformId !== null ? index.byPlatform.get(row.platformId) : undefined, `platform id ${row.platformId}`],
    [row.deskId !== null ? index.byId.get(row.deskId) : undefined, `id ${row.deskId}`],
    [row.googleEventId !== null ? index.byEvent.get(row.googleEventId) : undefined, `calendar event ${row.googleEventId}`],
  ];
  for (const [booking, key] of candidates) {
    if (!booking) continue;
    if (row.preferenceId !== null && booking.preferenceId !== null) {
      return `its ${key} belongs to the booking with preferenceId ${booking.preferenceId} (${describe(booking)}), but the row has preferenceId ${row.preferenceId}`;
    }
    return booking;
  }
  return undefined;
}

function newBooking(row: ImportedRow, options: PlanOptions, index: BookingIndex, claimed: Map<string, string>): Booking | string {
  if (!row.bookedBy) return `${row.where}: ${row.noStudent}`;
  if (row.classPrice === undefined) return `${row.where}: classPrice is missing`;
  const nowIso = options.now.toISOString();
  // A desk CSV carries the booking's id: keep it, so an export imported into an empty desk gives the same bookings.
  const id = row.deskId !== null && !index.byId.has(row.deskId) && !claimed.has(`i:${row.deskId}`) ? row.deskId : options.newId();
  const booking: Booking = {
    id,
    preferenceId: row.preferenceId,
    platformId: row.platformId,
    source: row.source ?? (row.preferenceId !== null || row.platformId !== null ? 'platform' : 'manual'),
    bookedBy: row.bookedBy,
    participants: row.participants ?? [],
    startTime: row.startTime,
    endTime: row.endTime,
    classType: row.classType,
    maxParticipants: row.maxParticipants,
    currentParticipants: row.currentParticipants ?? 1,
    classPrice: row.classPrice,
    learningFocus: row.learningFocus ?? null,
    hostType: row.hostType ?? 'anfitrion',
    status: row.status,
    googleEventId: row.googleEventId,
    accessCode: row.accessCode,
    meetLink: row.meetLink,
    calendarLink: row.calendarLink,
    summary: row.summary ?? options.defaultSummary,
    createdAt: row.createdAt ?? nowIso,
    updatedAt: row.updatedAt ?? row.createdAt ?? nowIso,
  };
  return validate(booking, row.where) ?? booking;
}
