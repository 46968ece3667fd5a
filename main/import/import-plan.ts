import { BookingSchema, describeIssues, type Booking } from '../../shared/booking';
import { StoreDataError, toStoredBooking } from '../store/store-validation';
import type { ImportedRow, NoteKind, RowResult } from './imported-row';
import { mergeRow, sameBooking } from './merge-booking';
import { timeSlicer, type TimeSlicer } from './next-turn';
import type { RowStream } from './worker-rows';

/**
 * Each row of the file against the bookings the desk has: new, updated,
 * unchanged or invalid. A booking is found by preferenceId, else by the
 * platform's class id, else by the desk's own id (its CSV export), else by
 * calendar event id (a class the desk adopted from the calendar), else, for
 * an adopted class not yet matched, by its exact start and end, so no
 * class is ever created twice. Every new or changed booking is validated
 * here by the store's own validator, so the preview tells the whole truth,
 * the commit cannot fail on a row, and the store need not validate the
 * new bookings again inside its (blocking) mutation.
 */

export type PlanItem =
  | { kind: 'new'; line: number; booking: Booking }
  | { kind: 'updated'; line: number; before: Booking; booking: Booking }
  | { kind: 'unchanged'; line: number };

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
  slicer?: TimeSlicer;
}

/** What the plan asks of the store: lookups that copy one booking, and the stored bookings without a copy each (the store's list() copies every one). */
export interface BookingLookup {
  get(id: string): Booking | undefined;
  /** The earliest class when several share a preferenceId (it is not unique on the platform). */
  findByPreferenceId(preferenceId: string): Booking | undefined;
  findByEventId(googleEventId: string): Booking | undefined;
  /** The stored bookings themselves, read-only and not copied (BookingStore.all). */
  all(): readonly Booking[];
}

/** Lookups of the desk's bookings by every key a row can carry. */
class BookingIndex {
  private readonly byPlatformId = new Map<string, Booking>();
  /** Classes adopted from the platform's calendar event and not yet matched to a platform row, by their exact start and end. */
  private readonly adoptedSlots = new Map<string, Booking>();
  constructor(private readonly store: BookingLookup) {}
  byPreference = (preferenceId: string) => this.store.findByPreferenceId(preferenceId);
  byId = (id: string) => this.store.get(id);
  byEvent = (eventId: string) => this.store.findByEventId(eventId);
  byPlatform = (platformId: string) => this.byPlatformId.get(platformId);
  adoptedAt = (startMs: number, endMs: number) => this.adoptedSlots.get(`${startMs}|${endMs}`);

  /** The two lookups the store has no index for, in one pass over its bookings, in slices (50,000 at once held the window ~250 ms). */
  async build(slicer: TimeSlicer): Promise<void> {
    let n = 0;
    for (const b of this.store.all()) {
      if (++n % 256 === 0 && slicer.due()) await slicer.breathe();
      if (b.platformId !== null && !this.byPlatformId.has(b.platformId)) this.byPlatformId.set(b.platformId, b);
      if (b.source !== 'calendar' || b.preferenceId !== null || b.platformId !== null || b.status === 'cancelled') continue;
      const key = `${Date.parse(b.startTime)}|${Date.parse(b.endTime)}`;
      if (!this.adoptedSlots.has(key)) this.adoptedSlots.set(key, b);
    }
  }
}

/** The keys a row claims, in the order they are checked, with how the preview names each. */
const ROW_KEYS = [
  ['preferenceId', 'preferenceId'],
  ['platformId', 'platform id'],
  ['deskId', 'id'],
  ['googleEventId', 'calendar event'],
] as const;

/**
 * The keys earlier rows claimed, each with where that row is, so a second
 * row with any of them is caught as a duplicate. One map per kind of key,
 * keyed by the value itself: no string is built per key and row.
 */
class ClaimedKeys {
  private readonly byKind = ROW_KEYS.map(() => new Map<string, string>());

  /** The first of the row's keys an earlier row claimed: how to name it, and where that row is. */
  duplicate(row: ImportedRow): { key: string; where: string } | undefined {
    for (let k = 0; k < ROW_KEYS.length; k++) {
      const [field, name] = ROW_KEYS[k]!;
      const value = row[field];
      if (value === null) continue;
      const where = this.byKind[k]!.get(value);
      if (where !== undefined) return { key: `${name} ${value}`, where };
    }
    return undefined;
  }

  claim(row: ImportedRow): void {
    for (let k = 0; k < ROW_KEYS.length; k++) {
      const value = row[ROW_KEYS[k]![0]];
      if (value !== null) this.byKind[k]!.set(value, row.where);
    }
  }

  hasDeskId(id: string): boolean {
    return this.byKind[2]!.has(id);
  }
}

function describe(b: Booking): string {
  return `${b.bookedBy.name}, ${b.startTime}`;
}

type Checked = { ok: true; booking: Booking } | { ok: false; reason: string };

/** The booking as the store keeps it (validated and frozen: the store will not validate it again), or the reason it is not valid. */
export function checkBooking(booking: Booking, where: string): Checked {
  try {
    return { ok: true, booking: toStoredBooking(booking, 0) };
  } catch (error) {
    if (!(error instanceof StoreDataError)) throw error;
    const checked = BookingSchema.safeParse(booking);
    return { ok: false, reason: `${where}: ${checked.success ? error.message : describeIssues(checked.error)}` };
  }
}

