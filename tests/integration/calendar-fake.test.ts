import { calendar } from 'googleapis/build/src/apis/calendar';
import { describe, expect, it } from 'vitest';
import { CALENDAR_EVENTS_SCOPE, CALENDAR_FREEBUSY_SCOPE } from '../../main/auth/scopes';
import { schemaProblems } from '../fake-google/schema-check';
import { TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';

/** The fake itself: as strict as Google where the desk could get it wrong, and honest to Google's schema. */

let h: CalendarHarness;
useCalendarHarness((harness) => (h = harness));

async function call(method: string, path: string, body?: unknown, token?: string | null) {
  const bearer = token === undefined ? (await h.auth.getAccessToken()).token : token;
  const res = await fetch(`${h.server.origin}/calendar/v3${path}`, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as { error?: { code: number; status: string; errors: { reason: string }[] } } & Record<string, unknown>) : null };
}

const reasonOf = (r: Awaited<ReturnType<typeof call>>) => r.body?.error?.errors[0]?.reason;
const slot = { start: { dateTime: '2026-11-24T17:00:00-03:00' }, end: { dateTime: '2026-11-24T18:00:00-03:00' } };

describe('fake Calendar', () => {
  it('answers 401 in Google’s shape without a valid bearer token', async () => {
    for (const token of [null, 'ya29.not-issued']) {
      const r = await call('GET', '/calendars/primary/events', undefined, token);
      expect(r.status).toBe(401);
      expect(r.body?.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError', domain: 'global', location: 'Authorization', locationType: 'header' }] });
    }
  });

  it('refuses freeBusy to a calendar.events-only grant, like Google', async () => {
    const eventsOnly = h.tokens.issue({ email: TEACHER, scope: CALENDAR_EVENTS_SCOPE, clientId: h.oauth.clientId, refreshToken: null });
    const query = { timeMin: '2026-11-24T17:00:00-03:00', timeMax: '2026-11-24T18:00:00-03:00', items: [{ id: 'primary' }] };
    const refused = await call('POST', '/freeBusy', query, eventsOnly.token);
    expect([refused.status, reasonOf(refused)]).toEqual([403, 'insufficientPermissions']);
    expect((await call('GET', '/calendars/primary/events', undefined, eventsOnly.token)).status).toBe(200);
    const withScope = h.tokens.issue({ email: TEACHER, scope: `${CALENDAR_EVENTS_SCOPE} ${CALENDAR_FREEBUSY_SCOPE}`, clientId: h.oauth.clientId, refreshToken: null });
    expect((await call('POST', '/freeBusy', query, withScope.token)).status).toBe(200);
  });

  it.each([
    ['no end', { start: slot.start }, 400, 'required'],
    ['end before start', { start: slot.end, end: slot.start }, 400, 'timeRangeEmpty'],
    ['a dateTime without offset or timeZone', { start: { dateTime: '2026-11-24T17:00:00' }, end: slot.end }, 400, 'required'],
    ['an unknown timeZone', { start: { dateTime: '2026-11-24T17:00:00', timeZone: 'Mars/Olympus' }, end: slot.end }, 400, 'invalid'],
    ['an id outside base32hex', { ...slot, id: 'tdwxyz12345' }, 400, 'invalid'],
    ['an id shorter than 5', { ...slot, id: 'ab12' }, 400, 'invalid'],
  ])('refuses an event with %s', async (_what, event, status, reason) => {
    const r = await call('POST', '/calendars/primary/events', event);
    expect(r.status).toBe(status);
    expect(reasonOf(r)).toBe(reason);
    expect(h.fake.allEvents(TEACHER)).toHaveLength(0);
  });

  it('reads a dateTime without offset in its timeZone and answers it with the zone’s offset', async () => {
    const r = await call('POST', '/calendars/primary/events', { start: { dateTime: '2026-11-24T17:00:00', timeZone: 'America/Argentina/Buenos_Aires' }, end: { dateTime: '2026-11-24T21:00:00Z' } });
    expect(r.status).toBe(200);
    expect(r.body?.start).toEqual({ dateTime: '2026-11-24T17:00:00-03:00', timeZone: 'America/Argentina/Buenos_Aires' });
  });

  it('keeps used ids, deleted ones too: 409 duplicate, and 410 on a second delete', async () => {
    expect((await call('POST', '/calendars/primary/events', { ...slot, id: 'td00001' })).status).toBe(200);
    const again = await call('POST', '/calendars/primary/events', { ...slot, id: 'td00001' });
    expect([again.status, reasonOf(again)]).toEqual([409, 'duplicate']);
    expect((await call('DELETE', '/calendars/primary/events/td00001')).status).toBe(204);
    expect((await call('GET', '/calendars/primary/events/td00001')).body?.status).toBe('cancelled');
    const twice = await call('DELETE', '/calendars/primary/events/td00001');
    expect([twice.status, reasonOf(twice)]).toEqual([410, 'deleted']);
    expect((await call('POST', '/calendars/primary/events', { ...slot, id: 'td00001' })).status).toBe(409);
  });

  it('creates a conference only with conferenceDataVersion=1', async () => {
    const conferenceData = { createRequest: { requestId: 'r1', conferenceSolutionKey: { type: 'hangoutsMeet' } } };
    const without = await call('POST', '/calendars/primary/events', { ...slot, conferenceData });
    expect(without.body?.conferenceData).toBeUndefined();
    const withIt = await call('POST', '/calendars/primary/events?conferenceDataVersion=1', { ...slot, conferenceData });
    expect(withIt.body?.conferenceData).toMatchObject({ createRequest: { requestId: 'r1', status: { statusCode: 'success' } }, entryPoints: [{ entryPointType: 'video' }] });
  });

  it('refuses filters with a sync token, bad page sizes and bad page tokens', async () => {
    const full = await call('GET', '/calendars/primary/events?showDeleted=true');
    const token = full.body?.nextSyncToken as string;
    expect(token).toBeTruthy();
    for (const extra of ['timeMin=2026-01-01T00:00:00Z', 'timeMax=2026-01-01T00:00:00Z', 'orderBy=updated', 'q=clase']) {
      expect((await call('GET', `/calendars/primary/events?syncToken=${token}&${extra}`)).status).toBe(400);
    }
    expect((await call('GET', `/calendars/primary/events?syncToken=${token}`)).status).toBe(200);
    expect((await call('GET', '/calendars/primary/events?maxResults=0')).status).toBe(400);
    expect((await call('GET', '/calendars/primary/events?orderBy=startTime')).status).toBe(400);
    expect((await call('GET', '/calendars/primary/events?pageToken=nonsense')).status).toBe(400);
    expect((await call('GET', '/calendars/primary/events?timeMin=2026-01-01T00:00:00')).status).toBe(400);
    h.fake.expireSyncTokens();
    const gone = await call('GET', `/calendars/primary/events?syncToken=${token}`);
    expect([gone.status, reasonOf(gone)]).toEqual([410, 'fullSyncRequired']);
  });

  it('serves up to 2,500 events a page, like Google, and refuses a larger page', async () => {
    h.fake.addEvents(
      TEACHER,
      Array.from({ length: 2_600 }, (_, i) => ({ summary: `e${i}`, start: { dateTime: `2026-12-01T${String(i % 24).padStart(2, '0')}:00:00Z` }, end: { dateTime: `2026-12-02T00:00:00Z` } })),
    );
    const byDefault = await call('GET', '/calendars/primary/events');
    expect(byDefault.body?.items).toHaveLength(250);
    const first = await call('GET', '/calendars/primary/events?maxResults=2500');
    expect(first.body?.items).toHaveLength(2_500);
    expect(first.body?.nextPageToken).toBeTruthy();
    const second = await call('GET', `/calendars/primary/events?maxResults=2500&pageToken=${String(first.body?.nextPageToken)}`);
    expect(second.body?.items).toHaveLength(100);
    expect(second.body?.nextSyncToken).toBeTruthy();
    const tooMany = await call('GET', '/calendars/primary/events?maxResults=2501');
    expect([tooMany.status, reasonOf(tooMany)]).toEqual([400, 'invalid']);
  });

  it('answers 404 for calendars the account does not have', async () => {
    expect((await call('GET', '/calendars/someone-else%40example.com/events')).status).toBe(404);
  });

  it('is caught by the schema check when it answers a field of the wrong shape', async () => {
    const created = await call('POST', '/calendars/primary/events', slot);
    h.fake.corruptNextEventAnswer((event) => {
      event.start = { dateTime: 1764014400000 };
      event.meetLink = 'https://meet.google.com/abc-defg-hij';
    });
    await call('GET', `/calendars/primary/events/${String(created.body?.id)}`);
    expect(h.schemaProblems).toEqual(['events.get: Event must NOT have additional properties (meetLink)', 'events.get: Event/start/dateTime must be string,null']);
    h.schemaProblems.length = 0;
    expect(schemaProblems('Event', created.body)).toEqual([]);
  });
});

describe('retries', () => {
  it('googleapis retries a 503 GET by itself by default; the engine turns that off so its policy is the only one', async () => {
    const event = h.fake.addEvent(TEACHER, slot);
    const defaults = calendar({ version: 'v3', auth: h.auth, rootUrl: `${h.server.origin}/` });
    h.fake.failNext('unavailable', { on: 'events.get' });
    await defaults.events.get({ calendarId: 'primary', eventId: event.id! });
    expect(h.fake.count('events.get')).toBe(2);

    h.fake.resetRequests();
    h.fake.failNext('unavailable', { on: 'events.get', times: 3 });
    const oneTry = h.newEngine({ tuning: { retry: { maxTries: 1 } } });
    const booking = await h.addBooking();
    // One try allowed, one request made: gaxios added none of its own (it would have made four).
    expect(await oneTry.heal()).toEqual({ checked: 1, adopted: [], unresolved: [booking.id] });
    expect(h.fake.count('events.get')).toBe(1);
    expect(h.log.lines.some((l) => l.includes('google call gave up'))).toBe(true);
  });

  it('retries a dropped connection and a 500 on reads, and reports OFFLINE when the network stays down', async () => {
    const booking = await h.addBooking();
    h.fake.failNext('drop-after-store', { on: 'events.get' });
    h.fake.failNext('server-error', { on: 'events.get' });
    expect(await h.engine.heal()).toEqual({ checked: 1, adopted: [], unresolved: [] });
    expect(h.fake.requests.map((r) => r.status)).toEqual(['dropped', 500, 404]);

    h.fake.resetRequests();
    h.fake.failNext('drop-after-store', { on: 'events.get', times: 10 });
    await expect(h.engine.heal()).rejects.toMatchObject({ code: 'OFFLINE', message: expect.stringMatching(/internet connection/) });
    expect(h.fake.count('events.get')).toBe(5);
    expect(h.store.get(booking.id)?.status).toBe('pending');
  });
});
