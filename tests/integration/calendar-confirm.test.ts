import { describe, expect, it } from 'vitest';
import { ACCESS_CODE_ALPHABET } from '../../shared/booking';
import { eventIdFor } from '../../main/calendar/event-ids';
import { AppError } from '../../shared/ipc/errors';
import { CONFIGURED_ZONE, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';

let h: CalendarHarness;
useCalendarHarness((harness) => (h = harness));

/** The one event Google holds for a booking, and proof there is only one. */
function onlyEvent(bookingId: string) {
  const events = h.fake.allEvents(TEACHER);
  expect(events).toHaveLength(1);
  const [event] = events;
  expect(event?.id).toBe(eventIdFor(bookingId));
  return event!;
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('confirm', () => {
  it('creates one event with a Meet link, in the configured zone, and saves it all at once', async () => {
    expect(new Date('2026-01-01T00:00:00Z').getTimezoneOffset()).toBe(-540); // the process runs in Tokyo
    const booking = await h.addBooking({ startTime: '2026-11-24T17:00:00-03:00', endTime: '2026-11-24T18:00:00-03:00' });
    const steps: string[] = [];
    const saved = await h.engine.confirm(booking.id, { onProgress: (p) => steps.push(p.step) });

    const event = onlyEvent(booking.id);
    expect(event.start).toEqual({ dateTime: '2026-11-24T17:00:00-03:00', timeZone: CONFIGURED_ZONE });
    expect(event.end).toEqual({ dateTime: '2026-11-24T18:00:00-03:00', timeZone: CONFIGURED_ZONE });
    expect(event.summary).toBe('Clase de Inglés');
    expect(event.description).toBe('La clase será individual con 1 participante');
    expect(event.transparency).toBe('opaque');
    expect(event.attendees?.map((a) => a.email)).toEqual(['lucia@example.com']);
    expect(event.extendedProperties?.private).toMatchObject({ teacherDesk: '1', teacherDeskBookingId: booking.id });

    const meet = event.conferenceData?.entryPoints?.find((e) => e.entryPointType === 'video')?.uri;
    expect(meet).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(saved).toMatchObject({ status: 'scheduled', googleEventId: event.id, meetLink: meet, calendarLink: event.htmlLink });
    expect(saved.accessCode).toMatch(new RegExp(`^[${ACCESS_CODE_ALPHABET}]{8}$`));
    expect(h.store.get(booking.id)).toEqual(saved);
    expect(steps).toEqual(['checking', 'creating', 'saving']);
    // Students are e-mailed only when the teacher asks.
    expect(h.fake.notifications).toEqual([]);
  });

  it('describes group classes in Spanish and e-mails the students when asked to', async () => {
    const booking = await h.addBooking({
      classType: 'grupal',
      maxParticipants: 3,
      currentParticipants: 2,
      participants: [{ email: 'bruno@example.com', name: 'Bruno' }],
    });
    await h.engine.confirm(booking.id, { sendUpdates: 'all' });
    const event = onlyEvent(booking.id);
    expect(event.description).toBe('La clase será grupal con 3 participantes');
    expect(event.attendees?.map((a) => a.email)).toEqual(['lucia@example.com', 'bruno@example.com']);
    expect(event.guestsCanSeeOtherGuests).toBe(false);
    expect(h.fake.notifications).toEqual([{ kind: 'events.insert', eventId: event.id, sendUpdates: 'all' }]);
  });

  it('adopts the event when the answer to the insert is lost (dropped connection)', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('drop-after-store', { on: 'events.insert' });
    const saved = await h.engine.confirm(booking.id);
    const event = onlyEvent(booking.id);
    expect(h.fake.requests.filter((r) => r.kind === 'events.insert').map((r) => r.status)).toEqual(['dropped', 409]);
    expect(saved.meetLink).toBe(event.hangoutLink);
  });

  it('adopts the event when a slow answer times out after the insert landed', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('slow', { on: 'events.insert', delayMs: 3_000 });
    const saved = await h.newEngine({ tuning: { requestTimeoutMs: 300 } }).confirm(booking.id);
    const event = onlyEvent(booking.id);
    expect(saved).toMatchObject({ status: 'scheduled', googleEventId: event.id, meetLink: event.hangoutLink });
  });

  it('retries a 503 and then succeeds', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('unavailable', { on: 'events.insert' });
    await h.engine.confirm(booking.id);
    onlyEvent(booking.id);
    expect(h.fake.count('events.insert')).toBe(2);
    expect(h.sleeps).toHaveLength(1);
  });

  it('rides out a storm of 429s with growing, jittered waits', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('rate-limit', { on: 'events.insert', times: 4 });
    const saved = await h.engine.confirm(booking.id);
    onlyEvent(booking.id);
    expect(saved.status).toBe('scheduled');
    expect(h.fake.count('events.insert')).toBe(5);
    // Full jitter with random() = 0.5: half of 500, 1000, 2000, 4000 ms.
    expect(h.sleeps).toEqual([250, 500, 1000, 2000]);
  });

  it('gives up on a 429 storm longer than the bound with RATE_LIMITED; the class stays pending', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('rate-limit', { on: 'events.insert', times: 50 });
    const error = await rejection(h.engine.confirm(booking.id));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/try again/);
    expect(h.fake.count('events.insert')).toBe(5);
    expect(h.store.get(booking.id)?.status).toBe('pending');
    expect(h.fake.allEvents(TEACHER)).toHaveLength(0);

    h.fake.clearFaults();
    await h.engine.confirm(booking.id);
    onlyEvent(booking.id);
  });

  it.each(['rate-limit-403', 'user-rate-limit-403'] as const)('retries a 403 %s', async (fault) => {
    const booking = await h.addBooking();
    h.fake.failNext(fault, { on: 'events.insert', times: 2 });
    await h.engine.confirm(booking.id);
    onlyEvent(booking.id);
    expect(h.fake.count('events.insert')).toBe(3);
  });

  it('does not retry a 403 forbidden', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('forbidden', { on: 'events.insert' });
    const error = await rejection(h.engine.confirm(booking.id));
    expect(error.code).toBe('GOOGLE_ERROR');
    expect(h.fake.count('events.insert')).toBe(1);
    expect(h.sleeps).toEqual([]);
    expect(h.store.get(booking.id)?.status).toBe('pending');
  });

  it('waits for a conference that stays pending for several reads', async () => {
    h.fake.conference = { pendingReads: 3, outcome: 'success' };
    const booking = await h.addBooking();
    const steps: string[] = [];
    const saved = await h.engine.confirm(booking.id, { onProgress: (p) => steps.push(p.attempt ? `${p.step}#${p.attempt}` : p.step) });
    const event = onlyEvent(booking.id);
    // Three reads still see pending; the fourth sees the link.
    expect(steps).toEqual(['checking', 'creating', 'waiting-for-meet#1', 'waiting-for-meet#2', 'waiting-for-meet#3', 'waiting-for-meet#4', 'saving']);
    expect(h.fake.count('events.get')).toBe(4);
    expect(h.fake.count('events.insert')).toBe(1);
    expect(saved.meetLink).toBe(event.hangoutLink);
    expect(saved.meetLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('reports a conference that is still pending after the bound; confirming again adopts the same event', async () => {
    h.fake.conference = { pendingReads: 20, outcome: 'success' };
    const booking = await h.addBooking();
    const error = await rejection(h.engine.confirm(booking.id));
    expect(error.code).toBe('TIMEOUT');
    expect(h.store.get(booking.id)?.status).toBe('pending');

    // Eight reads were used up; the conference needs twelve more before it is ready.
    const saved = await h.newEngine({ tuning: { meetPolls: 20 } }).confirm(booking.id);
    const event = onlyEvent(booking.id);
    expect(saved.meetLink).toBe(event.hangoutLink);
    expect(h.fake.count('events.insert')).toBe(2);
    expect(h.fake.count('events.patch')).toBe(0);
  });

  it('asks for a new conference with a new requestId after a failure', async () => {
    h.fake.conference = { pendingReads: 1, outcome: 'failure' };
    const booking = await h.addBooking();
    const error = await rejection(h.engine.confirm(booking.id));
    expect(error.code).toBe('GOOGLE_ERROR');
    expect(error.message).toMatch(/Confirm again/);
    const failed = h.fake.peek(TEACHER, eventIdFor(booking.id));
    expect(failed?.conferenceData?.createRequest?.status?.statusCode).toBe('failure');

    h.fake.conference = { pendingReads: 1, outcome: 'success' };
    const saved = await h.engine.confirm(booking.id);
    const event = onlyEvent(booking.id);
    expect(event.conferenceData?.createRequest?.requestId).not.toBe(failed?.conferenceData?.createRequest?.requestId);
    expect(saved.meetLink).toBe(event.hangoutLink);
    expect(h.fake.count('events.patch')).toBe(1);
  });

  it('refuses clearly when the derived id belongs to an event deleted in Google Calendar', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('drop-after-store', { on: 'events.insert' });
    h.fake.failNext('unavailable', { on: 'events.insert', times: 5 });
    await rejection(h.engine.confirm(booking.id));
    h.fake.deleteEvent(TEACHER, eventIdFor(booking.id));
    h.fake.clearFaults();

    const error = await rejection(h.engine.confirm(booking.id));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/deleted in Google Calendar/);
    expect(h.fake.allEvents(TEACHER)).toHaveLength(1);
    expect(h.store.get(booking.id)?.status).toBe('pending');
  });

  it('refuses to confirm a class twice, before calling Google', async () => {
    const booking = await h.addBooking();
    await h.engine.confirm(booking.id);
    h.fake.resetRequests();
    const error = await rejection(h.engine.confirm(booking.id));
    expect(error.code).toBe('TRANSITION_REFUSED');
    expect(h.fake.count()).toBe(0);
  });

  it('two clicks on Confirm make one event', async () => {
    const booking = await h.addBooking();
    const [a, b] = await Promise.allSettled([h.engine.confirm(booking.id), h.engine.confirm(booking.id)]);
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    onlyEvent(booking.id);
  });

  it('passes on at once an AppError the account’s client raises instead of sending (dead session)', async () => {
    const booking = await h.addBooking();
    h.auth.transporter.interceptors.request.add({
      resolved: () => {
        throw new AppError('NEEDS_RECONNECT', 'Reconnect your Google account.');
      },
    });
    const error = await rejection(h.engine.confirm(booking.id));
    expect(error).toMatchObject({ code: 'NEEDS_RECONNECT', message: 'Reconnect your Google account.' });
    expect(h.sleeps).toEqual([]);
    expect(h.fake.count()).toBe(0);
  });

  it('asks to reconnect when Google refuses even a token it just issued (401 after the refresh)', async () => {
    const booking = await h.addBooking();
    const untap = h.fake.tap((_req, kind) => {
      if (kind === 'events.insert') h.tokens.expireAll();
    });
    const error = await rejection(h.engine.confirm(booking.id));
    untap();
    expect(error.code).toBe('NEEDS_RECONNECT');
    expect(h.refreshes()).toBe(1);
    expect(h.invalidGrantCalls).toBe(1);
    expect(h.fake.requests.map((r) => r.status)).toEqual([401, 401]);
    expect(h.store.get(booking.id)?.status).toBe('pending');
  });

  it('refreshes an expired access token once on 401', async () => {
    const booking = await h.addBooking();
    h.tokens.expireAll();
    await h.engine.confirm(booking.id);
    onlyEvent(booking.id);
    expect(h.refreshes()).toBe(1);
    expect(h.fake.requests.filter((r) => r.kind === 'events.insert').map((r) => r.status)).toEqual([401, 200]);
  });
});
