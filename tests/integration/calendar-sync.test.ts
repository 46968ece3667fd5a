import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { eventIdFor } from '../../main/calendar/event-ids';
import type { BookingStore } from '../../main/store/booking-store';
import { classStart, CONFIGURED_ZONE, plusHours, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';
import { crashingStore } from './support/calendar-crashing-store';

let h: CalendarHarness;
useCalendarHarness((harness) => (h = harness));

/** Events the teacher made in Google Calendar: `count` one-hour slots from tomorrow on. */
function foreignEvents(count: number, calendarId = TEACHER): calendar_v3.Schema$Event[] {
  const events = Array.from({ length: count }, (_, i) => {
    const start = plusHours(classStart(1, 8), i);
    return { summary: `Dentista ${i}`, start: { dateTime: start, timeZone: CONFIGURED_ZONE }, end: { dateTime: plusHours(start, 1), timeZone: CONFIGURED_ZONE } };
  });
  h.fake.addEvents(calendarId, events);
  return events;
}

function countingMutates(store: BookingStore): { store: BookingStore; count: () => number } {
  let n = 0;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'mutate') return (fn: Parameters<BookingStore['mutate']>[0]) => (n++, target.mutate(fn));
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
  return { store: proxy, count: () => n };
}

const listRequests = () => h.fake.requests.filter((r) => r.kind === 'events.list');

/** Every file in the store's directory with its bytes and modification time. */
async function dataFiles(): Promise<Record<string, { bytes: string; mtimeMs: number }>> {
  const dir = dirname(h.store.filePath);
  const out: Record<string, { bytes: string; mtimeMs: number }> = {};
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    out[name] = { bytes: (await readFile(path)).toString('base64'), mtimeMs: (await stat(path)).mtimeMs };
  }
  return out;
}

