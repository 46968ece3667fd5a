import { describe, expect, it } from 'vitest';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { BookingSchema } from '../../shared/booking';
import { DESK_BOOKING_ID, DESK_MARK } from '../../main/calendar/desk-marker';
import {
  bookingFromPlatformEvent,
  foldText,
  platformPrice,
  recognisePlatformEvent,
  UNKNOWN_STUDENT_EMAIL,
  UNKNOWN_STUDENT_NAME,
} from '../../main/calendar/platform-events';

const ZONE = 'America/Argentina/Buenos_Aires';

/** The event as the platform's createGoogleCalendarEvent makes it, read back from Google (platform-facts.md, seed 000). */
function platformEvent(overrides: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event {
  return {
    kind: 'calendar#event',
    id: '76rgnvdee81tr12trkvd161i1k',
    status: 'confirmed',
    htmlLink: 'https://www.google.com/calendar/event?eid=NzZyZ252ZGVlODF0cjEydHJrdmQxNjFpMWs',
    summary: 'Clase de Inglés',
    description: 'La clase sera individual con x1 participantes',
    creator: { email: 'service-account@project.iam.gserviceaccount.com' },
    organizer: { email: 'admin@hablainglesya.com', self: true },
    start: { dateTime: '2025-10-18T20:00:00-03:00', timeZone: ZONE },
    end: { dateTime: '2025-10-18T21:00:00-03:00', timeZone: ZONE },
    conferenceData: {
      createRequest: { requestId: 'meet-1760474354000', conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'success' } },
      entryPoints: [
        { entryPointType: 'video', uri: 'https://meet.google.com/abc-defg-hij', label: 'meet.google.com/abc-defg-hij' },
        { entryPointType: 'phone', uri: 'tel:+54-11-1234-5678' },
      ],
      conferenceSolution: { key: { type: 'hangoutsMeet' }, name: 'Google Meet' },
    },
    transparency: 'opaque',
    iCalUID: '76rgnvdee81tr12trkvd161i1k@google.com',
    ...overrides,
  };
}

describe('recognising the platform’s class events', () => {
  it('reads the platform’s event: class type, size, times in the desk’s zone, Meet and calendar links', () => {
    expect(recognisePlatformEvent(platformEvent(), ZONE)).toEqual({
      eventId: '76rgnvdee81tr12trkvd161i1k',
      classType: 'individual',
      maxParticipants: 1,
      statedParticipants: 1,
      startTime: '2025-10-18T20:00:00-03:00',
      endTime: '2025-10-18T21:00:00-03:00',
      meetLink: 'https://meet.google.com/abc-defg-hij',
      calendarLink: 'https://www.google.com/calendar/event?eid=NzZyZ252ZGVlODF0cjEydHJrdmQxNjFpMWs',
      summary: 'Clase de Inglés',
      students: [],
    });
  });

  it('writes the times in the desk’s zone whatever offset Google used', () => {
    const found = recognisePlatformEvent(platformEvent({ start: { dateTime: '2025-10-18T23:00:00Z' }, end: { dateTime: '2025-10-19T00:00:00Z' } }), ZONE);
    expect(found).toMatchObject({ startTime: '2025-10-18T20:00:00-03:00', endTime: '2025-10-18T21:00:00-03:00' });
  });

  it.each([
    ['accents, case and spaces', { summary: '  clase de  INGLES ', description: 'La clase  SERÁ grupal con x3 participantes' }, 'grupal', 3],
    ['the desk’s mended wording', { description: 'La clase será individual con 1 participante' }, 'individual', 1],
    ['a trailing period and more text', { summary: 'Clase de Inglés.', description: 'La clase sera grupal con x4 participantes. Traer el libro.' }, 'grupal', 4],
    ['Google Calendar’s HTML', { description: '<p>La clase sera grupal&nbsp;con x2 participantes</p>' }, 'grupal', 2],
    ['the summary the platform stores on its VirtualClass', { summary: 'Clase de Inglés. La clase sera grupal con x5 participantes', description: null }, 'grupal', 5],
  ] as const)('tolerates %s', (_, overrides, classType, size) => {
    expect(recognisePlatformEvent(platformEvent(overrides), ZONE)).toMatchObject({ classType, maxParticipants: size, statedParticipants: size });
  });

  it('keeps the size within the class type’s limits and says what was stated', () => {
    // The platform writes x1 when maxParticipants is 0 or 1; a group class takes 2 to 5.
    expect(recognisePlatformEvent(platformEvent({ description: 'La clase sera grupal con x1 participantes' }), ZONE)).toMatchObject({ maxParticipants: 2, statedParticipants: 1 });
    expect(recognisePlatformEvent(platformEvent({ description: 'La clase sera grupal con x9 participantes' }), ZONE)).toMatchObject({ maxParticipants: 5, statedParticipants: 9 });
    expect(recognisePlatformEvent(platformEvent({ description: 'La clase sera individual con x3 participantes' }), ZONE)).toMatchObject({ maxParticipants: 1, statedParticipants: 3 });
  });

  it.each([
    ['the desk’s own event', { extendedProperties: { private: { [DESK_MARK]: '1', [DESK_BOOKING_ID]: '5b7e2c1a-0000-4000-8000-000000000001' } } }],
    ['a deleted event', { status: 'cancelled' }],
    ['another summary', { summary: 'Clase de francés' }],
    ['a summary that only starts like it', { summary: 'Clase de Inglés avanzado' }],
    ['no description', { description: null }],
    ['another description', { description: 'Repaso de verbos' }],
    ['an unknown class type', { description: 'La clase sera privada con x1 participantes' }],
    ['no count', { description: 'La clase sera grupal con participantes' }],
    ['no Meet link', { conferenceData: null }],
    ['a Meet link still being made', { conferenceData: { createRequest: { requestId: 'meet-1', conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode: 'pending' } } } }],
    ['a video link that is not Meet', { conferenceData: { entryPoints: [{ entryPointType: 'video', uri: 'https://zoom.us/j/123' }] } }],
    ['an all-day event', { start: { date: '2025-10-18' }, end: { date: '2025-10-19' } }],
    ['an end before the start', { end: { dateTime: '2025-10-18T19:00:00-03:00', timeZone: ZONE } }],
    ['no id', { id: null }],
  ] as const)('does not take %s', (_, overrides) => {
    expect(recognisePlatformEvent(platformEvent(overrides as calendar_v3.Schema$Event), ZONE)).toBeNull();
  });

  it('takes the Meet link from hangoutLink when the conference has no entry points', () => {
    const found = recognisePlatformEvent(platformEvent({ conferenceData: undefined, hangoutLink: 'https://meet.google.com/xyz-abcd-efg' }), ZONE);
    expect(found?.meetLink).toBe('https://meet.google.com/xyz-abcd-efg');
  });

  it('finds the students among the attendees: not the organizer, the teacher or a room; named by displayName or the address', () => {
    const found = recognisePlatformEvent(
      platformEvent({
        description: 'La clase sera grupal con x3 participantes',
        attendees: [
          { email: 'admin@hablainglesya.com', organizer: true, self: true, responseStatus: 'accepted' },
          { email: 'sala-2@resource.calendar.google.com', resource: true },
          { email: 'ana.lopez@example.com', displayName: 'Ana López' },
          { email: 'juan_perez@example.com' },
          { email: 'ANA.LOPEZ@example.com' },
          { email: 'not-an-address' },
        ],
      }),
      ZONE,
    );
    expect(found?.students).toEqual([
      { name: 'Ana López', email: 'ana.lopez@example.com' },
      { name: 'juan_perez', email: 'juan_perez@example.com' },
    ]);
  });

  it('folds text for comparison', () => {
    expect(foldText('  Clase de\tINGLÉS  ')).toBe('clase de ingles');
  });
});

