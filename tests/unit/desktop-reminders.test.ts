import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import type { Settings } from '../../shared/settings';
import type { EventName } from '../../shared/ipc/contract';
import { bookingsAroundNow, createDesktopService, type DesktopView, type Timers } from '../../main/desktop/desktop-service';
import { guardPlatform } from '../../main/desktop/external-url';
import { fileTextStorage, memoryTextStorage, openReminderLog, reminderKey, reminderPlan, type Reminder, type TextStorage } from '../../main/desktop/reminders';
import { memoryLogger, silentLogger } from '../../main/logger';
import type { Dispatch } from '../../main/ipc/dispatch';
import { aScheduledClass } from '../support/booking-fixture';

const BA = 'America/Argentina/Buenos_Aires';

const at = (local: string) => new Date(`${local}-03:00`);
const settings = { reminderMinutes: 10, timeZone: BA };
const none = new Set<string>();

describe('reminderPlan', () => {
  const ana = aScheduledClass('2026-11-24T17:00:00-03:00', '2026-11-24T18:00:00-03:00', { bookedBy: { name: 'Ana', email: 'ana@example.com' } });

  it('is due from N minutes before the class, and says when the next one comes before that', () => {
    expect(reminderPlan([ana], at('2026-11-24T16:49:00'), settings, none)).toEqual({ due: [], nextAt: at('2026-11-24T16:50:00') });
    const plan = reminderPlan([ana], at('2026-11-24T16:50:00'), settings, none);
    expect(plan.due).toHaveLength(1);
    expect(plan.due[0]).toMatchObject({ bookingId: ana.id, time: '17:00', student: 'Ana', meetLink: ana.meetLink, minutesUntilStart: 10, key: reminderKey(ana) });
    expect(plan.nextAt).toBeNull();
  });

  it('catches up on a class starting now: 3 minutes before, or up to N minutes into it', () => {
    expect(reminderPlan([ana], at('2026-11-24T16:57:00'), settings, none).due[0]?.minutesUntilStart).toBe(3);
    expect(reminderPlan([ana], at('2026-11-24T17:00:00'), settings, none).due[0]?.minutesUntilStart).toBe(0);
    expect(reminderPlan([ana], at('2026-11-24T17:05:00'), settings, none).due[0]?.minutesUntilStart).toBe(-5);
    expect(reminderPlan([ana], at('2026-11-24T17:10:00'), settings, none).due).toEqual([]);
    // Never past the end of a short class.
    const short = aScheduledClass('2026-11-24T17:00:00-03:00', '2026-11-24T17:20:00-03:00');
    expect(reminderPlan([short], at('2026-11-24T17:25:00'), { ...settings, reminderMinutes: 60 }, none).due).toEqual([]);
    expect(reminderPlan([short], at('2026-11-24T17:15:00'), { ...settings, reminderMinutes: 60 }, none).due).toHaveLength(1);
  });

  it('never reminds twice for one class', () => {
    const shown = new Set([reminderKey(ana)]);
    expect(reminderPlan([ana], at('2026-11-24T16:55:00'), settings, shown)).toEqual({ due: [], nextAt: null });
  });

  it('reminds a rescheduled class again (new start, new key)', () => {
    const shown = new Set([reminderKey(ana)]);
    const moved = { ...ana, startTime: '2026-11-24T18:00:00-03:00', endTime: '2026-11-24T19:00:00-03:00' };
    expect(reminderKey(moved)).not.toBe(reminderKey(ana));
    expect(reminderPlan([moved], at('2026-11-24T17:55:00'), settings, shown).due.map((r) => r.bookingId)).toEqual([ana.id]);
    // The key is the instant, however the offset is written.
    expect(reminderKey({ id: ana.id, startTime: '2026-11-24T20:00:00Z' })).toBe(reminderKey(ana));
  });

  it('has no reminder for cancelled, pending or completed classes', () => {
    for (const status of ['cancelled', 'pending', 'completed'] as const) {
      expect(reminderPlan([{ ...ana, status }], at('2026-11-24T16:55:00'), settings, none)).toEqual({ due: [], nextAt: null });
    }
  });

  it('is off when reminder minutes are 0', () => {
    expect(reminderPlan([ana], at('2026-11-24T16:55:00'), { ...settings, reminderMinutes: 0 }, none)).toEqual({ due: [], nextAt: null });
  });

  it('orders several due reminders by start and points at the earliest later one', () => {
    const bruno = aScheduledClass('2026-11-24T16:58:00-03:00', '2026-11-24T17:30:00-03:00');
    const carla = aScheduledClass('2026-11-24T19:00:00-03:00', '2026-11-24T20:00:00-03:00');
    const plan = reminderPlan([carla, ana, bruno], at('2026-11-24T16:51:00'), settings, none);
    expect(plan.due.map((r) => r.bookingId)).toEqual([bruno.id, ana.id]);
    expect(plan.nextAt).toEqual(at('2026-11-24T18:50:00'));
  });
});