/** The plan of rows read by the import worker (read-rows.ts), as they arrive. */
export async function planImport(rows: Pick<RowStream, 'total' | 'batches'>, lookup: BookingLookup, options: PlanOptions): Promise<ImportPlan> {
  const slicer = options.slicer ?? timeSlicer();
  const index = new BookingIndex(lookup);
  await index.build(slicer);
  const claimed = new ClaimedKeys();
  const claimedBookings = new Map<string, string>(); // booking id -> where
  const plan: ImportPlan = { items: [], invalid: [], notes: [], counts: { new: 0, updated: 0, unchanged: 0, invalid: 0 } };
  const nowIso = options.now.toISOString();
  let done = 0;
  for await (const batch of rows.batches) {
    for (const read of batch) {
      planRow(read);
      if (++done % 16 === 0 && slicer.due()) {
        options.onProgress?.(done, rows.total);
        await slicer.breathe();
      }
    }
  }
  options.onProgress?.(done, rows.total);
  return plan;

  function planRow(read: RowResult): void {
    const invalid = (reason: string) => {
      plan.invalid.push({ line: read.ok ? read.row.line : read.line, reason });
      plan.counts.invalid++;
    };
    if (!read.ok) {
      invalid(read.reason);
      return;
    }
    const row = read.row;
    const duplicate = claimed.duplicate(row);
    if (duplicate) {
      invalid(`${row.where}: same ${duplicate.key} as ${duplicate.where}; only the first is imported`);
      return;
    }

    const found = findMatch(row, index);
    if (typeof found === 'string') {
      invalid(`${row.where}: ${found}`);
      return;
    }
    const match = found;
    if (match && claimedBookings.has(match.id)) {
      invalid(`${row.where}: the same class as ${claimedBookings.get(match.id)} (${describe(match)}); only the first is imported`);
      return;
    }
    // An event already linked to another booking would make two bookings of one class.
    const eventOwner = row.googleEventId !== null ? index.byEvent(row.googleEventId) : undefined;
    const takesEvent = row.googleEventId !== null && (!match || match.googleEventId === null);
    if (eventOwner && takesEvent && eventOwner.id !== match?.id) {
      invalid(`${row.where}: its calendar event ${row.googleEventId} is already linked to another booking (${describe(eventOwner)}); the two are the same class, remove one before importing`);
      return;
    }

    if (match) {
      const merged = mergeRow(match, row);
      if (!merged.ok) {
        invalid(merged.reason);
        return;
      }
      if (sameBooking(merged.booking, match)) {
        plan.items.push({ kind: 'unchanged', line: row.line });
        plan.counts.unchanged++;
      } else {
        // Stamped again at commit; validated now so the preview can list a change the store would refuse.
        const checked = checkBooking({ ...merged.booking, updatedAt: nowIso }, row.where);
        if (!checked.ok) {
          invalid(checked.reason);
          return;
        }
        plan.items.push({ kind: 'updated', line: row.line, before: match, booking: checked.booking });
        plan.counts.updated++;
      }
      for (const n of merged.notes) plan.notes.push({ line: row.line, ...n });
      claimedBookings.set(match.id, row.where);
    } else {
      const created = newBooking(row, options, nowIso, index, claimed);
      if (typeof created === 'string') {
        invalid(created);
        return;
      }
      plan.items.push({ kind: 'new', line: row.line, booking: created });
      plan.counts.new++;
      for (const n of row.notes) plan.notes.push({ line: row.line, ...n });
    }
    claimed.claim(row);
  }
}

/** The booking the row is about, undefined for a new class, or why the keys disagree. */
function findMatch(row: ImportedRow, index: BookingIndex): Booking | undefined | string {
  if (row.preferenceId !== null) {
    const byPreference = index.byPreference(row.preferenceId);
    if (byPreference) return byPreference;
  }
  // The platform's class id matters only for rows without preferenceId; the desk's id (its own CSV) and the
  // calendar event id (a class the desk adopted from the calendar) keep a class from being created twice.
  const candidates: [() => Booking | undefined, string][] = [
    [() => (row.preferenceId === null && row.platformId !== null ? index.byPlatform(row.platformId) : undefined), `platform id ${row.platformId}`],
    [() => (row.deskId !== null ? index.byId(row.deskId) : undefined), `id ${row.deskId}`],
    [() => (row.googleEventId !== null ? index.byEvent(row.googleEventId) : undefined), `calendar event ${row.googleEventId}`],
  ];
  for (const [find, key] of candidates) {
    const booking = find();
    if (!booking) continue;
    if (row.preferenceId !== null && booking.preferenceId !== null) {
      return `its ${key} belongs to the booking with preferenceId ${booking.preferenceId} (${describe(booking)}), but the row has preferenceId ${row.preferenceId}`;
    }
    return booking;
  }
  // A class the desk adopted from the platform's calendar event, when the row cannot name that event (the platform
  // saved the id of a duplicate event, or left the class pending without one). At the very same start and end it is
  // the same class: the teacher gives one class at a time. The merge notes the kept event or status.
  return index.adoptedAt(row.startMs, row.endMs);
}

function newBooking(row: ImportedRow, options: PlanOptions, nowIso: string, index: BookingIndex, claimed: ClaimedKeys): Booking | string {
  if (!row.bookedBy) return `${row.where}: ${row.noStudent}`;
  if (row.classPrice === undefined) return `${row.where}: classPrice is missing`;
  // A desk CSV carries the booking's id: keep it, so an export imported into an empty desk gives the same bookings.
  const id = row.deskId !== null && !index.byId(row.deskId) && !claimed.hasDeskId(row.deskId) ? row.deskId : options.newId();
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
    ...(row.payment ? { payment: row.payment } : {}),
    createdAt: row.createdAt ?? nowIso,
    updatedAt: row.updatedAt ?? row.createdAt ?? nowIso,
  };
  const checked = checkBooking(booking, row.where);
  return checked.ok ? checked.booking : checked.reason;
}
