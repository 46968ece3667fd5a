import { AppError } from '../../shared/ipc/errors';
import type { Logger } from '../logger';
import type { Sleep } from './types';

/**
 * The one retry policy of every Calendar call. gaxios' own retries are off
 * (google-calendar.ts passes `retry: false`), so what is retried, how often
 * and how long we wait is decided here and only here.
 */

export interface RetryTuning {
  /** Tries per call, the first one included. */
  maxTries: number;
  /** Ceiling of the first backoff; doubles each try (full jitter picks below it). */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The whole call, tries and waits together, ends within this: a retry is
   * not started when it could not finish in time. With a silent Google this
   * is what makes the app say offline in time (each try is cut at the
   * request time limit, google-calendar.ts).
   */
  budgetMs: number;
  /** The time limit of one try (connect and answer); the budget keeps room for a whole try. */
  tryTimeoutMs: number;
}

/** The app says offline within 30 s of Google going silent: 10 s tries inside a 25 s budget. */
export const DEFAULT_RETRY_TUNING: RetryTuning = { maxTries: 5, baseDelayMs: 500, maxDelayMs: 16_000, budgetMs: 25_000, tryTimeoutMs: 10_000 };

/** What went wrong with one HTTP try, in the terms the policy decides on. */
export type Failure =
  | { kind: 'rate-limited'; status: number; reason: string; retryAfterMs: number | null }
  | { kind: 'server'; status: number }
  | { kind: 'network'; code: string }
  | { kind: 'unauthorized' }
  | { kind: 'grant-refused' }
  | { kind: 'client'; status: number; reason: string; message: string }
  | { kind: 'unknown' };

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);