describe('reminder record (reminders.json)', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('survives a restart', async () => {
    const storage = memoryTextStorage();
    const first = await openReminderLog(storage, silentLogger);
    await first.markShown([{ key: 'a@2026-11-24T20:00:00.000Z', startTime: '2026-11-24T20:00:00.000Z' }], new Date('2026-11-24T19:50:00Z'));
    const second = await openReminderLog(storage, silentLogger);
    expect([...second.shown()]).toEqual(['a@2026-11-24T20:00:00.000Z']);
  });

  it('is a small JSON file written atomically, and forgets classes older than three days', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teacher-desk-reminders-'));
    dirs.push(dir);
    const path = join(dir, 'nested', 'reminders.json');
    const log = await openReminderLog(fileTextStorage(path), silentLogger);
    await log.markShown([{ key: 'old@2026-11-01T20:00:00.000Z', startTime: '2026-11-01T20:00:00.000Z' }], new Date('2026-11-01T19:50:00Z'));
    await log.markShown([{ key: 'new@2026-11-24T20:00:00.000Z', startTime: '2026-11-24T20:00:00.000Z' }], new Date('2026-11-24T19:50:00Z'));
    const stored = JSON.parse(await readFile(path, 'utf8'));
    expect(stored).toEqual({ version: 1, shown: { 'new@2026-11-24T20:00:00.000Z': { startTime: '2026-11-24T20:00:00.000Z', shownAt: '2026-11-24T19:50:00.000Z' } } });
    expect(await fileTextStorage(join(dir, 'missing.json')).read()).toBeNull();
  });

  it('starts a new record when the file cannot be read, and says so in the log', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'teacher-desk-reminders-'));
    dirs.push(dir);
    const path = join(dir, 'reminders.json');
    await writeFile(path, '{ not json');
    const logger = memoryLogger();
    const log = await openReminderLog(fileTextStorage(path), logger);
    expect(log.shown().size).toBe(0);
    expect(logger.lines.join('\n')).toMatch(/reminder record cannot be read/);
  });
});

// ---------------------------------------------------------------------------
// The desktop service end to end (no Electron): tray list, reminders across a restart, actions.

function fakeCore(bookings: Booking[], settings: Partial<Settings> & Record<string, unknown> = {}) {
  const calls: string[] = [];
  const listeners = new Set<(event: EventName, payload: unknown) => void>();
  const fullSettings = { calendarId: 'primary', timeZone: BA, locale: 'en', classDefaults: { summary: 'Clase', durationMinutes: 60 }, weekStartsOn: 1, ...settings };
  const dispatch: Dispatch = async (channel, payload) => {
    calls.push(channel);
    if (channel === 'settings:get') return { ok: true, value: fullSettings };
    if (channel === 'bookings:list-week') return { ok: true, value: { week: { start: (payload as { day: string }).day }, timeZone: BA, bookings, busyBlocks: [] } };
    if (channel === 'bookings:get') {
      const found = bookings.find((b) => b.id === (payload as { id: string }).id);
      return found ? { ok: true, value: found } : { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } };
    }
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
  };
  return {
    calls,
    dispatch,
    events: { subscribe: (listener: (event: EventName, payload: unknown) => void) => (listeners.add(listener), () => listeners.delete(listener)) },
    emit: (event: EventName) => listeners.forEach((listener) => listener(event, { reason: 'test' })),
  };
}

function fakeView() {
  const shown: string[][] = [];
  const reminders: Reminder[] = [];
  const shortcuts: (string | null)[] = [];
  const view: DesktopView = {
    showClasses: (entries) => shown.push(entries.map((entry) => `${entry.time} ${entry.student}`)),
    remind: (reminder) => reminders.push(reminder),
    shortcutChanged: (accelerator) => shortcuts.push(accelerator),
  };
  return { view, shown, reminders, shortcuts };
}

const manualTimers = (): Timers & { delays: number[] } => {
  const delays: number[] = [];
  return { delays, setTimeout: (_callback, ms) => (delays.push(ms), delays.length), clearTimeout: () => {} };
};

function fakePlatform() {
  const opened: string[] = [];
  const copied: string[] = [];
  return { opened, copied, platform: { openExternal: async (url: string) => void opened.push(url), openSignInPage: async () => {}, writeClipboard: async (text: string) => void copied.push(text), saveFile: async (name: string) => name } };
}

