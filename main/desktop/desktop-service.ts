import type { Booking } from '../../shared/booking';
import { contract, type Method, type ReplyOf, type RequestOf } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { localDateOf, weekContaining, type LocalDate } from '../../shared/week';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Dispatch } from '../ipc/dispatch';
import type { Logger } from '../logger';
import type { Platform } from '../platform';
import { desktopSettingsFrom, type DesktopSettings } from './desktop-settings';
import { nextClasses, type ClassEntry } from './next-classes';
import { reminderPlan, type Reminder, type ReminderLog } from './reminders';
import { staleClasses, type StaleEntry } from './stale-classes';
import { desktopStrings, type DesktopStrings } from './strings';

/**
 * The desktop layer's logic, plain Node: keeps today's classes for the tray,
 * shows reminders when due, and carries out the tray's, the reminders' and
 * the shortcut's actions. It reads bookings and settings through the core's
 * own dispatcher (the same channels the page uses), refreshes when the core
 * says bookings changed and once a minute, and tells a `DesktopView` (the
 * Electron tray, notifications and global shortcut) what to show.
 */

export interface DesktopView {
  /** Today's classes, and the stale unpaid classes of the weeks around now. */
  showClasses(entries: readonly ClassEntry[], strings: DesktopStrings, stale: readonly StaleEntry[]): void;
  remind(reminder: Reminder, strings: DesktopStrings): void;
  shortcutChanged(accelerator: string | null): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DesktopServiceDeps {
  dispatch: Dispatch;
  events: Pick<EventBus, 'subscribe'>;
  /** Its openExternal must be the guarded one (external-url.ts). */
  platform: Platform;
  clock: Clock;
  log: Logger;
  reminderLog: ReminderLog;
  view: DesktopView;
  timers?: Timers;
}

export interface DesktopService {
  start(): Promise<void>;
  /** Reads bookings and settings again, updates the view and shows due reminders. */
  refresh(): Promise<void>;
  entries(): readonly ClassEntry[];
  stale(): readonly StaleEntry[];
  /** The teacher's "paid" from the tray (cash, transfer), as the page's Mark paid. */
  markPaid(bookingId: string): Promise<boolean>;
  settings(): DesktopSettings;
  strings(): DesktopStrings;
  copyMeetLink(bookingId: string): Promise<boolean>;
  join(bookingId: string): Promise<boolean>;
  /** Copies the Meet link of the first tray entry; null when there is none or it has no link. */
  copyNextMeetLink(): Promise<ClassEntry | null>;
  stop(): void;
}

const MINUTE = 60_000;

async function call<M extends Method>(dispatch: Dispatch, method: M, request: RequestOf<M>): Promise<ReplyOf<M>> {
  const result = await dispatch(contract[method].channel, request);
  if (!result.ok) throw new Error(`${contract[method].channel}: ${result.error.code} ${result.error.message}`);
  return result.value as ReplyOf<M>;
}

function shiftDay(day: LocalDate, days: number): LocalDate {
  const noon = new Date(`${day}T12:00:00Z`);
  noon.setUTCDate(noon.getUTCDate() + days);
  return noon.toISOString().slice(0, 10);
}

/**
 * Scheduled classes around now: the weeks holding yesterday, today and
 * tomorrow on the teacher's clock, so a class running across midnight or
 * a reminder due just after a week boundary is never missed.
 */
export async function bookingsAroundNow(dispatch: Dispatch, now: Date, settings: Pick<Settings, 'timeZone' | 'weekStartsOn'>): Promise<Booking[]> {
  const today = localDateOf(now, settings.timeZone);
  const weekDays = new Map<string, LocalDate>();
  for (const day of [shiftDay(today, -1), today, shiftDay(today, 1)]) {
    weekDays.set(weekContaining(day, settings.timeZone, settings.weekStartsOn).start, day);
  }
  const byId = new Map<string, Booking>();
  for (const day of weekDays.values()) {
    const { bookings } = await call(dispatch, 'listWeek', { day });
    for (const booking of bookings) byId.set(booking.id, booking);
  }
  return [...byId.values()];
}

export function createDesktopService(deps: DesktopServiceDeps): DesktopService {
  const { dispatch, clock, log, view, reminderLog } = deps;
  const timers: Timers = deps.timers ?? { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

  let entries: ClassEntry[] = [];
  let stale: StaleEntry[] = [];
  let desktop: DesktopSettings = desktopSettingsFrom({});
  let strings = desktopStrings(DEFAULT_SETTINGS.locale);
  let shortcut: string | null | undefined;
  let timer: unknown = null;
  let stopped = false;
  let unsubscribe: (() => void) | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let lastFailure: string | null = null;

  function schedule(nextReminder: Date | null) {
    if (stopped) return;
    if (timer !== null) timers.clearTimeout(timer);
    const now = clock().getTime();
    // Wake at the next minute (the tray's "now" moves on) or at the next reminder, whichever comes first.
    const nextMinute = Math.floor(now / MINUTE) * MINUTE + MINUTE + 500;
    const wake = nextReminder ? Math.min(nextMinute, nextReminder.getTime()) : nextMinute;
    timer = timers.setTimeout(() => {
      timer = null;
      void service.refresh();
    }, Math.min(Math.max(wake - now, 250), MINUTE));
  }

  async function refreshOnce() {
    let nextReminder: Date | null = null;
    try {
      const settings = await call(dispatch, 'getSettings', {});
      desktop = desktopSettingsFrom(settings);
      strings = desktopStrings(settings.locale);
      if (desktop.nextClassShortcut !== shortcut) {
        shortcut = desktop.nextClassShortcut;
        view.shortcutChanged(shortcut);
      }
      const now = clock();
      const bookings = await bookingsAroundNow(dispatch, now, settings);
      entries = nextClasses(bookings, now, settings.timeZone);
      stale = staleClasses(bookings, now, settings.timeZone, settings.staleRules, settings.locale);
      view.showClasses(entries, strings, stale);

      const plan = reminderPlan(bookings, now, { reminderMinutes: desktop.reminderMinutes, timeZone: settings.timeZone }, reminderLog.shown());
      nextReminder = plan.nextAt;
      if (plan.due.length > 0) {
        // Recorded before it is shown: a crash in between loses a reminder rather than repeating it.
        try {
          await reminderLog.markShown(plan.due, now);
        } catch (error) {
          log.error('could not save the reminder record', { error: error instanceof Error ? error.message : String(error) });
        }
        for (const reminder of plan.due) view.remind(reminder, strings);
      }
      lastFailure = null;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // Once per distinct failure, not once a minute.
      if (message !== lastFailure) log.warn('desktop refresh failed; the tray keeps what it showed', { error: message });
      lastFailure = message;
    } finally {
      schedule(nextReminder);
    }
  }

  async function linkOf(bookingId: string): Promise<string | null> {
    try {
      const booking = await call(dispatch, 'getBooking', { id: bookingId });
      if (booking.status !== 'scheduled' || !booking.meetLink) return null;
      return booking.meetLink;
    } catch (error) {
      log.warn('class not available for a desktop action', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }

  const service: DesktopService = {
    async start() {
      unsubscribe = deps.events.subscribe((event) => {
        if (event === 'bookingsChanged') void service.refresh();
      });
      await service.refresh();
    },
    refresh() {
      if (stopped) return Promise.resolve();
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await refreshOnce();
        } while (again && !stopped);
      })().finally(() => {
        running = null;
      });
      return running;
    },
    entries: () => entries,
    stale: () => stale,
    async markPaid(bookingId) {
      try {
        const booking = await call(dispatch, 'getBooking', { id: bookingId });
        await call(dispatch, 'setPayment', { id: bookingId, payment: { state: 'paid', amount: booking.payment?.amount ?? booking.classPrice } });
        return true;
      } catch (error) {
        log.warn('could not mark the class paid from the tray', { error: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },
    settings: () => desktop,
    strings: () => strings,
    async copyMeetLink(bookingId) {
      const link = await linkOf(bookingId);
      if (!link) return false;
      await deps.platform.writeClipboard(link);
      return true;
    },
    async join(bookingId) {
      const link = await linkOf(bookingId);
      if (!link) return false;
      try {
        await deps.platform.openExternal(link);
        return true;
      } catch (error) {
        // The guard has logged why; nothing else to do.
        log.warn('could not open the Meet link', { error: error instanceof Error ? error.message : String(error) });
        return false;
      }
    },
    async copyNextMeetLink() {
      const next = entries[0];
      if (!next || !next.meetLink) return null;
      return (await service.copyMeetLink(next.id)) ? next : null;
    },
    stop() {
      stopped = true;
      unsubscribe?.();
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
  return service;
}
