import { describe, expect, it } from 'vitest';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { AccessCodeSchema, type Booking, type ClassType } from '../../shared/booking';
import { UNKNOWN_STUDENT_EMAIL, UNKNOWN_STUDENT_NAME } from '../../main/calendar/platform-events';
import { systemClock } from '../../main/clock';
import { createImportService, type ImportService } from '../../main/import/import-service';
import { classStart, CONFIGURED_ZONE, plusHours, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';

/**
 * The platform's class events on the teacher's calendar become scheduled
 * bookings linked by event id, over real HTTP against the fake Google, with
 * the process in Tokyo time and the desk in Buenos Aires. The platform's
 * events are inserted the way its createGoogleCalendarEvent does (seed 000):
 * events.insert with conferenceDataVersion=1, no attendees, no desk marks.
 */

let h: CalendarHarness;
let imports: ImportService;
useCalendarHarness((harness) => {
  h = harness;
  imports = newImports();
});

function newImports(): ImportService {
  return createImportService({ store: h.store, settings: () => h.settings, clock: systemClock, log: h.log });
}

interface PlatformClass {
  start: string;
  classType?: ClassType;
  /** What the platform's VirtualClass holds (0 for an individual class). */
  maxParticipants?: number;
  attendees?: calendar_v3.Schema$EventAttendee[];
}

/** The platform's createGoogleCalendarEvent, as its admin's OAuth client sends it, into the teacher's calendar. */
async function platformCreates({ start, classType = 'individual', maxParticipants = 0, attendees }: PlatformClass): Promise<calendar_v3.Schema$Event> {
  const { token } = await h.auth.getAccessToken();
  const body: calendar_v3.Schema$Event = {
    summary: 'Clase de Inglés',
    description: `La clase sera ${classType} con x${maxParticipants == 0 ? 1 : maxParticipants} participantes`,
    start: { dateTime: start, timeZone: CONFIGURED_ZONE },
    end: { dateTime: plusHours(start, 1), timeZone: CONFIGURED_ZONE },
    conferenceData: { createRequest: { requestId: `meet-${Date.now()}`, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
    transparency: 'opaque',
    ...(attendees ? { attendees } : {}),
  };
  const res = await fetch(`${h.server.origin}/calendar/v3/calendars/primary/events?conferenceDataVersion=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const event = (await res.json()) as calendar_v3.Schema$Event;
  expect(event.conferenceData?.entryPoints?.[0]?.uri).toMatch(/^https:\/\/meet\.google\.com\//);
  return event;
}

const meetOf = (event: calendar_v3.Schema$Event) => event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;

/** The platform's VirtualClass for that event, as mongoexport --jsonArray writes it, joined with its User. */
function platformDoc(event: calendar_v3.Schema$Event, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const startMs = Date.parse(event.start?.dateTime ?? '');
  return {
    _id: { $oid: '6720f0c2a1b2c3d4e5f60718' },
    bookedById: { $oid: '6720f0c2a1b2c3d4e5f60001' },
    bookedBy: { name: 'Mariana Sosa', email: 'mariana.sosa@example.com' },
    startTime: { $date: new Date(startMs).toISOString() },
    endTime: { $date: { $numberLong: String(startMs + 3_600_000) } },
    hostType: 'anfitrion',
    currentParticipants: 1,
    maxParticipants: 3,
    classType: 'grupal',
    classPrice: 36000,
    htmlLink: meetOf(event),
    status: 'scheduled',
    summary: `${event.summary}. ${event.description}`,
    description: event.description,
    learningFocus: 'Conversación para un viaje a Londres',
    preferenceId: '162275027-8f3a1c2e-6d1b-4a7e-9c55-2b1f0a9d3e77',
    activityStatus: 'pending',
    participantsIds: [{ $oid: '6720f0c2a1b2c3d4e5f60001' }],
    googleEventId: event.id,
    accessCode: 'K7M2Q9PX',
    createdAt: { $date: '2026-11-20T13:00:00.000Z' },
    updatedAt: { $date: '2026-11-20T13:05:00.000Z' },
    ...overrides,
  };
}

async function importDocs(docs: Record<string, unknown>[]) {
  const preview = await imports.preview({ fileName: 'virtualclasses.json', content: JSON.stringify(docs, null, 2) });
  const result = await imports.commit({ previewId: preview.previewId });
  return { preview, result };
}

const only = (): Booking => {
  const bookings = h.store.list();
  expect(bookings).toHaveLength(1);
  return bookings[0] as Booking;
};

describe('adopting the platform’s events', () => {
  it('makes one scheduled class of a platform event, and a later import of that class fills it in without a second one', async () => {
    expect(new Date(0).getTimezoneOffset()).toBe(-540); // the machine is in Tokyo
    const start = classStart(3, 18);
    const event = await platformCreates({ start, classType: 'grupal', maxParticipants: 3 });

    const synced = await h.engine.sync();
    expect(synced).toMatchObject({ mode: 'full', changed: 1 });
    const adopted = only();
    expect(adopted).toEqual({
      id: expect.any(String),
      preferenceId: null,
      platformId: null,
      source: 'calendar',
      bookedBy: { name: UNKNOWN_STUDENT_NAME, email: UNKNOWN_STUDENT_EMAIL },
      participants: [],
      startTime: start,
      endTime: plusHours(start, 1),
      classType: 'grupal',
      maxParticipants: 3,
      currentParticipants: 1,
      classPrice: 36000,
      learningFocus: null,
      hostType: 'anfitrion',
      status: 'scheduled',
      googleEventId: event.id,
      accessCode: expect.any(String),
      meetLink: meetOf(event),
      calendarLink: event.htmlLink,
      summary: 'Clase de Inglés',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(start).toMatch(/T18:00:00-03:00$/);
    expect(AccessCodeSchema.safeParse(adopted.accessCode).success).toBe(true);
    // A class, not busy time.
    expect(h.store.calendarState().busyBlocks).toEqual([]);
    expect(h.log.lines.some((l) => l.includes('adopted a platform class from the calendar'))).toBe(true);

    // The platform's export brings the same class, with its event id.
    const doc = platformDoc(event);
    const { preview, result } = await importDocs([doc]);
    expect(preview.counts).toEqual({ new: 0, updated: 1, unchanged: 0, invalid: 0 });
    expect(result).toEqual({ created: 0, updated: 1 });
    const merged = only();
    expect(merged).toEqual({
      ...adopted,
      // The platform's fields...
      preferenceId: doc.preferenceId,
      platformId: '6720f0c2a1b2c3d4e5f60718',
      bookedBy: { name: 'Mariana Sosa', email: 'mariana.sosa@example.com' },
      learningFocus: 'Conversación para un viaje a Londres',
      summary: 'Clase de Inglés. La clase sera grupal con x3 participantes',
      // ...and the desk's kept: id, source, status, event, links, access code, times.
      updatedAt: expect.any(String),
    });
    expect(merged.accessCode).toBe(adopted.accessCode);
    expect(merged.accessCode).not.toBe('K7M2Q9PX');

    // Syncing again (incremental, then a full one after 410) changes nothing.
    expect(await h.engine.sync()).toMatchObject({ mode: 'incremental', changed: 0 });
    h.fake.expireSyncTokens();
    expect(await h.engine.sync()).toMatchObject({ mode: 'full', changed: 0 });
    expect(only()).toEqual(merged);
    expect(h.store.calendarState().busyBlocks).toEqual([]);

    // And the same file again is a no-op.
    expect((await importDocs([doc])).preview.counts).toEqual({ new: 0, updated: 0, unchanged: 1, invalid: 0 });
    expect(only()).toEqual(merged);
  });

  it('never adopts an event twice: again, after 410, after a restart', async () => {
    await platformCreates({ start: classStart(2) });
    await h.engine.sync();
    const adopted = only();

    await h.engine.sync();
    h.fake.expireSyncTokens();
    expect((await h.engine.sync()).mode).toBe('full');
    expect(only()).toEqual(adopted);

    const store = await h.reopenStore();
    await h.newEngine({ store }).sync();
    expect(store.list()).toEqual([adopted]);
    expect(store.calendarState().busyBlocks).toEqual([]);
  });

  it('follows the event like any linked class: moved and then deleted in Google Calendar', async () => {
    const event = await platformCreates({ start: classStart(2) });
    await h.engine.sync();
    const adopted = only();

    const newStart = classStart(4, 20);
    h.fake.editEvent(TEACHER, event.id as string, { start: { dateTime: newStart, timeZone: CONFIGURED_ZONE }, end: { dateTime: plusHours(newStart, 1), timeZone: CONFIGURED_ZONE } });
    expect(await h.engine.sync()).toMatchObject({ mode: 'incremental', changed: 1 });
    expect(only()).toMatchObject({ id: adopted.id, status: 'scheduled', startTime: newStart, endTime: plusHours(newStart, 1), meetLink: adopted.meetLink });

    h.fake.deleteEvent(TEACHER, event.id as string);
    await h.engine.sync();
    expect(only()).toMatchObject({ id: adopted.id, status: 'cancelled' });

    h.fake.expireSyncTokens();
    await h.engine.sync();
    expect(only()).toMatchObject({ id: adopted.id, status: 'cancelled' });
    expect(h.store.calendarState().busyBlocks).toEqual([]);
  });

  it('lets the desk move and complete an adopted class on the platform’s event', async () => {
    const event = await platformCreates({ start: classStart(2) });
    await h.engine.sync();
    const adopted = only();
    const newStart = classStart(5, 19);
    const moved = await h.engine.reschedule(adopted.id, { startTime: newStart, endTime: plusHours(newStart, 1) });
    expect(moved).toMatchObject({ startTime: newStart, googleEventId: event.id });
    expect(h.fake.peek(TEACHER, event.id as string)?.start?.dateTime).toBe(newStart);
    await h.engine.sync();
    expect(only()).toEqual(moved);

    const completed = await h.engine.complete(adopted.id);
    expect(completed.status).toBe('completed');
    expect(h.fake.peek(TEACHER, event.id as string)?.extendedProperties?.private).toEqual({ teacherDeskStatus: 'completed' });
    await h.engine.sync();
    expect(only()).toEqual(completed);
  });

  it('reads the students from attendees when the event has them', async () => {
    await platformCreates({
      start: classStart(2, 19),
      classType: 'grupal',
      maxParticipants: 2,
      attendees: [{ email: 'ana.lopez@example.com', displayName: 'Ana López' }, { email: 'juan.paz@example.com' }],
    });
    await h.engine.sync();
    expect(only()).toMatchObject({
      bookedBy: { name: 'Ana López', email: 'ana.lopez@example.com' },
      participants: [{ name: 'juan.paz', email: 'juan.paz@example.com' }],
      classType: 'grupal',
      maxParticipants: 2,
      currentParticipants: 2,
      classPrice: 30000,
    });
  });

  it('adopts an event whose Meet link was still being made once Google finishes it, dropping its busy time', async () => {
    h.fake.conference = { pendingReads: 1, outcome: 'success' };
    const res = await fetch(`${h.server.origin}/calendar/v3/calendars/primary/events?conferenceDataVersion=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${(await h.auth.getAccessToken()).token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        summary: 'Clase de Inglés',
        description: 'La clase sera individual con x1 participantes',
        start: { dateTime: classStart(2), timeZone: CONFIGURED_ZONE },
        end: { dateTime: plusHours(classStart(2), 1), timeZone: CONFIGURED_ZONE },
        conferenceData: { createRequest: { requestId: 'meet-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      }),
    });
    const event = (await res.json()) as calendar_v3.Schema$Event;
    expect(event.conferenceData?.createRequest?.status?.statusCode).toBe('pending');
    await h.engine.sync();
    expect(h.store.list()).toEqual([]);
    expect(h.store.calendarState().busyBlocks.map((b) => b.eventId)).toEqual([event.id]);

    // Google finishes the conference and the event changes.
    await fetch(`${h.server.origin}/calendar/v3/calendars/primary/events/${event.id}`, { headers: { authorization: `Bearer ${(await h.auth.getAccessToken()).token}` } });
    h.fake.editEvent(TEACHER, event.id as string, { transparency: 'opaque' });
    await h.engine.sync();
    expect(only()).toMatchObject({ googleEventId: event.id, status: 'scheduled', meetLink: expect.stringMatching(/^https:\/\/meet\.google\.com\//) });
    expect(h.store.calendarState().busyBlocks).toEqual([]);
  });

  it('leaves everything else as it was: the desk’s own classes, and the teacher’s events as busy time', async () => {
    const own = await h.engine.confirm((await h.addBooking({ startTime: classStart(2) })).id);
    const noMeet = h.fake.addEvent(TEACHER, {
      summary: 'Clase de Inglés',
      description: 'La clase sera individual con x1 participantes',
      start: { dateTime: classStart(3), timeZone: CONFIGURED_ZONE },
      end: { dateTime: plusHours(classStart(3), 1), timeZone: CONFIGURED_ZONE },
    });
    const dentist = h.fake.addEvent(TEACHER, { summary: 'Dentista', start: { dateTime: classStart(3, 10) }, end: { dateTime: classStart(3, 11) } });
    await h.engine.sync();
    expect(h.store.list()).toEqual([own]);
    expect(h.store.calendarState().busyBlocks.map((b) => b.eventId).sort()).toEqual([noMeet.id, dentist.id].sort());
  });
});

describe('the platform’s faults', () => {
  it('adopts one class of the duplicate events a retried payment webhook makes, and the import of the other id finds it', async () => {
    const start = classStart(3, 17);
    const first = await platformCreates({ start });
    const second = await platformCreates({ start });
    await h.engine.sync();
    const adopted = only();
    expect(adopted.googleEventId).toBe(first.id);
    // The second event is not a class of its own: its time shows as busy, and the log says why.
    expect(h.store.calendarState().busyBlocks.map((b) => b.eventId)).toEqual([second.id]);
    expect(h.log.lines.some((l) => l.includes('platform event not adopted'))).toBe(true);

    // The platform saved the second event's id on its VirtualClass.
    const { preview } = await importDocs([platformDoc(second, { classType: 'individual', maxParticipants: 0, classPrice: 15000 })]);
    expect(preview.counts).toEqual({ new: 0, updated: 1, unchanged: 0, invalid: 0 });
    expect(preview.notes.map((n) => n.kind)).toContain('kept-desk-event');
    expect(only()).toMatchObject({ id: adopted.id, googleEventId: first.id, preferenceId: expect.any(String), bookedBy: { name: 'Mariana Sosa' } });

    h.fake.expireSyncTokens();
    await h.engine.sync();
    expect(h.store.list()).toHaveLength(1);
  });

  it('links a class the platform left pending without its event id, instead of adopting a second one', async () => {
    const start = classStart(2, 20);
    const event = await platformCreates({ start });
    // The platform read the Meet link too early: its VirtualClass stayed pending, without googleEventId, htmlLink or access code.
    await importDocs([platformDoc(event, { status: 'pending', googleEventId: null, htmlLink: null, accessCode: null, classType: 'individual', maxParticipants: 0, classPrice: 15000 })]);
    const imported = only();
    expect(imported).toMatchObject({ status: 'pending', googleEventId: null, source: 'platform' });

    await h.engine.sync();
    const linked = only();
    expect(linked).toMatchObject({ id: imported.id, status: 'scheduled', googleEventId: event.id, meetLink: meetOf(event), calendarLink: event.htmlLink, preferenceId: imported.preferenceId });
    expect(AccessCodeSchema.safeParse(linked.accessCode).success).toBe(true);
    expect(h.store.calendarState().busyBlocks).toEqual([]);
  });

  it('matches such a pending class to the class already adopted at the same time', async () => {
    const start = classStart(2, 20);
    const event = await platformCreates({ start });
    await h.engine.sync();
    const adopted = only();
    const { preview } = await importDocs([platformDoc(event, { status: 'pending', googleEventId: null, htmlLink: null, accessCode: null, classType: 'individual', maxParticipants: 0, classPrice: 15000 })]);
    expect(preview.counts).toEqual({ new: 0, updated: 1, unchanged: 0, invalid: 0 });
    expect(preview.notes.map((n) => n.kind)).toContain('kept-desk-status');
    expect(only()).toMatchObject({ id: adopted.id, status: 'scheduled', googleEventId: event.id, preferenceId: expect.any(String) });
  });
});
