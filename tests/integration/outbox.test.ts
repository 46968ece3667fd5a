import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import type { Booking } from '../../shared/booking';
import type { SyncStatus } from '../../shared/ipc/contract';
import { OutboxFileSchema, type OutboxFile } from '../../shared/outbox';
import type { CalendarEngine } from '../../main/calendar/calendar-engine';
import { createSyncService, type SyncService } from '../../main/calendar/sync-service';
import { systemClock } from '../../main/clock';
import { createOutbox, emptyOutbox, OUTBOX_FILE, type Outbox } from '../../main/outbox/outbox';
import { openJsonFile, type JsonFile } from '../../main/small-store/json-file';
import type { BookingStore } from '../../main/store/booking-store';
import { crashingStore } from './support/calendar-crashing-store';
import { classStart, CONFIGURED_ZONE, plusHours, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';

/**
 * The outbox against the fake Google over real HTTP, wired as main/core.ts
 * wires it: engine, sync service (its offline poll drains the outbox once
 * Google answers) and the outbox file in the data directory. "Google down"
 * is the fake's hang fault with short limits; "restart" opens the store and
 * the outbox file again with a new engine, sync and outbox.
 */

interface App {
  engine: CalendarEngine;
  sync: SyncService;
  outbox: Outbox;
  statuses: SyncStatus[];
  stop(): void;
}

let h: CalendarHarness;
let app: App;

async function openApp(faults: { engineStore?: (s: BookingStore) => BookingStore; file?: (f: JsonFile<OutboxFile>) => JsonFile<OutboxFile>; autoDrain?: boolean } = {}): Promise<App> {
  const engine = h.newEngine({ store: faults.engineStore ? faults.engineStore(h.store) : h.store, tuning: { requestTimeoutMs: 1_000, callBudgetMs: 2_000 } });
  const statuses: SyncStatus[] = [];
  const opened = await openJsonFile({ dataDir: dirname(h.store.filePath), name: OUTBOX_FILE, schema: OutboxFileSchema, empty: emptyOutbox, log: h.log });
  const file = faults.file ? faults.file(opened) : opened;
  // eslint-disable-next-line prefer-const -- the sync service and the outbox refer to each other, as in core.ts
  let outbox: Outbox;
  const sync = createSyncService({
    engine,
    isConnected: () => true,
    lastSyncedAt: () => h.store.calendarState().lastSyncedAt,
    onStatus: (status) => {
      statuses.push(status);
      if (faults.autoDrain !== false && status.state === 'idle' && outbox.list().length > 0) void outbox.drain();
    },
    log: h.log,
    offlineRetryMs: 150,
    // A send that met a slow answer on this loaded machine waits for the next poll: keep polls short here.
    intervalMs: 300,
  });
  outbox = createOutbox({ file, engine, store: h.store, isOffline: () => sync.status().state === 'offline', clock: systemClock, log: h.log, onChange: () => undefined });
  return { engine, sync, outbox, statuses, stop: () => sync.stop() };
}

async function until(what: string, check: () => boolean, withinMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not ${what} within ${withinMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function goOffline(): Promise<void> {
  h.server.hang();
  expect((await app.sync.syncNow()).state).toBe('offline');
}

async function comeBack(): Promise<void> {
  h.server.answer();
  app.sync.start();
  await until('sent', () => app.outbox.list().every((a) => a.state !== 'waiting'));
}

/** Google's writes, in the order they arrived. */
const writes = () => h.fake.requests.filter((r) => ['events.insert', 'events.patch', 'events.delete'].includes(r.kind)).map((r) => `${r.kind} ${r.path.split('/').pop()}`);

const meetOf = (e: calendar_v3.Schema$Event | undefined) => e?.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;

useCalendarHarness((harness) => (h = harness));
// After the harness's own hooks start it; before they check the fake's schema and close it.
beforeEach(async () => {
  app = await openApp();
  app.sync.start();
  await until('synced', () => app.statuses.at(-1)?.state === 'idle');
});
afterEach(async () => {
  app.stop();
  h.server.answer();
});

async function scheduled(days: number): Promise<Booking> {
  const b = await h.addBooking({ startTime: classStart(days), endTime: plusHours(classStart(days), 1) });
  return app.engine.confirm(b.id);
}

describe('the outbox', () => {
  it('keeps confirm, reschedule, cancel and complete through a restart and sends each once, in order, when Google answers', async () => {
    const pending = await h.addBooking({ startTime: classStart(2), endTime: plusHours(classStart(2), 1) });
    const toMove = await scheduled(3);
    const toCancel = await scheduled(4);
    const toComplete = await scheduled(5);
    await goOffline();

    const moveTo = { startTime: classStart(6, 9), endTime: plusHours(classStart(6, 9), 1) };
    const pendingMoveTo = { startTime: classStart(7, 10), endTime: plusHours(classStart(7, 10), 1) };
    const seen = h.server.requestLog.length;
    await app.outbox.submit({ kind: 'confirm', bookingId: pending.id });
    await app.outbox.submit({ kind: 'reschedule', bookingId: pending.id, slot: pendingMoveTo });
    await app.outbox.submit({ kind: 'reschedule', bookingId: toMove.id, slot: moveTo });
    await app.outbox.submit({ kind: 'cancel', bookingId: toCancel.id });
    await app.outbox.submit({ kind: 'complete', bookingId: toComplete.id });
    // Accepted at once: Google was not even tried (the last sync said offline).
    expect(h.server.requestLog.length).toBe(seen);
    // A second confirm of the same class is refused: it is already on its way.
    await expect(app.outbox.submit({ kind: 'confirm', bookingId: pending.id })).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
    expect(app.outbox.list().map((a) => [a.kind, a.state])).toEqual([
      ['confirm', 'waiting'],
      ['reschedule', 'waiting'],
      ['reschedule', 'waiting'],
      ['cancel', 'waiting'],
      ['complete', 'waiting'],
    ]);
    expect(h.store.get(pending.id)?.status).toBe('pending');

    // Restart: a new app on the same data directory finds every action.
    app.stop();
    await h.reopenStore();
    app = await openApp();
    expect(app.outbox.list()).toHaveLength(5);

    h.fake.resetRequests();
    await comeBack();
    expect(app.outbox.list()).toEqual([]);
    const confirmedId = h.store.get(pending.id)?.googleEventId as string;
    expect(writes()).toEqual([
      `events.insert events`,
      `events.patch ${confirmedId}`,
      `events.patch ${toMove.googleEventId}`,
      `events.delete ${toCancel.googleEventId}`,
      `events.patch ${toComplete.googleEventId}`,
    ]);
    const confirmed = h.store.get(pending.id);
    expect(confirmed).toMatchObject({ status: 'scheduled', meetLink: meetOf(h.fake.peek(TEACHER, confirmedId)) });
    expect(Date.parse(confirmed?.startTime ?? '')).toBe(Date.parse(pendingMoveTo.startTime));
    expect(h.fake.peek(TEACHER, confirmedId)?.start?.dateTime).toBe(pendingMoveTo.startTime);
    expect(Date.parse(h.store.get(toMove.id)?.startTime ?? '')).toBe(Date.parse(moveTo.startTime));
    expect(h.store.get(toCancel.id)?.status).toBe('cancelled');
    expect(h.fake.peek(TEACHER, toCancel.googleEventId as string)?.status).toBe('cancelled');
    expect(h.store.get(toComplete.id)?.status).toBe('completed');

    // Exactly once: more syncs send nothing more.
    h.fake.resetRequests();
    await app.sync.syncNow();
    await app.outbox.drain();
    expect(writes()).toEqual([]);
  });

  it('a confirm whose slot became busy meanwhile stops and shows both sides; "send anyway" sends it', async () => {
    const booking = await h.addBooking();
    await goOffline();
    await app.outbox.submit({ kind: 'confirm', bookingId: booking.id });
    h.fake.addEvent(TEACHER, { summary: 'Dentista', start: { dateTime: booking.startTime, timeZone: CONFIGURED_ZONE }, end: { dateTime: booking.endTime, timeZone: CONFIGURED_ZONE } });
    h.fake.resetRequests();
    await comeBack();
    const [stopped] = app.outbox.list();
    expect(stopped).toMatchObject({ state: 'conflict', conflict: { reason: 'slot-busy', canSendAnyway: true, asked: { status: 'scheduled' }, now: { status: 'pending' } } });
    expect(stopped?.conflict?.now.busy).toHaveLength(1);
    expect(h.fake.count('events.insert')).toBe(0);
    expect(h.store.get(booking.id)?.status).toBe('pending');

    await app.outbox.sendAnyway(stopped?.id as string);
    await until('sent', () => app.outbox.list().length === 0);
    expect(h.store.get(booking.id)?.status).toBe('scheduled');
    expect(h.fake.count('events.insert')).toBe(1);
  });

  it('a reschedule whose event was deleted in Google Calendar meanwhile stops and asks; nothing is patched', async () => {
    const booking = await scheduled(3);
    await goOffline();
    await app.outbox.submit({ kind: 'reschedule', bookingId: booking.id, slot: { startTime: classStart(5), endTime: plusHours(classStart(5), 1) } });
    h.fake.deleteEvent(TEACHER, booking.googleEventId as string);
    h.fake.resetRequests();
    await comeBack();
    const [stopped] = app.outbox.list();
    expect(stopped?.state).toBe('conflict');
    expect(stopped?.conflict?.canSendAnyway).toBe(false);
    expect(stopped?.conflict?.asked.startTime).toBe(classStart(5));
    expect(h.fake.count('events.patch')).toBe(0);
    await expect(app.outbox.sendAnyway(stopped?.id as string)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a reschedule whose event was moved in Google Calendar meanwhile stops and shows where it is now', async () => {
    const booking = await scheduled(3);
    await goOffline();
    const asked = { startTime: classStart(5), endTime: plusHours(classStart(5), 1) };
    await app.outbox.submit({ kind: 'reschedule', bookingId: booking.id, slot: asked });
    const movedTo = classStart(4, 11);
    h.fake.editEvent(TEACHER, booking.googleEventId as string, { start: { dateTime: movedTo, timeZone: CONFIGURED_ZONE }, end: { dateTime: plusHours(movedTo, 1), timeZone: CONFIGURED_ZONE } });
    h.fake.resetRequests();
    await comeBack();
    const [stopped] = app.outbox.list();
    expect(stopped).toMatchObject({ state: 'conflict', conflict: { reason: 'event-moved', canSendAnyway: true, asked: { startTime: asked.startTime } } });
    expect(Date.parse(stopped?.conflict?.now.startTime ?? '')).toBe(Date.parse(movedTo));
    expect(h.fake.count('events.patch')).toBe(0);
  });

  it('a confirm of a class a newer import cancelled meanwhile stops and asks', async () => {
    const booking = await h.addBooking();
    await goOffline();
    await app.outbox.submit({ kind: 'confirm', bookingId: booking.id });
    await h.store.mutate((d) => {
      const i = d.bookings.findIndex((b) => b.id === booking.id);
      d.bookings[i] = { ...(d.bookings[i] as Booking), status: 'cancelled' };
    });
    h.fake.resetRequests();
    await comeBack();
    expect(app.outbox.list()[0]).toMatchObject({ state: 'conflict', conflict: { reason: 'class-changed', now: { status: 'cancelled' }, asked: { status: 'scheduled' } } });
    expect(h.fake.count('events.insert')).toBe(0);
  });

  it('a confirm of a class a newer import moved stops and asks; sent anyway, it is confirmed at the new time', async () => {
    const booking = await h.addBooking();
    await goOffline();
    await app.outbox.submit({ kind: 'confirm', bookingId: booking.id });
    const moved = { startTime: classStart(4, 12), endTime: plusHours(classStart(4, 12), 1) };
    await h.store.mutate((d) => {
      const i = d.bookings.findIndex((b) => b.id === booking.id);
      d.bookings[i] = { ...(d.bookings[i] as Booking), ...moved };
    });
    await comeBack();
    const [stopped] = app.outbox.list();
    expect(stopped).toMatchObject({ state: 'conflict', conflict: { reason: 'class-changed', canSendAnyway: true, asked: { startTime: booking.startTime }, now: { startTime: moved.startTime } } });
    expect(h.fake.count('events.insert')).toBe(0);
    await app.outbox.sendAnyway(stopped?.id as string);
    await until('sent', () => app.outbox.list().length === 0);
    const confirmed = h.store.get(booking.id);
    expect(confirmed?.status).toBe('scheduled');
    expect(h.fake.peek(TEACHER, confirmed?.googleEventId as string)?.start?.dateTime).toBe(moved.startTime);
  });

  it('a withdrawn action sends nothing', async () => {
    const booking = await h.addBooking();
    await goOffline();
    await app.outbox.submit({ kind: 'confirm', bookingId: booking.id });
    const [waiting] = app.outbox.list();
    expect(await app.outbox.withdraw(waiting?.id as string)).toEqual([]);
    h.fake.resetRequests();
    h.server.answer();
    await app.sync.syncNow();
    await app.outbox.drain();
    expect(writes()).toEqual([]);
    expect(h.store.get(booking.id)?.status).toBe('pending');
    await expect(app.outbox.withdraw(waiting?.id as string)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('online, an action is sent at once; when Google turns out to be away it is kept instead of failing', async () => {
    const now = await h.addBooking();
    expect((await app.outbox.submit({ kind: 'confirm', bookingId: now.id })).status).toBe('scheduled');
    const later = await h.addBooking({ startTime: classStart(3), endTime: plusHours(classStart(3), 1) });
    h.server.hang();
    expect((await app.outbox.submit({ kind: 'confirm', bookingId: later.id })).status).toBe('pending');
    expect(app.outbox.list()).toMatchObject([{ kind: 'confirm', bookingId: later.id, state: 'waiting' }]);
  });

  it('a send cut short (Google took it, the desk did not save) is finished once after a restart, never twice', async () => {
    const first = await h.addBooking();
    const second = await h.addBooking({ startTime: classStart(3), endTime: plusHours(classStart(3), 1) });
    await goOffline();
    await app.outbox.submit({ kind: 'confirm', bookingId: first.id });
    await app.outbox.submit({ kind: 'confirm', bookingId: second.id });
    app.stop();
    h.server.answer();

    // Restart 1: the first confirm reaches Google, then the app dies before saving the class.
    app = await openApp({ autoDrain: false });
    await app.sync.syncNow();
    app.stop();
    app = await openApp({ autoDrain: false, engineStore: (s) => crashingStore(s, 1) });
    await app.outbox.drain();
    expect(h.fake.liveEvents(TEACHER)).toHaveLength(1);
    expect(h.store.get(first.id)?.status).toBe('pending');
    expect(app.outbox.list()).toHaveLength(2);
    app.stop();

    // Restart 2: the first is finished on the same event; the second is saved, then the app dies before the outbox save.
    app = await openApp({
      autoDrain: false,
      file: (f) => ({
        path: f.path,
        get: () => f.get(),
        update: (fn) =>
          f.update((current) => {
            const next = fn(current);
            if (current.actions.some((a) => a.bookingId === second.id) && !next.actions.some((a) => a.bookingId === second.id)) throw new Error('simulated crash before the outbox save');
            return next;
          }),
      }),
    });
    await app.outbox.drain();
    expect(h.store.get(first.id)?.status).toBe('scheduled');
    expect(h.store.get(second.id)?.status).toBe('scheduled');
    expect(app.outbox.list().map((a) => a.bookingId)).toEqual([second.id]);
    app.stop();

    // Restart 3: what is left is seen as done; Google is not asked again.
    h.fake.resetRequests();
    app = await openApp({ autoDrain: false });
    await app.outbox.drain();
    expect(app.outbox.list()).toEqual([]);
    expect(writes()).toEqual([]);
    expect(h.fake.liveEvents(TEACHER)).toHaveLength(2);
  });
});