describe('sync', () => {
  it('does a full sync in pages of 2,500 (Google’s maximum), one request per page', async () => {
    foreignEvents(2_600);
    const summary = await h.engine.sync();
    expect(summary).toEqual({ mode: 'full', pages: 2, changed: 2_600, requests: 2 });
    const [first, second] = listRequests();
    expect(first?.query).toMatchObject({ showDeleted: 'true', singleEvents: 'true', maxResults: '2500' });
    expect(second?.query.pageToken).toBeTruthy();
    expect(h.store.calendarState().busyBlocks).toHaveLength(2_600);
  });

  it('writes once per page that changes something, and saves the token with the last page', async () => {
    foreignEvents(600);
    const counted = countingMutates(h.store);
    const summary = await h.newEngine({ store: counted.store, tuning: { pageSize: 250 } }).sync();
    expect(summary).toEqual({ mode: 'full', pages: 3, changed: 600, requests: 3 });
    // One write to start the calendar's state, then one per page.
    expect(counted.count()).toBe(4);

    const [first, second] = listRequests();
    expect(first?.query).toMatchObject({ showDeleted: 'true', singleEvents: 'true', maxResults: '250' });
    expect(Date.now() - Date.parse(first?.query.timeMin ?? '')).toBeGreaterThan(29 * 86_400_000);
    expect(first?.query.timeMin).toMatch(/-03:00$/);
    expect(second?.query.pageToken).toBeTruthy();

    const state = h.store.calendarState();
    expect(state.calendarId).toBe('primary');
    expect(state.syncToken).toBeTruthy();
    expect(state.lastSyncedAt).toBeTruthy();
    expect(state.busyBlocks).toHaveLength(600);
    expect(state.busyBlocks[0]?.startTime).toMatch(/T08:00:00-03:00$/);
  });

  it('writes nothing when a sync changes nothing: not the file’s bytes, not its time', async () => {
    foreignEvents(300);
    const engine = h.newEngine({ tuning: { pageSize: 250 } });
    await engine.sync();
    const before = await dataFiles();
    const syncedBefore = h.store.calendarState().lastSyncedAt;
    const counted = countingMutates(h.store);
    const quiet = h.newEngine({ store: counted.store, tuning: { pageSize: 250 } });
    await new Promise((resolve) => setTimeout(resolve, 20));

    // Incremental, nothing new: one request, no write; the sync time moves on in the store's memory.
    h.fake.resetRequests();
    expect(await engine.sync()).toEqual({ mode: 'incremental', pages: 1, changed: 0, requests: 1 });
    expect(Date.parse(h.store.calendarState().lastSyncedAt ?? '')).toBeGreaterThan(Date.parse(syncedBefore ?? ''));
    // A full sync of a calendar the store already mirrors (a 410, a restart without token): pages come, nothing is written.
    expect(await quiet.sync()).toMatchObject({ mode: 'incremental', changed: 0 });
    h.fake.expireSyncTokens();
    expect(await quiet.sync()).toMatchObject({ mode: 'full', pages: 2, changed: 0 });
    // Only each sync's last page reaches the store, with its token and time, and the store writes nothing for those alone.
    expect(counted.count()).toBe(2);
    expect(await dataFiles()).toEqual(before);
    const token = h.store.calendarState().syncToken;
    expect(token).toBeTruthy();
    // The next sync starts from the token the store kept in memory: incremental, one request.
    h.fake.resetRequests();
    expect(await quiet.sync()).toEqual({ mode: 'incremental', pages: 1, changed: 0, requests: 1 });
    expect(listRequests()[0]?.query.syncToken).toBe(token);
    expect(await dataFiles()).toEqual(before);

    // A page that changes one thing is written; the token written with it is the newest.
    h.fake.editEvent(TEACHER, h.fake.allEvents(TEACHER)[0]!.id!, { transparency: 'transparent' });
    expect(await quiet.sync()).toMatchObject({ mode: 'incremental', changed: 1 });
    expect(counted.count()).toBe(4);
    expect(h.store.calendarState().busyBlocks).toHaveLength(299);
  });

  it('resumes with only the sync token: no timeMin, timeMax, orderBy or q', async () => {
    foreignEvents(3);
    await h.engine.sync();
    const token = h.store.calendarState().syncToken;
    h.fake.resetRequests();
    const summary = await h.engine.sync();
    expect(summary).toEqual({ mode: 'incremental', pages: 1, changed: 0, requests: 1 });
    const [request] = listRequests();
    expect(request?.query.syncToken).toBe(token);
    expect(Object.keys(request?.query ?? {}).sort()).toEqual(['maxResults', 'showDeleted', 'singleEvents', 'syncToken']);
  });

  it('pages an incremental sync with many changes', async () => {
    const engine = h.newEngine({ tuning: { pageSize: 250 } });
    foreignEvents(10);
    await engine.sync();
    foreignEvents(300);
    const summary = await engine.sync();
    expect(summary).toMatchObject({ mode: 'incremental', pages: 2, changed: 300 });
    expect(listRequests().at(-1)?.query).toMatchObject({ pageToken: expect.any(String), syncToken: expect.any(String) });
    expect(h.store.calendarState().busyBlocks).toHaveLength(310);
  });

  it('recovers from 410 by dropping the token and syncing in full', async () => {
    foreignEvents(5);
    await h.engine.sync();
    const oldToken = h.store.calendarState().syncToken;
    h.fake.expireSyncTokens();
    h.fake.resetRequests();
    const summary = await h.engine.sync();
    expect(summary).toMatchObject({ mode: 'full', pages: 1, requests: 2 });
    expect(listRequests().map((r) => r.status)).toEqual([410, 200]);
    expect(listRequests()[1]?.query.timeMin).toBeTruthy();
    expect(h.store.calendarState().busyBlocks).toHaveLength(5);
    // The full sync changed nothing, so nothing was written; the next sync goes on with the new token, kept in memory.
    expect((await h.engine.sync()).mode).toBe('incremental');
    expect(listRequests().at(-1)?.query.syncToken).not.toBe(oldToken);
  });

  it('reflects changes made in Google Calendar: moved and deleted classes, foreign events as busy blocks', async () => {
    const moved = await h.engine.confirm((await h.addBooking({ startTime: classStart(3) })).id);
    const deleted = await h.engine.confirm((await h.addBooking({ startTime: classStart(4) })).id);
    const held = await h.engine.confirm((await h.addBooking({ startTime: classStart(5) })).id);
    await h.engine.complete(held.id);
    const [dentist, gym] = foreignEvents(2).map((_, i) => h.fake.allEvents(TEACHER).filter((e) => e.summary?.startsWith('Dentista'))[i]!);
    await h.engine.sync();
    expect(h.store.calendarState().busyBlocks.map((b) => b.eventId).sort()).toEqual([dentist!.id, gym!.id].sort());

    // The teacher works in Google Calendar.
    const newStart = classStart(6, 19);
    h.fake.editEvent(TEACHER, moved.googleEventId!, { start: { dateTime: newStart, timeZone: CONFIGURED_ZONE }, end: { dateTime: plusHours(newStart, 1), timeZone: CONFIGURED_ZONE } });
    h.fake.deleteEvent(TEACHER, deleted.googleEventId!);
    h.fake.deleteEvent(TEACHER, held.googleEventId!);
    h.fake.deleteEvent(TEACHER, dentist!.id!);
    h.fake.editEvent(TEACHER, gym!.id!, { transparency: 'transparent' });
    const lunch = h.fake.addEvent(TEACHER, { summary: 'Almuerzo', start: { dateTime: '2026-12-01T12:00:00-03:00' }, end: { dateTime: '2026-12-01T13:00:00-03:00' } });
    const allDay = h.fake.addEvent(TEACHER, { summary: 'Feriado', start: { date: '2026-12-08' }, end: { date: '2026-12-09' } });

    const summary = await h.engine.sync();
    expect(summary).toMatchObject({ mode: 'incremental', changed: 6 });
    expect(h.store.get(moved.id)).toMatchObject({ status: 'scheduled', startTime: newStart, endTime: plusHours(newStart, 1), meetLink: moved.meetLink });
    expect(h.store.get(deleted.id)?.status).toBe('cancelled');
    // A held class stays completed even if its event is deleted afterwards.
    expect(h.store.get(held.id)?.status).toBe('completed');
    expect(h.log.lines.some((l) => l.includes('keeps its status here'))).toBe(true);
    expect(h.store.calendarState().busyBlocks).toEqual([
      { eventId: lunch.id, startTime: '2026-12-01T12:00:00-03:00', endTime: '2026-12-01T13:00:00-03:00' },
      { eventId: allDay.id, startTime: '2026-12-08T00:00:00-03:00', endTime: '2026-12-09T00:00:00-03:00' },
    ]);
  });

  it('does not count the desk’s own event of a cut-short confirm as busy time', async () => {
    const booking = await h.addBooking();
    await expect(h.newEngine({ store: crashingStore(h.store) }).confirm(booking.id)).rejects.toThrow('simulated crash');
    await h.engine.sync();
    expect(h.store.calendarState().busyBlocks).toEqual([]);
    expect(h.fake.peek(TEACHER, eventIdFor(booking.id))).toBeDefined();
  });

  it('starts afresh when the calendar in settings changes', async () => {
    foreignEvents(4);
    await h.engine.sync();
    const other = 'clases@group.calendar.google.com';
    h.fake.addCalendar(other);
    foreignEvents(2, other);
    h.settings.calendarId = other;
    h.fake.resetRequests();
    const summary = await h.engine.sync();
    expect(summary).toMatchObject({ mode: 'full', pages: 1, changed: 2 });
    expect(listRequests()[0]?.path).toBe(`/calendar/v3/calendars/${encodeURIComponent(other)}/events`);
    expect(listRequests()[0]?.query.syncToken).toBeUndefined();
    const state = h.store.calendarState();
    expect(state.calendarId).toBe(other);
    expect(state.busyBlocks).toHaveLength(2);
  });

  it('shares one run between concurrent calls', async () => {
    foreignEvents(3);
    const [a, b] = await Promise.all([h.engine.sync(), h.engine.sync()]);
    expect(a).toBe(b);
    expect(h.fake.count('events.list')).toBe(1);
  });

  it('stops with NEEDS_RECONNECT when the grant is revoked mid-sync, keeping what was saved', async () => {
    const booking = await h.engine.confirm((await h.addBooking()).id);
    foreignEvents(600);
    const untap = h.fake.tap((req, kind) => {
      if (kind === 'events.list' && req.url.searchParams.has('pageToken')) h.oauth.revokeAll();
    });
    // Pages of 250, so page one is on disk when the grant goes.
    await expect(h.newEngine({ tuning: { pageSize: 250 } }).sync()).rejects.toMatchObject({ code: 'NEEDS_RECONNECT', message: expect.stringMatching(/Reconnect/) });
    untap();
    expect(h.invalidGrantCalls).toBe(1);
    // The refresh was tried once and refused; nothing was retried after.
    expect(h.oauth.tokenRequests.filter((r) => r.grantType === 'refresh_token')).toEqual([{ grantType: 'refresh_token', status: 400, error: 'invalid_grant' }]);
    expect(listRequests().map((r) => r.status)).toEqual([200, 401]);

    // The first page stays, the token was not saved, the class is untouched: on disk too.
    const store = await h.reopenStore();
    expect(store.notices).toEqual([]);
    expect(store.calendarState()).toMatchObject({ syncToken: null, calendarId: 'primary' });
    // Page one held the class's own event and 249 of the teacher's.
    expect(store.calendarState().busyBlocks).toHaveLength(249);
    expect(store.get(booking.id)).toEqual(booking);
  });
});
