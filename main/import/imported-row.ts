import {
  AccessCodeSchema,
  BOOKING_STATUSES,
  BookingSourceSchema,
  CLASS_TYPES,
  HOST_TYPES,
  IsoInstantSchema,
  PARTICIPANT_LIMITS,
  ParticipantSchema,
  PersonSchema,
  describeIssues,
  type BookingSource,
  type BookingStatus,
  type ClassType,
  type HostType,
  type Participant,
  type Person,
} from '../../shared/booking';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../shared/time-zone';
import { parseInstant, zonedIso } from './instant';
import { wallClock } from './zone-offset';
import type { Companion, SourceRow } from './read-file';
import { RowError, clip, readChoice, readCount, readId, readText } from './row-fields';

/**
 * One row of the file as the desk understands it: the platform's
 * VirtualClass fields under the desk's names, its known faults dealt with
 * (short access codes, the Meet link in htmlLink, a class left pending
 * while its event exists, unpaid classes), each with a note for the
 * preview. Fields the file does not carry stay `undefined`, so an update
 * keeps what the desk has.
 */

export type NoteKind =
  | 'unpaid'
  | 'pending-with-event'
  | 'access-code'
  | 'meet-link'
  | 'platform-hours'
  | 'truncated'
  | 'price'
  | 'kept-desk-status'
  | 'kept-desk-time'
  | 'kept-desk-event'
  | 'cancelled-with-event';

export interface RowNote {
  kind: NoteKind;
  message: string;
}

export interface ImportedRow {
  line: number;
  where: string;
  /** The desk's own booking id, from a desk CSV export. */
  deskId: string | null;
  preferenceId: string | null;
  platformId: string | null;
  source: BookingSource | undefined;
  bookedBy: Person | undefined;
  /** Why there is no student, for a row that matches no booking. */
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

const MEET_LINK = /^https:\/\/meet\.google\.com\/[a-z0-9-]+(?:[/?#][^\s]*)?$/i;
const CALENDAR_LINK = /^https:\/\/(?:www\.google\.com\/calendar|calendar\.google\.com)\/[^\s]*$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const NO_STUDENT =
  "no student name and e-mail: the platform's VirtualClass holds only bookedById; export the classes joined with their User (bookedBy: { name, email }), add studentName and studentEmail columns, or import the { virtualClasses, users, payments } file";

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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

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
  const payment = preferenceId ? context.companion?.payments?.get(preferenceId) : undefined;
  let maxParticipants = readCount('maxParticipants', f.maxParticipants) ?? readCount('payment maxParticipants', payment?.maxParticipants);
  // The platform writes 0 for an individual class and shows it as 1.
  if (classType === 'individual' && (maxParticipants === undefined || maxParticipants === 0)) maxParticipants = 1;
  if (maxParticipants === undefined) throw new RowError('maxParticipants is missing (a group class takes 2 to 5 students)');
  const limits = PARTICIPANT_LIMITS[classType];
  if (maxParticipants < limits.min || maxParticipants > limits.max) {
    throw new RowError(`maxParticipants ${maxParticipants}: ${classType} classes take ${limits.min === limits.max ? limits.min : `${limits.min} to ${limits.max}`} participant${limits.max === 1 ? '' : 's'}`);
  }

  let classPrice = readCount('classPrice', f.classPrice);
  const paidPrice = readCount('payment price', payment?.price);
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
  let status = fileStatus;
  let unpaid = false;
  if (context.companion?.payments && preferenceId !== null) {
    const paymentStatus = readText('payment status', payment?.status);
    if (paymentStatus !== 'approved') {
      unpaid = true;
      const why = payment ? `its payment is ${paymentStatus ?? 'without a status'}` : 'no payment with its preferenceId is in the file';
      if (status === 'scheduled' || status === 'completed') status = 'pending';
      note('unpaid', `${why}: imported as pending, not scheduled`);
    }
  } else if (context.companion?.payments && preferenceId === null) {
    unpaid = true;
    if (status === 'scheduled' || status === 'completed') status = 'pending';
    note('unpaid', 'no preferenceId, so no payment can be found: imported as pending, not scheduled');
  }
  if (!unpaid && status === 'pending' && googleEventId !== null && meetLink !== null) {
    // The platform creates an event only after the payment is approved, and then fails to mark the class
    // scheduled when the Meet link is slow. Event and Meet link exist, students have the link: it is
    // scheduled. Leaving it pending would make the desk's confirm create a second event (the platform's other fault).
    status = 'scheduled';
    note('pending-with-event', 'pending on the platform, but its calendar event and Meet link exist: imported as scheduled');
  } else if (status === 'pending' && googleEventId !== null) {
    note('pending-with-event', `pending on the platform while its calendar event ${googleEventId} exists (no Meet link): left pending; check the event before confirming, or the class may get two events`);
  }

  const person = readPerson(f, bookedById, context.companion);
  return {
    line: source.line,
    where: source.where,
    deskId,
    preferenceId,
    platformId,
    source: readChoice('source', f.source, BookingSourceSchema.options),
    bookedBy: person.bookedBy,
    noStudent: person.why,
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
    notes: context.fromPlatform ? [...notes, ...platformHoursNote(startMs, source.where)] : notes,
  };
}

function readInstant(field: string, value: unknown, timeZone: string, required: boolean): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value; // epoch milliseconds
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

function readLinks(f: Record<string, unknown>, note: (kind: NoteKind, message: string) => void): { meetLink: string | null; calendarLink: string | null } {
  let meetLink: string | null = null;
  let calendarLink = readText('calendarLink', f.calendarLink) ?? null;
  if (calendarLink !== null && !CALENDAR_LINK.test(calendarLink)) {
    note('meet-link', `calendar link "${calendarLink}" is not a Google Calendar https link and was left out`);
    calendarLink = null;
  }
  // The platform keeps the Meet link in htmlLink; the desk's CSV calls it meetLink.
  const link = readText('meetLink', f.meetLink ?? f.htmlLink) ?? null;
  if (link !== null) {
    if (MEET_LINK.test(link)) meetLink = link;
    else if (CALENDAR_LINK.test(link) && calendarLink === null) calendarLink = link;
    else note('meet-link', `"${link}" is not an https meet.google.com link and was left out`);
  }
  return { meetLink, calendarLink };
}

function readAccessCode(value: unknown, note: (kind: NoteKind, message: string) => void): string | null {
  const code = readText('accessCode', value) ?? null;
  if (code === null) return null;
  if (AccessCodeSchema.safeParse(code).success) return code;
  // The platform makes codes with Math.random: often shorter than 8, with 0/O/1/I/L. Guests could not rely on them.
  note('access-code', `access code "${code}" is not a valid 8-character code and was left out; the desk makes a new one when it confirms the class`);
  return null;
}

function readPerson(f: Record<string, unknown>, bookedById: string | null, companion: Companion | null): { bookedBy: Person | undefined; why: string } {
  const joined = isRecord(f.bookedBy) ? f.bookedBy : {};
  let name = readText('bookedBy.name', joined.name) ?? readText('studentName', f.studentName) ?? null;
  let email = readText('bookedBy.email', joined.email) ?? readText('studentEmail', f.studentEmail) ?? null;
  let why = NO_STUDENT;
  if (name === null && email === null && bookedById !== null && companion) {
    const user = companion.users.get(bookedById);
    if (user) {
      name = readText('user name', user.name) ?? null;
      email = readText('user email', user.email) ?? null;
    } else {
      why = `no student: its bookedById ${bookedById} is not among the file's users`;
    }
  }
  if (name === null && email === null) return { bookedBy: undefined, why };
  if (name === null) throw new RowError(`the student's name is missing (e-mail ${email})`);
  if (email === null) throw new RowError(`the student's e-mail is missing (name ${name})`);
  const person = PersonSchema.safeParse({ name, email });
  if (!person.success) throw new RowError(`student: ${describeIssues(person.error)} ("${email}")`);
  return { bookedBy: person.data, why };
}

/** Other students of the class: the desk's `participants` (JSON), or the platform's `participantsIds`; the host is bookedBy, not a participant. */
function readParticipants(f: Record<string, unknown>, bookedById: string | null, companion: Companion | null): Participant[] | undefined {
  let list: Participant[];
  if (f.participants !== undefined && f.participants !== null && f.participants !== '') {
    let value = f.participants;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        throw new RowError('participants is not a JSON list like [{"platformUserId":"…"}]');
      }
    }
    if (!Array.isArray(value)) throw new RowError('participants is not a list');
    list = value.map((item) => {
      const parsed = ParticipantSchema.safeParse(typeof item === 'string' ? { platformUserId: item } : item);
      if (!parsed.success) throw new RowError(`participants: ${describeIssues(parsed.error)}`);
      return parsed.data;
    });
  } else if (f.participantsIds !== undefined && f.participantsIds !== null) {
    list = readIdList(f.participantsIds)
      .filter((id) => id !== bookedById)
      .map((platformUserId) => withUser({ platformUserId }, companion));
  } else if (f.participants === '') {
    list = [];
  } else {
    return undefined;
  }
  if (list.length > 5) throw new RowError(`${list.length} participants, a class takes at most 5`);
  return list;
}

