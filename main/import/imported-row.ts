import {
  BOOKING_STATUSES,
  BookingSourceSchema,
  CLASS_TYPES,
  HOST_TYPES,
  IsoInstantSchema,
  PARTICIPANT_LIMITS,
  type BookingSource,
  type BookingStatus,
  type ClassType,
  type HostType,
  type Participant,
  type Payment,
  type Person,
} from '../../shared/booking';
import { isValidTimeZone } from '../../shared/time-zone';
import { instantOfEpochMs, parseInstant, zonedIso } from './instant';
import { readPaymentColumns, readPaymentDoc } from './payment-docs';
import { importStatus, platformHoursNote, readAccessCode, readLinks } from './platform-faults';
import type { Companion, SourceRow } from './read-file';
import { RowError, clip, readChoice, readCount, readId, readPrice, readText } from './row-fields';
import type { NoteKind, RowNote } from './row-notes';
import { readParticipants, readPerson } from './row-people';

export type { NoteKind, RowNote } from './row-notes';

/**
 * One row of the file as the desk understands it: the platform's
 * VirtualClass fields under the desk's names, its known faults dealt with
 * (short access codes, the Meet link in htmlLink, a class left pending
 * while its event exists, unpaid classes), each with a note for the
 * preview. Fields the file does not carry stay `undefined`, so an update
 * keeps what the desk has.
 */

export interface ImportedRow {
  line: number;
  where: string;
  /** The desk's own booking id, from a desk CSV export. */
  deskId: string | null;
  preferenceId: string | null;
  platformId: string | null;
  source: BookingSource | undefined;
  bookedBy: Person | undefined;
  /** Why there is no student, for a row that matches no booking; '' when there is one (the long reason would travel from the worker with every row). */
  noStudent: string;
  participants: Participant[] | undefined;
  startMs: number;
  endMs: number;
  startTime: string;
  endTime: string;
  classType: ClassType;
  maxParticipants: number;
  currentParticipants: number | undefined;
  classPrice: number | undefined;
  learningFocus: string | null | undefined;
  hostType: HostType | undefined;
  /** The status to import: the file's, with the platform's faults and the payment taken into account. */
  status: BookingStatus;
  googleEventId: string | null;
  accessCode: string | null;
  meetLink: string | null;
  calendarLink: string | null;
  summary: string | undefined;
  createdAt: string | undefined;
  updatedAt: string | undefined;
  /** Set when the payment is known and not approved: the class is imported pending, never scheduled. */
  unpaid: boolean;
  /** The class's payment from the file (companion payments, the desk CSV's columns), or, joined in main (payment-join.ts), the payments imported before; undefined when unknown. */
  payment: Payment | undefined;
  notes: RowNote[];
}

export interface RowContext {
  /** The teacher's zone: local times without offset are read in it (unless the row names one), and times are stored in it. */
  timeZone: string;
  companion: Companion | null;
  /** JSON from the platform (not the desk's CSV): check its times against the platform's class hours. */
  fromPlatform: boolean;
}