/** A 4xx that is not retried; callers handle the ones they expect (404, 409, 410) and let the rest become AppErrors. */
export class GoogleRequestError extends Error {
  override readonly name = 'GoogleRequestError';
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

interface HeadersLike {
  get?(name: string): string | null;
}

interface ErrorLike {
  message?: string;
  code?: string | number;
  response?: { status?: number; data?: unknown; headers?: HeadersLike };
}

function googleReason(data: unknown): { reason: string; message: string } {
  const error = (data as { error?: unknown } | undefined)?.error;
  if (error && typeof error === 'object') {
    const e = error as { message?: string; errors?: { reason?: string; message?: string }[] };
    return { reason: e.errors?.[0]?.reason ?? '', message: e.message ?? e.errors?.[0]?.message ?? '' };
  }
  return { reason: typeof error === 'string' ? error : '', message: '' };
}

function retryAfterMs(headers: HeadersLike | undefined): number | null {
  const value = headers?.get?.('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/** Node's system error codes for a connection that failed or broke. */
const NETWORK_CODES = /^(E[A-Z0-9_]+|UND_ERR_[A-Z_]+)$/;

export function classifyFailure(error: unknown): Failure {
  // Already meant for the teacher (e.g. the account's client refusing to send for a dead session): passed on as is.
  if (!(error instanceof Error) || error instanceof AppError) return { kind: 'unknown' };
  const e = error as Error & ErrorLike;
  // google-auth-library throws this plain Error when a refresh is due and there is no refresh token to use.
  if (e.message === 'No refresh token is set.') return { kind: 'grant-refused' };
  const status = e.response?.status;
  if (status === undefined) {
    // gaxios wraps fetch failures (reset, refused, timeout, DNS) in an error that has the request's config but no response.
    const cause = (e as { cause?: { name?: string; code?: unknown } }).cause;
    if ('config' in e || (typeof e.code === 'string' && NETWORK_CODES.test(e.code))) return { kind: 'network', code: String(e.code ?? cause?.code ?? cause?.name ?? 'network') };
    return { kind: 'unknown' };
  }
  const { reason, message } = googleReason(e.response?.data);
  // The token endpoint answers {"error":"invalid_grant"} when the grant was revoked or expired.
  if (reason === 'invalid_grant') return { kind: 'grant-refused' };
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 429 || (status === 403 && RATE_LIMIT_REASONS.has(reason))) {
    return { kind: 'rate-limited', status, reason: reason || 'rateLimitExceeded', retryAfterMs: retryAfterMs(e.response?.headers) };
  }
  if (status >= 500) return { kind: 'server', status };
  return { kind: 'client', status, reason, message: message || e.message || `HTTP ${status}` };
}

export const RECONNECT_MESSAGE =
  'Google no longer accepts Teacher Desk’s access to your calendar (the access may have been removed or expired). Reconnect your Google account in Settings; nothing in Teacher Desk was lost.';

function exhausted(failure: Failure, tries: number): AppError {
  switch (failure.kind) {
    case 'rate-limited':
      return new AppError('RATE_LIMITED', `Google Calendar asked Teacher Desk to slow down and still refused after ${tries} tries. Nothing in Teacher Desk was lost: wait a few minutes and try again.`);
    case 'server':
      return new AppError('GOOGLE_ERROR', `Google Calendar is having trouble (it answered ${failure.status} ${tries} times). Nothing in Teacher Desk was lost: try again in a few minutes.`);
    default:
      return new AppError('OFFLINE', 'Teacher Desk could not reach Google Calendar. Check the internet connection and try again; nothing in Teacher Desk was lost.');
  }
}

export interface AuthHooks {
  /** Gets a new access token (a 401 means the one we sent is no longer good). */
  refresh(): Promise<void>;
  /** Google refused the refresh: the account must be reconnected. */
  onGrantRefused(): void | Promise<void>;
}

export interface RetryPolicy {
  /** Runs one logical call: retries what is worth retrying, refreshes once on 401, and fails with an AppError or a GoogleRequestError. */
  run<T>(operation: string, attempt: () => Promise<T>, auth: AuthHooks): Promise<T>;
}

export interface RetryPolicyDeps {
  sleep: Sleep;
  /** [0, 1); injected so tests can pin the jitter. */
  random: () => number;
  log: Logger;
  tuning?: Partial<RetryTuning>;
  /** Monotonic milliseconds, for the budget; performance.now() unless a test simulates time. */
  now?: () => number;
}

export function createRetryPolicy({ sleep, random, log, tuning, now = () => performance.now() }: RetryPolicyDeps): RetryPolicy {
  const t = { ...DEFAULT_RETRY_TUNING, ...tuning };

  /** Full jitter: anywhere between 0 and the doubled ceiling, so many clients do not retry in step. */
  const backoff = (tries: number, floorMs: number | null): number => {
    const ceiling = Math.min(t.maxDelayMs, t.baseDelayMs * 2 ** (tries - 1));
    return Math.min(t.maxDelayMs, Math.max(Math.floor(random() * ceiling), floorMs ?? 0));
  };

  async function grantRefused(auth: AuthHooks, operation: string, cause: unknown): Promise<never> {
    log.warn('google refused the grant', { operation });
    await auth.onGrantRefused();
    throw new AppError('NEEDS_RECONNECT', RECONNECT_MESSAGE, { cause });
  }

  return {
    async run(operation, attempt, auth) {
      const started = now();
      let tries = 0;
      let refreshed = false;
      for (;;) {
        tries++;
        let failure: Failure;
        let caught: unknown;
        try {
          return await attempt();
        } catch (error) {
          caught = error;
          failure = classifyFailure(error);
        }
        switch (failure.kind) {
          case 'grant-refused':
            return grantRefused(auth, operation, caught);
          case 'unauthorized':
            if (refreshed) {
              // A token Google just issued is refused too: only a new sign-in can help.
              return grantRefused(auth, operation, caught);
            }
            refreshed = true;
            tries--; // the refresh-and-retry is not a backoff try
            try {
              await auth.refresh();
            } catch (error) {
              const f = classifyFailure(error);
              if (f.kind === 'grant-refused' || f.kind === 'client' || f.kind === 'unauthorized') return grantRefused(auth, operation, error);
              if (f.kind === 'unknown') throw error;
              throw exhausted(f, 1);
            }
            continue;
          case 'client':
            throw new GoogleRequestError(failure.status, failure.reason, failure.message);
          case 'unknown':
            throw caught;
          default: {
            if (tries >= t.maxTries) {
              log.warn('google call gave up', { operation, tries, failure });
              throw exhausted(failure, tries);
            }
            const delay = backoff(tries, failure.kind === 'rate-limited' ? failure.retryAfterMs : null);
            if (now() - started + delay + t.tryTimeoutMs > t.budgetMs) {
              log.warn('google call gave up: no time left for another try', { operation, tries, failure });
              throw exhausted(failure, tries);
            }
            log.info('google call retrying', { operation, try: tries, failure: failure.kind, delayMs: delay });
            await sleep(delay);
          }
        }
      }
    },
  };
}
