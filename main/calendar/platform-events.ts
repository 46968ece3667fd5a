import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { PARTICIPANT_LIMITS, PersonSchema, type Booking, type ClassType, type Participant, type Person } from '../../shared/booking';
import { meetRoomLink } from '../../shared/links';
import { DESK_MARK } from './desk-marker';
import { eventTimeToIso } from './zoned-time';

/**
 * The platform's own class events, recognised on the teacher's calendar
 * (pure: no clock, no randomness, no I/O). When MercadoPago approves a
 * payment the platform inserts "Clase de Inglés" / "La clase sera
 * {classType} con x{n} participantes" with a Meet conference, in
 * America/Argentina/Buenos_Aires, and no attendees. The desk adopts such an
 * event as a scheduled class linked by its event id (sync-apply.ts).
 */

/** Who booked an adopted class until an import of the platform's export says (a placeholder, never a real person). */
export const UNKNOWN_STUDENT_NAME = 'Alumno de la plataforma';
/**
 * The placeholder e-mail of that student. A booking needs a valid address;
 * the `.invalid` top-level domain is reserved (RFC 2606, RFC 6761) and never
 * resolves, so nothing sent to it can reach anyone. The organizer's address
 * is the teacher's own: it would make her the student of every adopted class
 * (in search, in any invitation) and could never be told apart from a real one.
 */
export const UNKNOWN_STUDENT_EMAIL = 'sin-email@alumnos.hablainglesya.invalid';

/** The platform's prices in whole ARS: individual 15000; group classes by size (the total, not per student). */
export const PLATFORM_PRICES: Record<ClassType, Readonly<Record<number, number>>> = {
  individual: { 1: 15000 },
  grupal: { 2: 30000, 3: 36000, 4: 48000, 5: 60000 },
};

export function platformPrice(classType: ClassType, participants: number): number {
  const price = PLATFORM_PRICES[classType][participants];
  if (price === undefined) throw new RangeError(`no platform price for a ${classType} class of ${participants}`);
  return price;
}

export interface PlatformClassEvent {
  eventId: string;
  classType: ClassType;
  /** The class size: the description's count within the class type's limits. */
  maxParticipants: number;
  /** The count the description states; differs from maxParticipants when it was outside the limits. */
  statedParticipants: number;
  /** Start and end as instants in the desk's zone. */
  startTime: string;
  endTime: string;
  meetLink: string;
  /** The event's own page on Google Calendar (`htmlLink`), when it is an https link. */
  calendarLink: string | null;
  summary: string;
  /** Attendees other than the organizer (the teacher), in the event's order; the first is taken as the one who booked. */
  students: Person[];
}

const SUMMARY = 'clase de ingles';
/** "La clase sera grupal con x3 participantes", accents, case, spaces and a missing "x" or plural "s" tolerated. */
const DESCRIPTION = /^la clase sera (individual|grupal) con x? ?(\d{1,3}) participantes?(?![a-z])/;

/** Lower case, without accents, tags or repeated spaces: "Clase de  INGLÉS" and "clase de ingles" read alike. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The description sentences to read: the event's description, and the text
 * after "Clase de Inglés." when the summary is the `${summary}. ${description}`
 * the platform stores on its VirtualClass. Null when the summary is not the platform's.
 */
function descriptionsOf(event: calendar_v3.Schema$Event): string[] | null {
  const summary = foldText(event.summary ?? '').replace(/[\s.]+$/, '');
  const description = event.description ? [foldText(event.description)] : [];
  if (summary === SUMMARY) return description;
  if (summary.startsWith(`${SUMMARY}.`)) return [...description, summary.slice(SUMMARY.length + 1).trim()];
  return null;
}

function readDescription(texts: string[]): { classType: ClassType; count: number } | null {
  for (const text of texts) {
    const m = DESCRIPTION.exec(text);
    if (m) return { classType: m[1] as ClassType, count: Number(m[2]) };
  }
  return null;
}

/** The conference's Meet link: its video entry point (or hangoutLink), only once Google has made it. */
function meetLinkOf(event: calendar_v3.Schema$Event): string | null {
  const conference = event.conferenceData;
  const status = conference?.createRequest?.status?.statusCode;
  if (status !== undefined && status !== null && status !== 'success') return null;
  const video = conference?.entryPoints?.find((e) => e.entryPointType === 'video' && typeof e.uri === 'string' && meetRoomLink(e.uri) !== null);
  if (video?.uri) return meetRoomLink(video.uri);
  return event.hangoutLink ? meetRoomLink(event.hangoutLink) : null;
}

