import { EMPTY_CALENDAR_STATE } from '../../shared/calendar';
import type { EngineContext } from './context';
import { SyncTokenExpired, type CalendarEvent, type ListParams } from './google-calendar';
import { applyEventsPage, finishSync } from './sync-apply';
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
 * incremental syncs with the saved token. Pages are written in one mutate
 * each time `syncEventsPerWrite` events have arrived, and with the last
 * page, so an interruption (offline, revoked grant) keeps what was already
 * written; the token is saved only with the last page.
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

  let result: Omit<SyncSummary, 'requests'>;
  if (state.syncToken) {
    try {
      result = await runSync(ctx, state.syncToken);
    } catch (error) {
      if (!(error instanceof SyncTokenExpired)) throw error;
      ctx.log.info('sync token expired; doing a full sync', {});
      await ctx.store.mutate((draft) => {
        draft.calendar.syncToken = null;
      });
      result = await runSync(ctx, null);
    }
  } else {
    result = await runSync(ctx, null);
  }
  return { ...result, requests: ctx.google.requestCount - requestsBefore };
}

async function runSync(ctx: EngineContext, syncToken: string | null): Promise<Omit<SyncSummary, 'requests'>> {
  const { calendarId, timeZone } = ctx.settings();
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
  // Pages wait here until enough events gathered for a write: one write per page would rewrite the whole file eighty times for a large calendar.
  let pending: CalendarEvent[][] = [];
  let pendingEvents = 0;
  for (;;) {
    const page = await ctx.google.listEvents(calendarId, pageToken ? { ...base, pageToken } : base);
    pages++;
    const next = page.nextPageToken ?? undefined;
    pending.push(page.items ?? []);
    pendingEvents += page.items?.length ?? 0;
    if (!next || pendingEvents >= ctx.tuning.syncEventsPerWrite) {
      const batch = pending;
      const nowIso = ctx.clock().toISOString();
      changed += await ctx.store.mutate((draft) => {
        let n = 0;
        for (const events of batch) n += applyEventsPage(draft, events, { timeZone, nowIso, log: ctx.log, seen });
        if (!next) n += finishSync(draft, { syncToken: page.nextSyncToken ?? null, nowIso, windowStartMs, seen });
        return n;
      });
      pending = [];
      pendingEvents = 0;
    }
    if (!next) break;
    pageToken = next;
  }
  ctx.log.info('calendar synced', { mode, pages, changed });
  return { mode, pages, changed };
}
