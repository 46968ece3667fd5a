import { createHash, randomInt } from 'node:crypto';
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { sendGoogleApiError, sendJson, type FakeRequest, type RouteModule } from './http';
import type { TokenRegistry } from './tokens';

/**
 * The Calendar v3 half of the fake Google: the endpoints the desk uses
 * (events insert/get/list/patch/delete, freeBusy), as strict as Google on
 * what the desk could get wrong: bearer tokens and scopes, client-chosen
 * ids, 409 on a used id (deleted ones too), conferences only with
 * conferenceDataVersion=1 and ready only after some reads, sync tokens that
 * refuse filters and expire (410), stable pagination. Faults are switched
 * on per request kind for the next N requests.
 *
 * Not modelled: recurring events (refused with 400), ACLs, colors, watch
 * channels, attachments, reminders beyond the default.
 */

export type CalendarRequestKind = 'events.insert' | 'events.get' | 'events.list' | 'events.patch' | 'events.delete' | 'freeBusy.query';

export type FaultKind =
  | 'rate-limit' // 429 rateLimitExceeded
  | 'rate-limit-403' // 403 rateLimitExceeded
  | 'user-rate-limit-403' // 403 userRateLimitExceeded
  | 'forbidden' // 403 forbidden: not a rate limit, must not be retried
  | 'server-error' // 500 backendError
  | 'unavailable' // 503 backendError
  | 'drop-after-store' // the request takes effect, then the socket is destroyed without an answer
  | 'slow'; // the request takes effect, the answer waits delayMs

export interface FaultRule {
  fault: FaultKind;
  /** Kinds it applies to; all kinds when absent. */
  on?: CalendarRequestKind[];
  remaining: number;
  delayMs?: number;
}

export interface ConferenceBehaviour {
  /** Reads (events.get) that still see `pending` after the write that asked for the conference. */
  pendingReads: number;
  outcome: 'success' | 'failure';
}

export interface RequestRecord {
  kind: CalendarRequestKind;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | 'dropped';
}

/** What one answer of the fake was, for the schema check in tests. */
export interface AnswerRecord {
  kind: CalendarRequestKind;
  status: number;
  body: unknown;
}

export interface FakeCalendarOptions {
  tokens: TokenRegistry;
  now?: () => number;
  /** Time zone of every calendar (what Google calls the calendar's zone). */
  calendarTimeZone?: string;
}

interface Conference {
  requestId: string;
  readsLeft: number;
  outcome: 'success' | 'failure';
  code: string;
}

interface Stored {
  event: calendar_v3.Schema$Event;
  createdSeq: number;
  updatedSeq: number;
  etag: number;
  startMs: number;
  endMs: number;
  conference: Conference | null;
}

interface Calendar {
  id: string;
  events: Map<string, Stored>;
}

interface Reply {
  status: number;
  body?: unknown;
  error?: { reason: string; message: string; extra?: Record<string, string> };
}

const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/i;
const RFC3339_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FILTERS_REFUSED_WITH_SYNC_TOKEN = ['timeMin', 'timeMax', 'orderBy', 'q', 'iCalUID', 'updatedMin', 'privateExtendedProperty', 'sharedExtendedProperty'];

