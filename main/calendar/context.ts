import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { BookingStore } from '../store/booking-store';
import type { GoogleCalendar } from './google-calendar';
import { DEFAULT_RETRY_TUNING, type RetryTuning } from './retry-policy';
import type { CalendarSettings, Sleep } from './types';

export interface EngineTuning {
  retry: Partial<RetryTuning>;
  /** One HTTP request (connect and answer) may take this long before it is abandoned and retried. */
  requestTimeoutMs: number;
  /** One call, retries included, ends within this (see retry-policy.ts). */
  callBudgetMs: number;
  /** Reads of a pending conference before confirm gives up and asks the teacher to try again. */
  meetPolls: number;
  meetPollBaseMs: number;
  meetPollMaxMs: number;
  /** events.list page size: Google's maximum, 2,500 (its default is 250). A sync writes the store at most once per page. */
  pageSize: number;
  /** How far back a full sync reaches. */
  syncWindowDays: number;
  /** Pending bookings heal() looks up on Google at most, soonest first. */
  healLimit: number;
}

export const DEFAULT_TUNING: EngineTuning = {
  retry: {},
  requestTimeoutMs: DEFAULT_RETRY_TUNING.tryTimeoutMs,
  callBudgetMs: DEFAULT_RETRY_TUNING.budgetMs,
  meetPolls: 8,
  meetPollBaseMs: 500,
  meetPollMaxMs: 4_000,
  pageSize: 2_500,
  syncWindowDays: 30,
  healLimit: 50,
};

/** What every engine operation works with. */
export interface EngineContext {
  google: GoogleCalendar;
  store: BookingStore;
  settings(): CalendarSettings;
  clock: Clock;
  log: Logger;
  sleep: Sleep;
  tuning: EngineTuning;
}