/** The students among the attendees: not the organizer or the calendar's owner, not a room; valid, distinct addresses. */
function studentsOf(event: calendar_v3.Schema$Event): Person[] {
  const teacher = new Set([event.organizer?.email, event.creator?.email].filter((e): e is string => !!e).map((e) => e.toLowerCase()));
  const seen = new Set<string>();
  const students: Person[] = [];
  for (const a of event.attendees ?? []) {
    const email = a.email?.trim();
    if (!email || a.self || a.organizer || a.resource) continue;
    const key = email.toLowerCase();
    if (teacher.has(key) || seen.has(key)) continue;
    const name = a.displayName?.trim() || email.slice(0, email.indexOf('@')).trim();
    const person = PersonSchema.safeParse({ name: name.slice(0, 200), email });
    if (!person.success) continue;
    seen.add(key);
    students.push(person.data);
  }
  return students;
}

/**
 * The platform's class behind an event, or null when the event is not one:
 * made by the desk, cancelled, all-day, without a Meet link, or with a
 * summary or description other than the platform's. The count is kept
 * within the class type's limits: individual is always 1; a group class
 * stated with fewer than 2 (the platform writes x1 for maxParticipants 0)
 * is 2, with more than 5 is 5.
 */
export function recognisePlatformEvent(event: calendar_v3.Schema$Event, timeZone: string): PlatformClassEvent | null {
  if (!event.id || event.status === 'cancelled') return null;
  if (event.extendedProperties?.private?.[DESK_MARK] === '1') return null;
  const texts = descriptionsOf(event);
  if (!texts) return null;
  const described = readDescription(texts);
  if (!described) return null;
  if (!event.start?.dateTime || !event.end?.dateTime || event.start.date || event.end.date) return null;
  const startTime = eventTimeToIso(event.start, timeZone);
  const endTime = eventTimeToIso(event.end, timeZone);
  if (!startTime || !endTime || Date.parse(endTime) <= Date.parse(startTime)) return null;
  const meetLink = meetLinkOf(event);
  if (!meetLink) return null;

  const limits = PARTICIPANT_LIMITS[described.classType];
  const maxParticipants = Math.min(limits.max, Math.max(limits.min, described.count));
  const calendarLink = event.htmlLink && /^https:\/\/\S+$/.test(event.htmlLink) ? event.htmlLink : null;
  return {
    eventId: event.id,
    classType: described.classType,
    maxParticipants,
    statedParticipants: described.count,
    startTime,
    endTime,
    meetLink,
    calendarLink,
    summary: (event.summary ?? '').trim().slice(0, 500),
    students: studentsOf(event),
  };
}

/**
 * The scheduled booking an adopted event becomes. The platform's own fields
 * it cannot know (preferenceId, the class's id, the learning focus) stay
 * empty and the student is a placeholder until an import of the platform's
 * export fills them in (matched by googleEventId); the price is the
 * platform's for the class type and size.
 */
export function bookingFromPlatformEvent(found: PlatformClassEvent, made: { id: string; accessCode: string; nowIso: string }): Booking {
  const [booker, ...others] = found.students;
  const participants: Participant[] = others.slice(0, found.maxParticipants - 1).map((p) => ({ name: p.name, email: p.email }));
  return {
    id: made.id,
    preferenceId: null,
    platformId: null,
    source: 'calendar',
    bookedBy: booker ?? { name: UNKNOWN_STUDENT_NAME, email: UNKNOWN_STUDENT_EMAIL },
    participants,
    startTime: found.startTime,
    endTime: found.endTime,
    classType: found.classType,
    maxParticipants: found.maxParticipants,
    // The platform counts the one who booked; students invited on the event count too.
    currentParticipants: Math.max(1, Math.min(found.maxParticipants, found.students.length)),
    classPrice: platformPrice(found.classType, found.maxParticipants),
    learningFocus: null,
    hostType: 'anfitrion',
    status: 'scheduled',
    googleEventId: found.eventId,
    accessCode: made.accessCode,
    meetLink: found.meetLink,
    calendarLink: found.calendarLink,
    summary: found.summary,
    createdAt: made.nowIso,
    updatedAt: made.nowIso,
  };
}
