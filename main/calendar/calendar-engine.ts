import { randomInt } from 'node:crypto';
import type { OAuth2Client } from 'google-auth-library';
import type { Booking } from '../../shared/booking';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { BookingStore } from '../store/booking-store';
import { confirmBooking, type ConfirmOptions } from './confirm';
import { DEFAULT_TUNING, type EngineContext, type EngineTuning } from './context';
import { checkFreeBusy, type FreeBusyAnswer, type Slot } from './free-busy';
import { createGoogleCalendar } from './google-calendar';
import { healPending, type HealSummary } from './heal';
import { cancelBooking, completeBooking, rescheduleBooking, type ChangeOptions } from './lifecycle';
import { createRetryPolicy } from './retry-policy';
import { syncCalendar, type SyncSummary } from './sync';
import { realSleep, type CalendarSettings, type Sleep } from './types';
import { eventTimeToIso } from './zoned-time';

export type { ConfirmOptions, ConfirmProgress, ConfirmStep } from './confirm';
export type { EngineTuning } from './context';
export type { FreeBusyAnswer, Slot } from './free-busy';
export type { BusyInterval } from './google-calendar';
export type { HealSummary } from './heal';
export type { ChangeOptions } from './lifecycle';
export type { SyncSummary } from './sync';
export type { CalendarSettings, SendUpdates } from './types';

export interface CalendarEngineDeps {
  /** The signed-in Google client (main/auth); asked before each call. */
  getAuthClient(): Promise<OAuth2Client>;
  /** Google refused the refresh token: move the account to needs-reconnect. */
  onInvalidGrant(): void | Promise<void>;
  store: BookingStore;
  /** Read on every call: calendarId, timeZone and classDefaults may change at any time. */
  settings(): CalendarSettings;
  clock: Clock;
  log: Logger;
  /** Told after each change to bookings, to refresh the UI (e.g. emit bookingsChanged). */
  onBookingsChanged?(reason: string): void;
  /** Backoff waits; tests pass tiny ones. */
  sleep?: Sleep;
  /** Jitter source in [0, 1). */
  random?: () => number;
  /** Monotonic ms for the call budget (tests simulate time). */
  now?: () => number;
  /** Overrides GOOGLE_API_ROOT_URL (tests). */
  rootUrl?: string;
  tuning?: Partial<EngineTuning>;
}

/**
 * Everything the desk does with Google Calendar. Every method throws
 * AppError with a code from shared/ipc/errors.ts and a sentence for the
 * teacher: TRANSITION_REFUSED, NOT_FOUND, INVALID_REQUEST, CONFLICT,
 * TIMEOUT (Meet link not ready yet), RATE_LIMITED, GOOGLE_ERROR, OFFLINE,
 * NEEDS_RECONNECT (after onInvalidGrant was called), STORE_ERROR.
 */
export interface CalendarEngine {
  /** pending -> scheduled: one event with one Meet link, however often it is retried or interrupted. */
  confirm(bookingId: string, options?: ConfirmOptions): Promise<Booking>;
  /** Busy time of the calendar in the class's slot (or in `slot`), other than the class's own event. */
  checkFreeBusy(bookingId: string, slot?: Slot): Promise<FreeBusyAnswer>;
  /** Moves a scheduled class: same event, same Meet link. */
  reschedule(bookingId: string, slot: Slot, options?: ChangeOptions): Promise<Booking>;
  /** Cancels the class and deletes its event. */
  cancel(bookingId: string, options?: ChangeOptions): Promise<Booking>;
  /** Marks a scheduled class as held. */
  complete(bookingId: string): Promise<Booking>;
  /** Full, then incremental sync of the calendar into bookings and busy blocks. Concurrent calls share one run. */
  sync(): Promise<SyncSummary>;
  /** At start: finishes confirms a crash cut short. */
  heal(): Promise<HealSummary>;
  /** The class's event as Google has it now (null: none, or deleted), for the outbox's "did the world change" check. */
  readClassEvent(bookingId: string): Promise<ClassEventNow | null>;
}

export interface ClassEventNow {
  startTime: string | null;
  endTime: string | null;
}

export function createCalendarEngine(deps: CalendarEngineDeps): CalendarEngine {
  const tuning: EngineTuning = { ...DEFAULT_TUNING, ...deps.tuning };
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? (() => randomInt(1_000_000) / 1_000_000);
  const policy = createRetryPolicy({
    sleep,
    random,
    log: deps.log,
    tuning: { budgetMs: tuning.callBudgetMs, tryTimeoutMs: tuning.requestTimeoutMs, ...tuning.retry },
    ...(deps.now ? { now: deps.now } : {}),
  });
  const google = createGoogleCalendar({
    getAuthClient: deps.getAuthClient,
    onInvalidGrant: deps.onInvalidGrant,
    policy,
    rootUrl: deps.rootUrl,
    requestTimeoutMs: tuning.requestTimeoutMs,
  });
  const ctx: EngineContext = { google, store: deps.store, settings: deps.settings, clock: deps.clock, log: deps.log, sleep, tuning };
  /** Tells the UI after a change, and hands the result on. */
  const told =
    (reason: string) =>
    <T>(result: T): T => {
      deps.onBookingsChanged?.(reason);
      return result;
    };

  // One operation per booking at a time: a double-click on Confirm waits for the first and then sees it scheduled.
  const busy = new Map<string, Promise<unknown>>();
  function exclusive<T>(bookingId: string, run: () => Promise<T>): Promise<T> {
    const previous = busy.get(bookingId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(run);
    busy.set(bookingId, next);
    void next.catch(() => undefined).finally(() => {
      if (busy.get(bookingId) === next) busy.delete(bookingId);
    });
    return next;
  }

  let syncing: Promise<SyncSummary> | null = null;

  return {
    confirm: (id, options) => exclusive(id, () => confirmBooking(ctx, id, options)).then(told('confirmed')),
    checkFreeBusy: (id, slot) => checkFreeBusy(ctx, id, slot),
    reschedule: (id, slot, options) => exclusive(id, () => rescheduleBooking(ctx, id, slot, options)).then(told('rescheduled')),
    cancel: (id, options) => exclusive(id, () => cancelBooking(ctx, id, options)).then(told('cancelled')),
    complete: (id) => exclusive(id, () => completeBooking(ctx, id)).then(told('completed')),
    sync() {
      syncing ??= syncCalendar(ctx)
        .then((summary) => (summary.changed > 0 ? told('synced')(summary) : summary))
        .finally(() => {
          syncing = null;
        });
      return syncing;
    },
    async readClassEvent(bookingId) {
      const booking = deps.store.get(bookingId);
      if (!booking?.googleEventId) return null;
      const { calendarId, timeZone } = deps.settings();
      const event = await google.getEvent(calendarId, booking.googleEventId);
      if (!event || event.status === 'cancelled') return null;
      return { startTime: eventTimeToIso(event.start, timeZone), endTime: eventTimeToIso(event.end, timeZone) };
    },
    async heal() {
      const summary = await healPending(ctx);
      return summary.adopted.length ? told('healed')(summary) : summary;
    },
  };
}