function readIdList(value: unknown): string[] {
  let items: unknown = value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text === '') return [];
    if (text.startsWith('[')) {
      try {
        items = JSON.parse(text);
      } catch {
        throw new RowError('participantsIds is not a list of ids');
      }
    } else {
      items = text.split(/[\s;,]+/);
    }
  }
  if (!Array.isArray(items)) throw new RowError('participantsIds is not a list of ids');
  return items
    .map((item) => (isRecord(item) && typeof item.$oid === 'string' ? item.$oid : readId('participantsIds', item)))
    .filter((id): id is string => typeof id === 'string' && id !== '');
}

function withUser(participant: Participant, companion: Companion | null): Participant {
  const user = participant.platformUserId ? companion?.users.get(participant.platformUserId) : undefined;
  if (!user) return participant;
  const name = readText('user name', user.name);
  const email = readText('user email', user.email);
  const out: Participant = { ...participant };
  if (name) out.name = name.slice(0, 200);
  if (email && PersonSchema.shape.email.safeParse(email).success) out.email = email;
  return out;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Platform classes are Monday to Saturday, 17:00 to 21:00 in Buenos Aires, on the hour. */
function platformHoursNote(startMs: number, where: string): RowNote[] {
  const { weekday, hour, minute } = wallClock(startMs, DEFAULT_TIME_ZONE);
  if (weekday !== 0 && hour >= 17 && hour <= 20 && minute === 0) return [];
  const local = `${WEEKDAYS[weekday]} ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return [
    {
      kind: 'platform-hours',
      message: `${where}: starts ${local} in Buenos Aires, outside the platform's class hours; the platform adds a fixed −03:00 to the student's own clock, so check the time with the student`,
    },
  ];
}
