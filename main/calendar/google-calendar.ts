import type { OAuth2Client } from 'google-auth-library';
// The calendar module alone loads in a fraction of the time of the whole googleapis index.
import { calendar, type calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { AppError } from '../../shared/ipc/errors';
import { GoogleRequestError, type AuthHooks, type RetryPolicy } from './retry-policy';
import type { SendUpdates } from './types';

export type CalendarEvent = calendar_v3.Schema$Event;
export type EventList = calendar_v3.Schema$Events;
export type ListParams = Omit<calendar_v3.Params$Resource$Events$List, 'calendarId'>;
/** Named like a booking's and a busy block's times, so the UI reads them alike. */
export interface BusyInterval {
  startTime: string;
  endTime: string;
}

/** The incremental sync token is no longer valid (410): drop it and sync in full. */
export class SyncTokenExpired extends Error {
  override readonly name = 'SyncTokenExpired';
}

export interface GoogleCalendarDeps {
  /** The signed-in client; asked on every call, since a reconnect may replace it. */
  getAuthClient(): Promise<OAuth2Client>;
  /** Google refused the refresh token: the account needs reconnecting. */
  onInvalidGrant(): void | Promise<void>;
  policy: RetryPolicy;
  /** Test servers replace https://www.googleapis.com/; defaults to GOOGLE_API_ROOT_URL when set. */
  rootUrl?: string;
  /** Per-request limit; a slow answer is aborted and retried like a dropped one. */
  requestTimeoutMs?: number;
}

/** The Calendar v3 calls the desk makes, each through the retry policy, each answer typed. */
export interface GoogleCalendar {
  /** `{ created: false }` when the id is taken (409): an earlier try landed, or the id was used before. */
  insertEvent(calendarId: string, event: CalendarEvent, sendUpdates: SendUpdates): Promise<{ created: true; event: CalendarEvent } | { created: false }>;
  /** Null when Google has no event with that id. Deleted events come back with status "cancelled". */
  getEvent(calendarId: string, eventId: string): Promise<CalendarEvent | null>;
  patchEvent(calendarId: string, eventId: string, patch: CalendarEvent, options: { sendUpdates: SendUpdates; conferenceDataVersion?: 0 | 1 }): Promise<CalendarEvent>;
  /** "already-deleted" when Google answers 410: a retry after a lost answer, or deleted in Google Calendar. */
  deleteEvent(calendarId: string, eventId: string, sendUpdates: SendUpdates): Promise<'deleted' | 'already-deleted'>;
  /** Throws SyncTokenExpired on 410. */
  listEvents(calendarId: string, params: ListParams): Promise<EventList>;
  /** Null when the grant lacks a freeBusy scope (calendar.events alone does not allow freebusy.query). */
  freeBusy(calendarId: string, timeMin: string, timeMax: string, timeZone: string): Promise<BusyInterval[] | null>;
  /** HTTP tries made so far (retries included), for sync summaries and the bench. */
  readonly requestCount: number;
}

/**
 * One try, token refresh included, ends within `limitMs`: gaxios' `timeout`
 * covers the Calendar request, but a token refresh made inside the same try
 * has its own request, so the whole try is raced against one timer and its
 * request aborted. The failure reads as a network timeout (retry-policy.ts).
 */
export async function withTimeLimit<T>(limitMs: number | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (!limitMs) return run(controller.signal);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(Object.assign(new Error(`Google did not answer within ${limitMs} ms`), { code: 'ETIMEDOUT' }));
    }, limitMs);
  });
  try {
    return await Promise.race([run(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function normalizeRootUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  // googleapis resolves its paths against rootUrl, which must end with '/'.
  return url.endsWith('/') ? url : `${url}/`;
}

function unexpected(error: unknown, what: string): unknown {
  if (!(error instanceof GoogleRequestError)) return error;
  if (error.status === 403) {
    return new AppError('GOOGLE_ERROR', `Google Calendar did not allow Teacher Desk to ${what} (${error.message}). Check in Settings that the calendar is yours and that you can edit it.`, { cause: error });
  }
  if (error.status === 404) {
    return new AppError('NOT_FOUND', `Google Calendar could not find the calendar while Teacher Desk tried to ${what}. Check the calendar in Settings.`, { cause: error });
  }
  return new AppError('GOOGLE_ERROR', `Google Calendar refused to ${what}: ${error.message}.`, { cause: error });
}

export function createGoogleCalendar(deps: GoogleCalendarDeps): GoogleCalendar {
  const rootUrl = normalizeRootUrl(deps.rootUrl ?? process.env.GOOGLE_API_ROOT_URL);
  const clients = new WeakMap<OAuth2Client, calendar_v3.Calendar>();
  let requestCount = 0;

  async function api(): Promise<{ cal: calendar_v3.Calendar; auth: AuthHooks }> {
    const client = await deps.getAuthClient();
    let cal = clients.get(client);
    if (!cal) {
      // retry: false turns off gaxios' own retries (googleapis turns them on by default): the retry policy is the only one.
      cal = calendar({ version: 'v3', auth: client, retry: false, ...(rootUrl ? { rootUrl } : {}), ...(deps.requestTimeoutMs ? { timeout: deps.requestTimeoutMs } : {}) });
      clients.set(client, cal);
    }
    const auth: AuthHooks = {
      // The refresh after a 401 gets the same limit as a try.
      refresh: async () => {
        await withTimeLimit(deps.requestTimeoutMs, () => client.refreshAccessToken());
      },
      onGrantRefused: () => deps.onInvalidGrant(),
    };
    return { cal, auth };
  }

  async function call<T>(operation: string, send: (cal: calendar_v3.Calendar, options: { signal: AbortSignal }) => Promise<{ data: T }>): Promise<T> {
    const { cal, auth } = await api();
    return deps.policy.run(
      operation,
      async () => {
        requestCount++;
        return withTimeLimit(deps.requestTimeoutMs, async (signal) => (await send(cal, { signal })).data);
      },
      auth,
    );
  }

  return {
    get requestCount() {
      return requestCount;
    },

    async insertEvent(calendarId, event, sendUpdates) {
      try {
        const created = await call('events.insert', (cal, options) => cal.events.insert({ calendarId, conferenceDataVersion: 1, sendUpdates, requestBody: event }, options));
        return { created: true, event: created };
      } catch (error) {
        if (error instanceof GoogleRequestError && error.status === 409) return { created: false };
        throw unexpected(error, 'create the class event');
      }
    },

    async getEvent(calendarId, eventId) {
      try {
        return await call('events.get', (cal, options) => cal.events.get({ calendarId, eventId }, options));
      } catch (error) {
        if (error instanceof GoogleRequestError && error.status === 404) return null;
        throw unexpected(error, 'read the class event');
      }
    },

    async patchEvent(calendarId, eventId, patch, { sendUpdates, conferenceDataVersion }) {
      try {
        return await call('events.patch', (cal, options) =>
          cal.events.patch({ calendarId, eventId, sendUpdates, requestBody: patch, ...(conferenceDataVersion !== undefined ? { conferenceDataVersion } : {}) }, options),
        );
      } catch (error) {
        if (error instanceof GoogleRequestError && error.status === 404) {
          throw new AppError('NOT_FOUND', 'The class event is no longer in Google Calendar. Sync to bring Teacher Desk up to date.', { cause: error });
        }
        throw unexpected(error, 'change the class event');
      }
    },

    async deleteEvent(calendarId, eventId, sendUpdates) {
      try {
        await call('events.delete', (cal, options) => cal.events.delete({ calendarId, eventId, sendUpdates }, options));
        return 'deleted';
      } catch (error) {
        if (error instanceof GoogleRequestError && (error.status === 410 || error.status === 404)) return 'already-deleted';
        throw unexpected(error, 'delete the class event');
      }
    },

    async listEvents(calendarId, params) {
      try {
        return await call('events.list', (cal, options) => cal.events.list({ calendarId, ...params }, options));
      } catch (error) {
        if (error instanceof GoogleRequestError && error.status === 410) throw new SyncTokenExpired(error.message);
        throw unexpected(error, 'read the calendar');
      }
    },

    async freeBusy(calendarId, timeMin, timeMax, timeZone) {
      let answer: calendar_v3.Schema$FreeBusyResponse;
      try {
        answer = await call('freebusy.query', (cal, options) => cal.freebusy.query({ requestBody: { timeMin, timeMax, timeZone, items: [{ id: calendarId }] } }, options));
      } catch (error) {
        if (error instanceof GoogleRequestError && error.status === 403 && error.reason === 'insufficientPermissions') return null;
        throw unexpected(error, 'check when the calendar is busy');
      }
      const entries = Object.values(answer.calendars ?? {});
      // One calendar was asked about; Google may key it by its resolved id rather than "primary".
      const entry = answer.calendars?.[calendarId] ?? (entries.length === 1 ? entries[0] : undefined);
      if (!entry || entry.errors?.length) {
        const reason = entry?.errors?.[0]?.reason ?? 'missing from the answer';
        throw new AppError('GOOGLE_ERROR', `Google Calendar could not tell when calendar "${calendarId}" is busy (${reason}). Check the calendar in Settings.`);
      }
      return (entry.busy ?? []).flatMap((b) => (b.start && b.end ? [{ startTime: b.start, endTime: b.end }] : []));
    },
  };
}