describe('desktop service', () => {
  const ana = aScheduledClass('2026-11-24T17:00:00-03:00', '2026-11-24T18:00:00-03:00', { bookedBy: { name: 'Ana', email: 'ana@example.com' } });
  const bruno = aScheduledClass('2026-11-24T19:00:00-03:00', '2026-11-24T20:00:00-03:00', { bookedBy: { name: 'Bruno', email: 'bruno@example.com' }, meetLink: 'https://meet.google.com/xyz-abcd-efg' });
  const gone = aScheduledClass('2026-11-24T17:30:00-03:00', '2026-11-24T18:00:00-03:00', { status: 'cancelled' });

  async function start(options: { storage: TextStorage; now: Date; bookings?: Booking[]; settings?: Record<string, unknown> }) {
    const core = fakeCore(options.bookings ?? [ana, bruno, gone], options.settings);
    const view = fakeView();
    const { platform, opened, copied } = fakePlatform();
    const log = memoryLogger();
    const timers = manualTimers();
    const service = createDesktopService({
      dispatch: core.dispatch,
      events: core.events,
      platform: guardPlatform(platform, log, () => 'https://accounts.google.com/o/oauth2/v2/auth'),
      clock: () => options.now,
      log,
      reminderLog: await openReminderLog(options.storage, log),
      view: view.view,
      timers,
    });
    await service.start();
    return { service, core, view, opened, copied, log, timers };
  }

  it('shows the tray list, reminds once, and does not remind again after a restart', async () => {
    const storage = memoryTextStorage();
    const first = await start({ storage, now: at('2026-11-24T16:55:00') });
    expect(first.view.shown.at(-1)).toEqual(['17:00 Ana', '19:00 Bruno']);
    expect(first.view.reminders.map((r) => r.student)).toEqual(['Ana']);
    await first.service.refresh();
    expect(first.view.reminders).toHaveLength(1);
    first.service.stop();

    const second = await start({ storage, now: at('2026-11-24T16:58:00') });
    expect(second.view.reminders).toEqual([]);
    second.service.stop();
  });

  it('catches up after a restart on a class that started while the app was closed', async () => {
    const third = await start({ storage: memoryTextStorage(), now: at('2026-11-24T17:04:00') });
    expect(third.view.reminders.map((r) => [r.student, r.minutesUntilStart])).toEqual([['Ana', -4]]);
    third.service.stop();
  });

  it('reads the reminder minutes from settings (0 = off) and wakes at the next minute or reminder', async () => {
    const off = await start({ storage: memoryTextStorage(), now: at('2026-11-24T16:55:00'), settings: { reminderMinutes: 0 } });
    expect(off.view.reminders).toEqual([]);
    off.service.stop();
    const early = await start({ storage: memoryTextStorage(), now: at('2026-11-24T16:49:30') });
    expect(early.view.reminders).toEqual([]);
    expect(early.timers.delays.at(-1)).toBe(30_000); // 16:50:00, the reminder, before 16:50:00.5
    early.service.stop();
  });

  it('refreshes when the core says bookings changed', async () => {
    const run = await start({ storage: memoryTextStorage(), now: at('2026-11-24T12:00:00') });
    const before = run.view.shown.length;
    run.core.emit('bookingsChanged');
    await run.service.refresh();
    expect(run.view.shown.length).toBeGreaterThan(before);
    run.service.stop();
  });

  it('reads the weeks holding yesterday, today and tomorrow, each once', async () => {
    const days = async (now: Date, weekStartsOn: 0 | 1) => {
      const requested: string[] = [];
      const dispatch: Dispatch = async (_channel, payload) => {
        requested.push((payload as { day: string }).day);
        return { ok: true, value: { bookings: [ana] } };
      };
      const found = await bookingsAroundNow(dispatch, now, { timeZone: BA, weekStartsOn });
      expect(found).toEqual([ana]);
      return requested.length;
    };
    expect(await days(at('2026-11-25T12:00:00'), 1)).toBe(1); // a Wednesday
    expect(await days(at('2026-11-23T00:10:00'), 1)).toBe(2); // a Monday: Sunday is last week
    expect(await days(at('2026-11-29T23:50:00'), 1)).toBe(2); // a Sunday: Monday is next week
    expect(await days(at('2026-11-29T23:50:00'), 0)).toBe(2); // a Sunday in a Sunday-first week: Saturday is last week
  });

  it('copies the next class link with the shortcut, joins through the allow-list, and registers the shortcut from settings', async () => {
    const run = await start({ storage: memoryTextStorage(), now: at('2026-11-24T16:00:00'), settings: { nextClassShortcut: 'CmdOrCtrl+Shift+M' } });
    expect(run.view.shortcuts).toEqual(['CmdOrCtrl+Shift+M']);
    expect((await run.service.copyNextMeetLink())?.student).toBe('Ana');
    expect(run.copied).toEqual([ana.meetLink]);
    expect(await run.service.join(bruno.id)).toBe(true);
    expect(run.opened).toEqual([bruno.meetLink]);
    expect(await run.service.join(gone.id)).toBe(false);
    run.service.stop();
  });

  it('refuses to open a class link outside the allow-list, and logs it', async () => {
    const odd = aScheduledClass('2026-11-24T17:00:00-03:00', '2026-11-24T18:00:00-03:00', { meetLink: 'https://meet.google.com.evil.example/abc' });
    const run = await start({ storage: memoryTextStorage(), now: at('2026-11-24T16:00:00'), bookings: [odd] });
    expect(await run.service.join(odd.id)).toBe(false);
    expect(run.opened).toEqual([]);
    expect(run.log.lines.join('\n')).toMatch(/refused to open a link outside the allow-list/);
    expect(run.view.shortcuts).toEqual([null]);
    run.service.stop();
  });
});
