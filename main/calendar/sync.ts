import { EMPTY_CALENDAR_STATE } from '../../shared/calendar';
import { silentLogger } from '../logger';
import type { StoreData } from '../store/booking-store';
import type { EngineContext } from './context';
import { SyncTokenExpired, type CalendarEvent, type ListParams } from './google-calendar';
import { applyEventsPage, finishSync, type FinishOptions, type PageContext } from './sync-apply';
import { toZonedIso } from './zoned-time';

export interface SyncSummary {
  mode: 'full' | 'incremental';
  pages: number;
  /** Bookings and busy blocks that changed. */
  changed: number;
  /** HTTP requests made, retries included. */
  requests: number;
}

const DAY_MS = 86_400_000;

/**
 * Brings the store up to date with the calendar: a full sync of recent and
 * upcoming events the first time (and whenever Google says 410), then
 * incremental syncs with the newest token. Pages are of 2,500 events
 * (Google's maximum), each written in one mutate if it changes anything, so
 * an interruption (offline, revoked grant) keeps what was already written.
 * The token and the sync time go to the store with the last page, always:
 * when nothing else changed, the store keeps them in memory and writes
 * nothing (its own rule, main/store/README.md), so a sync that changes
 * nothing writes nothing.
 */
export async function syncCalendar(ctx: EngineContext): Promise<SyncSummary> {
  const requestsBefore = ctx.google.requestCount;
  const { calendarId } = ctx.settings();
  let state = ctx.store.calendarState();
  if (state.calendarId !== calendarId) {
    // Another calendar: its token and busy time say nothing about this one.
    ctx.log.info('calendar changed; starting sync afresh', { calendarId });
    await ctx.store.mutate((draft) => {
      draft.calendar = { ...EMPTY_CALENDAR_STATE, busyBlocks: [], calendarId };
    });
    state = ctx.store.calendarState();
  }
  const syncToken = state.syncToken;

  let result: Omit<SyncSummary, 'requests'>;
  if (syncToken) {
    try {
      result = await runSync(ctx, calendarId, syncToken);
    } catch (error) {
      if (!(error instanceof SyncTokenExpired)) throw error;
      ctx.log.info('sync token expired; doing a full sync', {});
      // The full sync's last page gives the store the new token.
      result = await runSync(ctx, calendarId, null);
    }
  } else {
    result = await runSync(ctx, calendarId, null);
  }
  return { ...result, requests: ctx.google.requestCount - requestsBefore };
}

async function runSync(ctx: EngineContext, calendarId: string, syncToken: string | null): Promise<Omit<SyncSummary, 'requests'>> {
  const { timeZone } = ctx.settings();
  const mode = syncToken ? 'incremental' : 'full';
  const windowStartMs = ctx.clock().getTime() - ctx.tuning.syncWindowDays * DAY_MS;
  // Incremental requests carry the token and never a filter (Google refuses timeMin, timeMax, orderBy, q with it).
  // singleEvents and maxResults are not filters: they keep the list shaped as the full sync was.
  const base: ListParams = syncToken
    ? { syncToken, showDeleted: true, singleEvents: true, maxResults: ctx.tuning.pageSize }
    : { timeMin: toZonedIso(windowStartMs, timeZone), showDeleted: true, singleEvents: true, maxResults: ctx.tuning.pageSize };
  const seen = syncToken ? null : new Set<string>();
  let pages = 0;
  let changed = 0;
  let pageToken: string | undefined;
  for (;;) {
    const page = await ctx.google.listEvents(calendarId, pageToken ? { ...base, pageToken } : base);
    pages++;
    const next = page.nextPageToken ?? undefined;
    const events = page.items ?? [];
    const nowIso = ctx.clock().toISOString();
    const pageContext: PageContext = { timeZone, nowIso, log: ctx.log, seen };
    const finish: FinishOptions | null = next ? null : { syncToken: page.nextSyncToken ?? null, nowIso, windowStartMs, seen };
    const applies = pageWouldChange(ctx, events, pageContext);
    // The last page always reaches the store: its token and sync time at least (kept in memory there when that is all).
    if (applies || finish) {
      changed += await ctx.store.mutate((draft) => {
        let n = applies ? applyEventsPage(draft, events, pageContext) : 0;
        if (finish) n += finishSync(draft, finish);
        return n;
      });
    }
    if (finish) break;
    pageToken = next;
  }
  ctx.log.info('calendar synced', { mode, pages, changed });
  return { mode, pages, changed };
}

/**
 * Whether a page's events would change the store, tried on a copy so that a
 * page that changes nothing is not applied (nor its warnings logged) twice.
 * The mutate that follows applies the page again to the store's state of
 * that moment, so a change made in between is never overwritten.
 */
function pageWouldChange(ctx: EngineContext, events: CalendarEvent[], page: PageContext): boolean {
  if (events.length === 0) return false;
  // A draft as mutate makes one: a fresh array of the stored (frozen) bookings, which the page replaces, never edits.
  const draft: StoreData = { schemaVersion: 0, bookings: ctx.store.all().slice(), calendar: ctx.store.calendarState() };
  return applyEventsPage(draft, events, { ...page, log: silentLogger, stopAtFirstChange: true }) > 0;
}