const CALENDAR_SCOPE = 'https://www.googleapis.com/auth/calendar';
/** Scopes Google accepts per method (Calendar API reference, "Authorization"). */
const SCOPES: Record<CalendarRequestKind, string[]> = {
  'events.insert': [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.events`, `${CALENDAR_SCOPE}.events.owned`],
  'events.patch': [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.events`, `${CALENDAR_SCOPE}.events.owned`],
  'events.delete': [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.events`, `${CALENDAR_SCOPE}.events.owned`],
  'events.get': [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.readonly`, `${CALENDAR_SCOPE}.events`, `${CALENDAR_SCOPE}.events.readonly`, `${CALENDAR_SCOPE}.events.owned`],
  'events.list': [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.readonly`, `${CALENDAR_SCOPE}.events`, `${CALENDAR_SCOPE}.events.readonly`, `${CALENDAR_SCOPE}.events.owned`],
  'freeBusy.query': [CALENDAR_SCOPE, `${CALENDAR_SCOPE}.readonly`, `${CALENDAR_SCOPE}.freebusy`, `${CALENDAR_SCOPE}.events.freebusy`],
};

const WRITABLE = [
  'summary',
  'description',
  'location',
  'transparency',
  'visibility',
  'status',
  'colorId',
  'guestsCanSeeOtherGuests',
  'guestsCanModify',
  'guestsCanInviteOthers',
  'source',
] as const;

const zoneValidity = new Map<string, boolean>();
function isValidZone(name: string): boolean {
  let valid = zoneValidity.get(name);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      valid = true;
    } catch {
      valid = false;
    }
    zoneValidity.set(name, valid);
  }
  return valid;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
function unb64<T>(token: string): T | null {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}

const bad = (reason: string, message: string, status = 400): Reply => ({ status, error: { reason, message } });

function meetCode(): string {
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + randomInt(26))).join('');
  return `${letters(3)}-${letters(4)}-${letters(3)}`;
}

export class FakeCalendar {
  readonly route: RouteModule;
  /** How the next conferences behave; read when a conference is asked for. */
  conference: ConferenceBehaviour = { pendingReads: 0, outcome: 'success' };
  readonly requests: RequestRecord[] = [];
  /** Who Google would have e-mailed: one entry per write with sendUpdates other than none. */
  readonly notifications: { kind: CalendarRequestKind; eventId: string; sendUpdates: string }[] = [];
  /** Called with every answer the fake sends (tests check them against Google's schema). */
  onAnswer: ((answer: AnswerRecord) => void) | null = null;

  private readonly calendars = new Map<string, Calendar>();
  private readonly faults: FaultRule[] = [];
  private readonly taps: ((req: FakeRequest, kind: CalendarRequestKind) => void)[] = [];
  private corruptNext: ((body: Record<string, unknown>) => void) | null = null;
  private seq = 0;
  /** Sync tokens carry the generation they were issued in; expireSyncTokens() moves it on. */
  private tokenGeneration = 1;
  private readonly tokens: TokenRegistry;
  private readonly now: () => number;
  private readonly zone: string;

  constructor(options: FakeCalendarOptions) {
    this.tokens = options.tokens;
    this.now = options.now ?? Date.now;
    this.zone = options.calendarTimeZone ?? 'America/Argentina/Buenos_Aires';
    this.route = (req) => this.handle(req);
  }

  // ---- switches for tests ------------------------------------------------

  /** The next `times` requests of the given kinds (all kinds when `on` is absent) meet the fault. */
  failNext(fault: FaultKind, options: { times?: number; on?: CalendarRequestKind | CalendarRequestKind[]; delayMs?: number } = {}): void {
    const on = options.on === undefined ? undefined : Array.isArray(options.on) ? options.on : [options.on];
    this.faults.push({ fault, on, remaining: options.times ?? 1, delayMs: options.delayMs });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Runs before each Calendar request is handled (after it is counted): lets a test act "between" requests. */
  tap(fn: (req: FakeRequest, kind: CalendarRequestKind) => void): () => void {
    this.taps.push(fn);
    return () => this.taps.splice(this.taps.indexOf(fn), 1);
  }

  /** Every sync token issued so far answers 410 fullSyncRequired. */
  expireSyncTokens(): void {
    this.tokenGeneration++;
  }

  /** The next event-shaped answer gets this change before it is sent: for the test that the schema check catches a wrong shape. */
  corruptNextEventAnswer(fn: (body: Record<string, unknown>) => void): void {
    this.corruptNext = fn;
  }

  count(kind?: CalendarRequestKind): number {
    return kind ? this.requests.filter((r) => r.kind === kind).length : this.requests.length;
  }

  resetRequests(): void {
    this.requests.length = 0;
  }

  // ---- Google Calendar as the teacher sees it ----------------------------

  addCalendar(calendarId: string): void {
    this.calendar(calendarId);
  }

  /** Every event of a calendar as events.get would return it (deleted ones included), in creation order. */
  allEvents(calendarId: string): calendar_v3.Schema$Event[] {
    return [...this.calendar(calendarId).events.values()].map((s) => this.view(calendarId, s, false));
  }

  /** Live (not deleted) events. */
  liveEvents(calendarId: string): calendar_v3.Schema$Event[] {
    return this.allEvents(calendarId).filter((e) => e.status !== 'cancelled');
  }

  peek(calendarId: string, eventId: string): calendar_v3.Schema$Event | undefined {
    const stored = this.calendar(calendarId).events.get(eventId);
    return stored && this.view(calendarId, stored, false);
  }

  /** An event made in Google Calendar by hand (or by the platform): no desk marks unless given. */
  addEvent(calendarId: string, event: calendar_v3.Schema$Event): calendar_v3.Schema$Event {
    const id = event.id ?? this.newId();
    const reply = this.insert(this.calendar(calendarId), { ...event, id }, new URLSearchParams());
    if (reply.error) throw new Error(`addEvent refused: ${reply.error.message}`);
    return reply.body as calendar_v3.Schema$Event;
  }

  /** Adds many events fast (bench): no validation beyond what insert does. */
  addEvents(calendarId: string, events: calendar_v3.Schema$Event[]): void {
    for (const event of events) this.addEvent(calendarId, event);
  }

  /** A change made in Google Calendar's own UI (move, rename, ...). */
  editEvent(calendarId: string, eventId: string, patch: calendar_v3.Schema$Event): calendar_v3.Schema$Event {
    const reply = this.patch(this.calendar(calendarId), eventId, patch, new URLSearchParams());
    if (reply.error) throw new Error(`editEvent refused: ${reply.error.message}`);
    return reply.body as calendar_v3.Schema$Event;
  }

  /** Deleted in Google Calendar: kept with status cancelled, like Google. */
  deleteEvent(calendarId: string, eventId: string): void {
    const reply = this.remove(this.calendar(calendarId), eventId, new URLSearchParams());
    if (reply.error) throw new Error(`deleteEvent refused: ${reply.error.message}`);
  }

  // ---- HTTP ---------------------------------------------------------------

  private async handle(req: FakeRequest): Promise<boolean> {
    const path = req.url.pathname;
    if (!path.startsWith('/calendar/v3/')) return false;
    const route = this.match(req.method, path);
    if (!route) return false;
    const { kind, calendarId, eventId } = route;
    const record: RequestRecord = { kind, method: req.method, path, query: Object.fromEntries(req.url.searchParams), status: 0 };
    this.requests.push(record);
    for (const tap of [...this.taps]) tap(req, kind);

    const auth = this.authorize(req, kind);
    if (auth.reply) return this.send(req, record, auth.reply);
    const fault = this.takeFault(kind);
    if (fault && fault.fault !== 'drop-after-store' && fault.fault !== 'slow') return this.send(req, record, this.faultReply(fault.fault));

    let body: Record<string, unknown> = {};
    if (req.method === 'POST' || req.method === 'PATCH' || req.method === 'PUT') {
      try {
        body = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
      } catch {
        return this.send(req, record, bad('parseError', 'Parse Error'));
      }
    }
    const calendar = calendarId === null ? null : this.resolveCalendar(calendarId, auth.email);
    let reply: Reply;
    if (calendarId !== null && !calendar) reply = bad('notFound', 'Not Found', 404);
    else reply = this.dispatch(kind, calendar, eventId, body, req.url.searchParams, auth.email);

    if (fault?.fault === 'drop-after-store') {
      record.status = 'dropped';
      req.res.socket?.destroy();
      req.res.destroy();
      return true;
    }
    if (fault?.fault === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
    return this.send(req, record, reply);
  }

  private match(method: string, path: string): { kind: CalendarRequestKind; calendarId: string | null; eventId: string | null } | null {
    if (method === 'POST' && path === '/calendar/v3/freeBusy') return { kind: 'freeBusy.query', calendarId: null, eventId: null };
    const m = /^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/.exec(path);
    if (!m) return null;
    const calendarId = decodeURIComponent(m[1] ?? '');
    const eventId = m[2] === undefined ? null : decodeURIComponent(m[2]);
    if (eventId === null) {
      if (method === 'POST') return { kind: 'events.insert', calendarId, eventId };
      if (method === 'GET') return { kind: 'events.list', calendarId, eventId };
      return null;
    }
    if (method === 'GET') return { kind: 'events.get', calendarId, eventId };
    if (method === 'PATCH') return { kind: 'events.patch', calendarId, eventId };
    if (method === 'DELETE') return { kind: 'events.delete', calendarId, eventId };
    return null;
  }

  private authorize(req: FakeRequest, kind: CalendarRequestKind): { reply?: Reply; email: string } {
    const header = req.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    const grant = token ? this.tokens.verify(token) : null;
    if (!grant) {
      return {
        email: '',
        reply: {
          status: 401,
          error: { reason: 'authError', message: 'Invalid Credentials', extra: { location: 'Authorization', locationType: 'header' } },
        },
      };
    }
    const granted = grant.scope.split(/\s+/);
    if (!SCOPES[kind].some((s) => granted.includes(s))) {
      return { email: grant.email, reply: bad('insufficientPermissions', 'Request had insufficient authentication scopes.', 403) };
    }
    return { email: grant.email };
  }

  private takeFault(kind: CalendarRequestKind): FaultRule | null {
    const rule = this.faults.find((f) => f.remaining > 0 && (!f.on || f.on.includes(kind)));
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining === 0) this.faults.splice(this.faults.indexOf(rule), 1);
    return rule;
  }

  private faultReply(fault: FaultKind): Reply {
    switch (fault) {
      case 'rate-limit':
        return bad('rateLimitExceeded', 'Rate Limit Exceeded', 429);
      case 'rate-limit-403':
        return bad('rateLimitExceeded', 'Rate Limit Exceeded', 403);
      case 'user-rate-limit-403':
        return bad('userRateLimitExceeded', 'User Rate Limit Exceeded', 403);
      case 'forbidden':
        return bad('forbidden', 'Forbidden', 403);
      case 'server-error':
        return bad('backendError', 'Backend Error', 500);
      default:
        return bad('backendError', 'The service is currently unavailable.', 503);
    }
  }

  private send(req: FakeRequest, record: RequestRecord, reply: Reply): true {
    record.status = reply.status;
    if (req.res.destroyed || req.res.writableEnded) return true; // the client gave up (timeout)
    if (reply.error) {
      sendGoogleApiError(req.res, reply.status, reply.error.reason, reply.error.message, reply.error.extra);
      return true;
    }
    if (reply.status === 204) {
      req.res.writeHead(204);
      req.res.end();
      return true;
    }
    let body = reply.body;
    if (this.corruptNext && body && typeof body === 'object' && (record.kind !== 'events.list' && record.kind !== 'freeBusy.query')) {
      body = structuredClone(body) as Record<string, unknown>;
      this.corruptNext(body as Record<string, unknown>);
      this.corruptNext = null;
    }
    this.onAnswer?.({ kind: record.kind, status: reply.status, body });
    sendJson(req.res, reply.status, body, { etag: (body as { etag?: string }).etag ?? '' });
    return true;
  }

  private dispatch(kind: CalendarRequestKind, calendar: Calendar | null, eventId: string | null, body: Record<string, unknown>, query: URLSearchParams, email: string): Reply {
    switch (kind) {
      case 'events.insert':
        return this.insert(calendar as Calendar, body as calendar_v3.Schema$Event, query);
      case 'events.get':
        return this.get(calendar as Calendar, eventId as string);
      case 'events.list':
        return this.list(calendar as Calendar, query);
      case 'events.patch':
        return this.patch(calendar as Calendar, eventId as string, body as calendar_v3.Schema$Event, query);
      case 'events.delete':
        return this.remove(calendar as Calendar, eventId as string, query);
      default:
        return this.freeBusy(body, email);
    }
  }

  // ---- calendars ----------------------------------------------------------

  private calendar(id: string): Calendar {
    let calendar = this.calendars.get(id);
    if (!calendar) {
      calendar = { id, events: new Map() };
      this.calendars.set(id, calendar);
    }
    return calendar;
  }

  /** "primary" is the signed-in account's own calendar; other ids must have been added. */
  private resolveCalendar(calendarId: string, email: string): Calendar | null {
    if (calendarId === 'primary' || calendarId === email) return this.calendar(email);
    return this.calendars.get(calendarId) ?? null;
  }

  private newId(): string {
    let id = '';
    for (let i = 0; i < 26; i++) id += '0123456789abcdefghijklmnopqrstuv'[randomInt(32)];
    return id;
  }

  // ---- events -------------------------------------------------------------

  private checkSendUpdates(query: URLSearchParams): Reply | null {
    const value = query.get('sendUpdates');
    if (value !== null && !['all', 'externalOnly', 'none'].includes(value)) return bad('invalid', `Invalid value for sendUpdates: ${value}`);
    return null;
  }

  private notify(kind: CalendarRequestKind, eventId: string, query: URLSearchParams): void {
    const value = query.get('sendUpdates') ?? 'false';
    if (value !== 'none' && value !== 'false') this.notifications.push({ kind, eventId, sendUpdates: value });
  }

  /** Validates start or end and returns the instant and the form Google stores (dateTime in the event's zone). */
  private eventTime(name: 'start' | 'end', value: unknown): { ms: number; stored: calendar_v3.Schema$EventDateTime } | Reply {
    if (!value || typeof value !== 'object') return bad('required', `Missing ${name} time.`);
    const t = value as calendar_v3.Schema$EventDateTime;
    if (t.timeZone != null && !isValidZone(t.timeZone)) return bad('invalid', `Invalid time zone definition for ${name} time.`);
    if (t.dateTime && t.date) return bad('invalid', `Invalid ${name} time: both date and dateTime given.`);
    if (t.date) {
      if (!DATE.test(t.date)) return bad('invalid', `Invalid ${name} time.`);
      return { ms: fromZonedTime(`${t.date}T00:00:00`, this.zone).getTime(), stored: { date: t.date } };
    }
    if (!t.dateTime) return bad('required', `Missing ${name} time.`);
    if (!RFC3339.test(t.dateTime)) return bad('invalid', `Invalid ${name} time.`);
    const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(t.dateTime);
    if (!hasOffset && !t.timeZone) return bad('required', `Missing time zone definition for ${name} time.`);
    const ms = hasOffset ? Date.parse(t.dateTime) : fromZonedTime(t.dateTime, t.timeZone as string).getTime();
    if (Number.isNaN(ms)) return bad('invalid', `Invalid ${name} time.`);
    // Google answers dateTime with the offset of the event's zone (or of the calendar's when none was given).
    const zone = t.timeZone ?? this.zone;
    const stored: calendar_v3.Schema$EventDateTime = { dateTime: formatInTimeZone(ms, zone, "yyyy-MM-dd'T'HH:mm:ssXXX") };
    if (t.timeZone) stored.timeZone = t.timeZone;
    return { ms, stored };
  }

  /** Applies writable fields of `input` onto `event`; returns an error reply or null. */
  private applyFields(stored: Stored, input: calendar_v3.Schema$Event, query: URLSearchParams, creating: boolean): Reply | null {
    const event = stored.event;
    if (input.recurrence?.length) return bad('invalid', 'The fake Google does not model recurring events.');
    if (input.transparency != null && !['opaque', 'transparent'].includes(input.transparency)) return bad('invalid', 'Invalid transparency value.');
    if (input.status != null && !['confirmed', 'tentative', 'cancelled'].includes(input.status)) return bad('invalid', 'Invalid status value.');
    if (input.visibility != null && !['default', 'public', 'private', 'confidential'].includes(input.visibility)) return bad('invalid', 'Invalid visibility value.');
    const startGiven = creating || input.start !== undefined;
    const endGiven = creating || input.end !== undefined;
    let startMs = stored.startMs;
    let endMs = stored.endMs;
    let start = event.start;
    let end = event.end;
    if (startGiven) {
      const r = this.eventTime('start', input.start);
      if ('status' in r) return r;
      startMs = r.ms;
      start = r.stored;
    }
    if (endGiven) {
      const r = this.eventTime('end', input.end);
      if ('status' in r) return r;
      endMs = r.ms;
      end = r.stored;
    }
    if (Boolean(start?.date) !== Boolean(end?.date)) return bad('invalid', 'Start and end times must either both be date or both be dateTime.');
    if (endMs <= startMs) return bad('timeRangeEmpty', 'The specified time range is empty.');
    if (input.attendees) {
      for (const a of input.attendees) if (!a?.email || !/^[^@\s]+@[^@\s]+$/.test(a.email)) return bad('required', 'Missing attendee email.');
    }
    if (input.extendedProperties) {
      for (const scope of ['private', 'shared'] as const) {
        for (const value of Object.values(input.extendedProperties[scope] ?? {})) if (typeof value !== 'string') return bad('invalid', 'Invalid extended property value.');
      }
    }
    let conference: Conference | null | undefined;
    const cdv = query.get('conferenceDataVersion');
    if (cdv !== null && cdv !== '0' && cdv !== '1') return bad('invalid', `Invalid conferenceDataVersion: ${cdv}`);
    if (cdv === '1' && input.conferenceData?.createRequest) {
      const request = input.conferenceData.createRequest;
      if (!request.requestId) return bad('invalid', 'Invalid conference request: requestId is required.');
      if (request.conferenceSolutionKey?.type !== 'hangoutsMeet') return bad('invalid', 'Invalid conference type value.');
      // Google ignores a createRequest it has already seen on this event.
      if (stored.conference?.requestId !== request.requestId) {
        conference = { requestId: request.requestId, readsLeft: this.conference.pendingReads, outcome: this.conference.outcome, code: meetCode() };
      }
    }

    for (const field of WRITABLE) {
      if (input[field] !== undefined) (event as Record<string, unknown>)[field] = input[field];
    }
    if (startGiven) event.start = start;
    if (endGiven) event.end = end;
    if (input.attendees !== undefined) event.attendees = (input.attendees ?? []).map((a) => ({ email: a.email, ...(a.displayName ? { displayName: a.displayName } : {}), responseStatus: a.responseStatus ?? 'needsAction' }));
    if (input.extendedProperties !== undefined) {
      // Patch merges the property maps key by key, like Google.
      const merged = { private: { ...event.extendedProperties?.private, ...input.extendedProperties?.private }, shared: { ...event.extendedProperties?.shared, ...input.extendedProperties?.shared } };
      event.extendedProperties = Object.fromEntries(Object.entries(merged).filter(([, v]) => Object.keys(v).length > 0));
    }
    if (!creating && (startMs !== stored.startMs || endMs !== stored.endMs)) event.sequence = (event.sequence ?? 0) + 1;
    stored.startMs = startMs;
    stored.endMs = endMs;
    if (conference) stored.conference = conference;
    return null;
  }

  private touch(stored: Stored): void {
    stored.updatedSeq = ++this.seq;
    stored.etag++;
    stored.event.updated = new Date(this.now()).toISOString();
  }

  private insert(calendar: Calendar, input: calendar_v3.Schema$Event, query: URLSearchParams): Reply {
    const sendUpdates = this.checkSendUpdates(query);
    if (sendUpdates) return sendUpdates;
    if (input.id != null && !EVENT_ID.test(input.id)) return bad('invalid', 'Invalid resource id value.');
    const id = input.id ?? this.newId();
    if (calendar.events.has(id)) return bad('duplicate', 'The requested identifier already exists.', 409);
    const nowIso = new Date(this.now()).toISOString();
    const stored: Stored = {
      event: { id, status: 'confirmed', created: nowIso, updated: nowIso, sequence: 0, creator: { email: calendar.id, self: true }, organizer: { email: calendar.id, self: true } },
      createdSeq: 0,
      updatedSeq: 0,
      etag: 1,
      startMs: 0,
      endMs: 0,
      conference: null,
    };
    const error = this.applyFields(stored, input, query, true);
    if (error) return error;
    stored.createdSeq = ++this.seq;
    stored.updatedSeq = stored.createdSeq;
    stored.etag = 3_000_000_000_000_000 + stored.createdSeq * 1000;
    calendar.events.set(id, stored);
    this.notify('events.insert', id, query);
    return { status: 200, body: this.view(calendar.id, stored, false) };
  }

  private get(calendar: Calendar, eventId: string): Reply {
    const stored = calendar.events.get(eventId);
    if (!stored) return bad('notFound', 'Not Found', 404);
    return { status: 200, body: this.view(calendar.id, stored, true) };
  }

  private patch(calendar: Calendar, eventId: string, input: calendar_v3.Schema$Event, query: URLSearchParams): Reply {
    const sendUpdates = this.checkSendUpdates(query);
    if (sendUpdates) return sendUpdates;
    const stored = calendar.events.get(eventId);
    if (!stored) return bad('notFound', 'Not Found', 404);
    if (input.id != null && input.id !== eventId) return bad('invalid', 'The event id cannot be changed.');
    // Validate on a copy so a refused patch changes nothing.
    const draft: Stored = { ...stored, event: structuredClone(stored.event) };
    const error = this.applyFields(draft, input, query, false);
    if (error) return error;
    Object.assign(stored, draft);
    this.touch(stored);
    this.notify('events.patch', eventId, query);
    return { status: 200, body: this.view(calendar.id, stored, false) };
  }

  private remove(calendar: Calendar, eventId: string, query: URLSearchParams): Reply {
    const sendUpdates = this.checkSendUpdates(query);
    if (sendUpdates) return sendUpdates;
    const stored = calendar.events.get(eventId);
    if (!stored) return bad('notFound', 'Not Found', 404);
    if (stored.event.status === 'cancelled') return bad('deleted', 'Resource has been deleted', 410);
    stored.event.status = 'cancelled';
    this.touch(stored);
    this.notify('events.delete', eventId, query);
    return { status: 204 };
  }

  /** The event as Google shows it. `read` counts a read toward a pending conference becoming ready. */
  private view(calendarId: string, stored: Stored, read: boolean): calendar_v3.Schema$Event {
    const { event } = stored;
    const out: calendar_v3.Schema$Event = {
      kind: 'calendar#event',
      etag: `"${stored.etag}"`,
      ...structuredClone(event),
      htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${calendarId}`).toString('base64url')}`,
      iCalUID: `${event.id}@google.com`,
      reminders: { useDefault: true },
      eventType: 'default',
    };
    const conference = stored.conference;
    if (conference) {
      let statusCode: 'pending' | 'success' | 'failure' = conference.outcome;
      if (conference.readsLeft > 0) {
        statusCode = 'pending';
        if (read) conference.readsLeft--;
      }
      out.conferenceData = {
        createRequest: { requestId: conference.requestId, conferenceSolutionKey: { type: 'hangoutsMeet' }, status: { statusCode } },
      };
      if (statusCode === 'success') {
        const uri = `https://meet.google.com/${conference.code}`;
        out.conferenceData.entryPoints = [{ entryPointType: 'video', uri, label: `meet.google.com/${conference.code}` }];
        out.conferenceData.conferenceSolution = { key: { type: 'hangoutsMeet' }, name: 'Google Meet', iconUri: 'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png' };
        out.conferenceData.conferenceId = conference.code;
        out.hangoutLink = uri;
      }
    }
    return out;
  }

  /** Deleted events in a list carry only what Google guarantees for them. */
  private listView(calendarId: string, stored: Stored): calendar_v3.Schema$Event {
    if (stored.event.status === 'cancelled') return { kind: 'calendar#event', etag: `"${stored.etag}"`, id: stored.event.id, status: 'cancelled' };
    return this.view(calendarId, stored, false);
  }

  // ---- list and sync ------------------------------------------------------

  private list(calendar: Calendar, query: URLSearchParams): Reply {
    const syncTokenText = query.get('syncToken');
    if (syncTokenText !== null) {
      const refused = FILTERS_REFUSED_WITH_SYNC_TOKEN.filter((p) => query.has(p));
      if (refused.length) return bad('invalid', `Sync token cannot be combined with ${refused.join(', ')}.`);
      if (query.get('showDeleted') === 'false') return bad('invalid', 'showDeleted cannot be false with a sync token.');
    }
    const maxText = query.get('maxResults');
    const maxResults = maxText === null ? 250 : Number(maxText);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 2500) return bad('invalid', 'Invalid value for maxResults.');
    const orderBy = query.get('orderBy');
    if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated') return bad('invalid', 'Invalid value for orderBy.');
    if (orderBy === 'startTime' && query.get('singleEvents') !== 'true') return bad('invalid', 'The requested ordering is not available for the particular query.');
    for (const name of ['timeMin', 'timeMax', 'updatedMin']) {
      const v = query.get(name);
      if (v !== null && !RFC3339_WITH_OFFSET.test(v)) return bad('invalid', `Bad Request: ${name} must be an RFC3339 timestamp with a time zone offset.`);
    }

    // The query a page token belongs to: the same list request except the page token.
    const fingerprintParams = new URLSearchParams(query);
    fingerprintParams.delete('pageToken');
    fingerprintParams.sort();
    const fingerprint = createHash('sha256').update(`${calendar.id}?${fingerprintParams.toString()}`).digest('base64url').slice(0, 16);

    let sinceSeq = 0;
    if (syncTokenText !== null) {
      const token = unb64<{ c: string; s: number; g: number }>(syncTokenText);
      if (!token || token.c !== calendar.id || typeof token.s !== 'number') return bad('invalid', 'Invalid sync token value.');
      if (token.g !== this.tokenGeneration) return bad('fullSyncRequired', 'Sync token is no longer valid, a full sync is required.', 410);
      sinceSeq = token.s;
    }

    let snapshot = this.seq;
    let after: number[] | null = null;
    const pageTokenText = query.get('pageToken');
    if (pageTokenText !== null) {
      const page = unb64<{ f: string; s: number; a: number[] }>(pageTokenText);
      if (!page || page.f !== fingerprint) return bad('invalid', 'Invalid page token value.');
      snapshot = page.s;
      after = page.a;
    }

    const showDeleted = syncTokenText !== null || query.get('showDeleted') === 'true';
    const timeMin = query.has('timeMin') ? Date.parse(query.get('timeMin') as string) : null;
    const timeMax = query.has('timeMax') ? Date.parse(query.get('timeMax') as string) : null;
    const updatedMin = query.has('updatedMin') ? Date.parse(query.get('updatedMin') as string) : null;
    const q = query.get('q')?.toLowerCase() ?? null;
    const privateProps = query.getAll('privateExtendedProperty').map((p) => p.split('=') as [string, string]);

    // A cursor (not an offset) pages through a stable order, so events that change between pages never push others out.
    const keyOf = (s: Stored): number[] =>
      syncTokenText !== null ? [s.updatedSeq] : orderBy === 'startTime' ? [s.startMs, s.createdSeq] : orderBy === 'updated' ? [s.updatedSeq, s.createdSeq] : [s.createdSeq];
    const greater = (a: number[], b: number[]) => {
      for (let i = 0; i < a.length; i++) if ((a[i] as number) !== (b[i] as number)) return (a[i] as number) > (b[i] as number);
      return false;
    };

    const matches: Stored[] = [];
    for (const s of calendar.events.values()) {
      if (syncTokenText !== null) {
        if (s.updatedSeq <= sinceSeq || s.updatedSeq > snapshot) continue;
      } else {
        if (!showDeleted && s.event.status === 'cancelled') continue;
        if (timeMin !== null && s.endMs <= timeMin) continue;
        if (timeMax !== null && s.startMs >= timeMax) continue;
        if (updatedMin !== null && Date.parse(s.event.updated ?? '') < updatedMin) continue;
        if (q && !`${s.event.summary ?? ''} ${s.event.description ?? ''}`.toLowerCase().includes(q)) continue;
        if (privateProps.some(([k, v]) => s.event.extendedProperties?.private?.[k] !== v)) continue;
      }
      if (after && !greater(keyOf(s), after)) continue;
      matches.push(s);
    }
    if (syncTokenText !== null || orderBy) {
      matches.sort((a, b) => (greater(keyOf(a), keyOf(b)) ? 1 : greater(keyOf(b), keyOf(a)) ? -1 : 0));
    }
    const page = matches.slice(0, maxResults);
    const more = matches.length > maxResults;
    const body: calendar_v3.Schema$Events = {
      kind: 'calendar#events',
      etag: `"p${snapshot}"`,
      summary: calendar.id,
      description: '',
      updated: new Date(this.now()).toISOString(),
      timeZone: this.zone,
      accessRole: 'owner',
      defaultReminders: [],
      items: page.map((s) => this.listView(calendar.id, s)),
    };
    const last = page[page.length - 1];
    if (more && last) body.nextPageToken = b64({ f: fingerprint, s: snapshot, a: keyOf(last) });
    else body.nextSyncToken = b64({ c: calendar.id, s: snapshot, g: this.tokenGeneration });
    return { status: 200, body };
  }

  // ---- freeBusy -----------------------------------------------------------

  private freeBusy(body: Record<string, unknown>, email: string): Reply {
    const request = body as calendar_v3.Schema$FreeBusyRequest;
    if (!request.timeMin) return bad('required', 'Missing timeMin.');
    if (!request.timeMax) return bad('required', 'Missing timeMax.');
    if (!RFC3339_WITH_OFFSET.test(request.timeMin) || !RFC3339_WITH_OFFSET.test(request.timeMax)) return bad('invalid', 'Bad Request');
    const zone = request.timeZone ?? 'UTC';
    if (!isValidZone(zone)) return bad('invalid', 'Invalid time zone.');
    const from = Date.parse(request.timeMin);
    const to = Date.parse(request.timeMax);
    if (to <= from) return bad('timeRangeEmpty', 'The specified time range is empty.');
    if (!request.items?.length) return bad('required', 'Missing items.');
    const fmt = (ms: number) => (zone === 'UTC' ? new Date(ms).toISOString().replace('.000Z', 'Z') : formatInTimeZone(ms, zone, "yyyy-MM-dd'T'HH:mm:ssXXX"));
    const calendars: calendar_v3.Schema$FreeBusyResponse['calendars'] = {};
    for (const item of request.items) {
      const id = item.id ?? '';
      const calendar = this.resolveCalendar(id, email);
      if (!calendar) {
        calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      const spans = [...calendar.events.values()]
        .filter((s) => s.event.status !== 'cancelled' && s.event.transparency !== 'transparent' && s.startMs < to && s.endMs > from)
        .map((s) => [Math.max(s.startMs, from), Math.min(s.endMs, to)] as [number, number])
        .sort((a, b) => a[0] - b[0]);
      const merged: [number, number][] = [];
      for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
        else merged.push([...span]);
      }
      calendars[id] = { busy: merged.map(([s, e]) => ({ start: fmt(s), end: fmt(e) })) };
    }
    return { status: 200, body: { kind: 'calendar#freeBusy', timeMin: request.timeMin, timeMax: request.timeMax, calendars } satisfies calendar_v3.Schema$FreeBusyResponse };
  }
}

export function createFakeCalendar(options: FakeCalendarOptions): FakeCalendar {
  return new FakeCalendar(options);
}