export type RowResult = { ok: true; row: ImportedRow } | { ok: false; line: number; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** isValidTimeZone builds an Intl formatter on each call: slow for 50,000 rows naming the same zone. */
const zoneValidity = new Map<string, boolean>();
function knownZone(name: string): boolean {
  let valid = zoneValidity.get(name);
  if (valid === undefined) {
    valid = isValidTimeZone(name);
    if (zoneValidity.size < 1000) zoneValidity.set(name, valid);
  }
  return valid;
}

export function readRow(source: SourceRow, context: RowContext): RowResult {
  if (source.problem) return { ok: false, line: source.line, reason: source.problem };
  try {
    return { ok: true, row: mapRow(source, context) };
  } catch (error) {
    if (error instanceof RowError) return { ok: false, line: source.line, reason: `${source.where}: ${error.message}` };
    throw error;
  }
}

function mapRow(source: SourceRow, context: RowContext): ImportedRow {
  const f = source.fields;
  const notes: RowNote[] = [];
  const note = (kind: NoteKind, message: string) => notes.push({ kind, message: `${source.where}: ${message}` });

  const rowZone = readText('timeZone', f.timeZone);
  if (rowZone && !knownZone(rowZone)) throw new RowError(`timeZone "${rowZone}" is not an IANA time zone (for example America/Argentina/Buenos_Aires)`);
  const readZone = rowZone ?? context.timeZone;

  const deskId = readText('id', f.id) ?? null;
  if (deskId !== null && !UUID.test(deskId)) throw new RowError(`id "${deskId}" is not a Teacher Desk booking id (leave it empty for a class from elsewhere)`);
  const preferenceId = readText('preferenceId', f.preferenceId) ?? null;
  if (preferenceId !== null && preferenceId.length > 200) throw new RowError('preferenceId is longer than 200 characters');
  const platformId = readId('platformId', f.platformId ?? f._id) ?? null;
  const bookedById = readId('bookedById', f.bookedById) ?? null;

  const startMs = readInstant('startTime', f.startTime, readZone, true) as number;
  const endMs = readInstant('endTime', f.endTime, readZone, true) as number;
  if (endMs <= startMs) throw new RowError('end time must be after start time');

  const classType = readChoice('classType', f.classType, CLASS_TYPES);
  if (!classType) throw new RowError('classType is missing (individual or grupal)');
  const paymentDoc = preferenceId ? context.companion?.payments?.get(preferenceId) : undefined;
  let maxParticipants = readCount('maxParticipants', f.maxParticipants) ?? readCount('payment maxParticipants', paymentDoc?.maxParticipants);
  // The platform writes 0 for an individual class and shows it as 1.
  if (classType === 'individual' && (maxParticipants === undefined || maxParticipants === 0)) maxParticipants = 1;
  if (maxParticipants === undefined) throw new RowError('maxParticipants is missing (a group class takes 2 to 5 students)');
  const limits = PARTICIPANT_LIMITS[classType];
  if (maxParticipants < limits.min || maxParticipants > limits.max) {
    throw new RowError(`maxParticipants ${maxParticipants}: ${classType} classes take ${limits.min === limits.max ? limits.min : `${limits.min} to ${limits.max}`} participant${limits.max === 1 ? '' : 's'}`);
  }

  let classPrice = readPrice('classPrice', f.classPrice);
  const paidPrice = readPrice('payment price', paymentDoc?.price);
  if (paidPrice !== undefined && paidPrice !== classPrice) {
    // The platform writes a placeholder price (111) on the class; the payment holds what the student paid.
    if (classPrice !== undefined) note('price', `price ${classPrice} replaced by the ${paidPrice} of its payment`);
    classPrice = paidPrice;
  }

  let learningFocus = readText('learningFocus', f.learningFocus);
  if (learningFocus) {
    const cut = clip(learningFocus, 100);
    if (cut.cut) note('truncated', 'learning focus cut to 100 characters');
    learningFocus = cut.text;
  }
  let summary = readText('summary', f.summary) ?? undefined;
  if (summary) {
    const cut = clip(summary, 500);
    if (cut.cut) note('truncated', 'summary cut to 500 characters');
    summary = cut.text;
  }

  const googleEventId = readText('googleEventId', f.googleEventId) ?? null;
  const { meetLink, calendarLink } = readLinks(f, note);
  const accessCode = readAccessCode(f.accessCode, note);

  const fileStatus = readChoice('status', f.status, BOOKING_STATUSES) ?? 'pending';
  const { status, unpaid } = importStatus({ fileStatus, preferenceId, googleEventId, meetLink, payments: context.companion?.payments ?? null, note });

  const payment = readRowPayment(f, preferenceId, context);
  const person = readPerson(f, bookedById, context.companion);
  return {
    line: source.line,
    where: source.where,
    deskId,
    preferenceId,
    platformId,
    source: readChoice('source', f.source, BookingSourceSchema.options),
    bookedBy: person.bookedBy,
    noStudent: person.bookedBy ? '' : person.why,
    participants: readParticipants(f, bookedById, context.companion),
    startMs,
    endMs,
    startTime: zonedIso(startMs, context.timeZone),
    endTime: zonedIso(endMs, context.timeZone),
    classType,
    maxParticipants,
    currentParticipants: readCount('currentParticipants', f.currentParticipants),
    classPrice,
    learningFocus,
    hostType: readChoice('hostType', f.hostType, HOST_TYPES),
    status,
    googleEventId,
    accessCode,
    meetLink,
    calendarLink,
    summary,
    createdAt: readStamp('createdAt', f.createdAt, readZone),
    updatedAt: readStamp('updatedAt', f.updatedAt, readZone),
    unpaid,
    payment,
    notes: context.fromPlatform ? [...notes, ...platformHoursNote(startMs, source.where)] : notes,
  };
}

function readInstant(field: string, value: unknown, timeZone: string, required: boolean): number | undefined {
  if (typeof value === 'number') {
    // Epoch milliseconds; checked, as one beyond what a Date holds would make zonedIso throw for the whole file.
    const epoch = instantOfEpochMs(value);
    if (!epoch.ok) throw new RowError(`${field} ${epoch.reason}`);
    return epoch.ms;
  }
  const text = readText(field, value);
  if (text === undefined || text === null) {
    if (required) throw new RowError(`${field} is missing`);
    return undefined;
  }
  const parsed = parseInstant(text, timeZone);
  if (!parsed.ok) throw new RowError(`${field} ${parsed.reason}`);
  return parsed.ms;
}

/** createdAt / updatedAt: kept as written when already a valid ISO instant with offset (so a CSV round trip is exact). */
function readStamp(field: string, value: unknown, timeZone: string): string | undefined {
  const ms = readInstant(field, value, timeZone, false);
  if (ms === undefined) return undefined;
  return typeof value === 'string' && IsoInstantSchema.safeParse(value.trim()).success ? value.trim() : new Date(ms).toISOString();
}

/**
 * The row's payment as the file has it: the desk CSV's payment columns,
 * else the companion file's payment. One imported earlier from a payments
 * file is joined in main, where the ledger is (payment-join.ts).
 */
function readRowPayment(f: Record<string, unknown>, preferenceId: string | null, context: RowContext): Payment | undefined {
  const fromColumns = readPaymentColumns(f);
  if (fromColumns) return fromColumns;
  if (preferenceId === null) return undefined;
  const doc = context.companion?.payments?.get(preferenceId);
  return doc ? readPaymentDoc(doc).payment : undefined;
}