describe('the booking an adopted event becomes', () => {
  const made = { id: '3c9f6f0e-8f1e-4c39-9d36-1c5d2b7a9e10', accessCode: 'K7M2Q9PX', nowIso: '2025-10-15T12:00:00.000Z' };

  it('is scheduled, linked by event id, from the calendar, with a placeholder student and the platform’s price', () => {
    const found = recognisePlatformEvent(platformEvent(), ZONE);
    if (!found) throw new Error('not recognised');
    const booking = bookingFromPlatformEvent(found, made);
    expect(BookingSchema.safeParse(booking).success).toBe(true);
    expect(booking).toEqual({
      id: made.id,
      preferenceId: null,
      platformId: null,
      source: 'calendar',
      bookedBy: { name: UNKNOWN_STUDENT_NAME, email: UNKNOWN_STUDENT_EMAIL },
      participants: [],
      startTime: '2025-10-18T20:00:00-03:00',
      endTime: '2025-10-18T21:00:00-03:00',
      classType: 'individual',
      maxParticipants: 1,
      currentParticipants: 1,
      classPrice: 15000,
      learningFocus: null,
      hostType: 'anfitrion',
      status: 'scheduled',
      googleEventId: '76rgnvdee81tr12trkvd161i1k',
      accessCode: 'K7M2Q9PX',
      meetLink: 'https://meet.google.com/abc-defg-hij',
      calendarLink: 'https://www.google.com/calendar/event?eid=NzZyZ252ZGVlODF0cjEydHJrdmQxNjFpMWs',
      summary: 'Clase de Inglés',
      createdAt: made.nowIso,
      updatedAt: made.nowIso,
    });
  });

  it('takes the first student attendee as the one who booked and the others as participants', () => {
    const found = recognisePlatformEvent(
      platformEvent({
        description: 'La clase sera grupal con x3 participantes',
        attendees: [{ email: 'ana@example.com', displayName: 'Ana' }, { email: 'juan@example.com' }, { email: 'sol@example.com' }, { email: 'extra@example.com' }],
      }),
      ZONE,
    );
    if (!found) throw new Error('not recognised');
    const booking = bookingFromPlatformEvent(found, made);
    expect(BookingSchema.safeParse(booking).success).toBe(true);
    expect(booking).toMatchObject({
      bookedBy: { name: 'Ana', email: 'ana@example.com' },
      participants: [
        { name: 'juan', email: 'juan@example.com' },
        { name: 'sol', email: 'sol@example.com' },
      ],
      maxParticipants: 3,
      currentParticipants: 3,
      classPrice: 36000,
    });
  });

  it('prices classes as the platform does', () => {
    expect(platformPrice('individual', 1)).toBe(15000);
    expect([2, 3, 4, 5].map((n) => platformPrice('grupal', n))).toEqual([30000, 36000, 48000, 60000]);
    expect(() => platformPrice('grupal', 6)).toThrow(RangeError);
  });

  it('uses a placeholder address that can never reach anyone', () => {
    expect(UNKNOWN_STUDENT_EMAIL.endsWith('.invalid')).toBe(true);
  });
});
