import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/ipc/contract';
import { createSyncService } from '../../main/calendar/sync-service';
import { startCalendarHarness, type CalendarHarness } from './support/calendar-harness';

/**
 * A Google that accepts connections and never answers (the fake's 'hang'
 * fault). The limits are shortened here (300 ms a request, 1 s a call);
 * tests/unit/retry-budget.test.ts shows the defaults keep to 30 s.
 */
const REQUEST_MS = 1000;
/** Slack of 1 s on top for a loaded machine; without the budget a hang costs 5 tries and their backoff (about 9 s here). */
const BUDGET_MS = 2_500;
const OFFLINE_POLL_MS = 400;

let h: CalendarHarness;
beforeEach(async () => {
  h = await startCalendarHarness();
});
afterEach(async () => {
  h.server.answer();
  await h.close();
});

function waitFor(statuses: SyncStatus[], state: SyncStatus['state'], withinMs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (statuses.at(-1)?.state === state) {
        clearInterval(timer);
        resolve(performance.now() - started);
      } else if (performance.now() - started > withinMs) {
        clearInterval(timer);
        reject(new Error(`not ${state} within ${withinMs} ms; last ${JSON.stringify(statuses.at(-1))}`));
      }
    }, 10);
  });
}

describe('a Google that never answers', () => {
  it('says offline within the call budget, and is back within one poll once Google answers', async () => {
    // Real sleeps for backoff, so the budget is measured against real waits.
    const engine = h.newEngine({ tuning: { requestTimeoutMs: REQUEST_MS, callBudgetMs: BUDGET_MS }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const statuses: SyncStatus[] = [];
    const sync = createSyncService({ engine, isConnected: () => true, lastSyncedAt: () => h.store.calendarState().lastSyncedAt, onStatus: (s) => statuses.push(s), log: h.log, offlineRetryMs: OFFLINE_POLL_MS });
    sync.start();
    await waitFor(statuses, 'idle', 5_000);

    h.server.hang();
    const started = performance.now();
    const status = await sync.syncNow();
    const took = performance.now() - started;
    expect(status.state).toBe('offline');
    expect(took).toBeLessThanOrEqual(BUDGET_MS + 1_000);
    // It did try more than once (the hang is retried like a dropped connection), and each try was cut at the limit.
    expect(took).toBeGreaterThanOrEqual(REQUEST_MS);
    expect(h.fake.requests.length).toBeGreaterThan(0);

    h.server.answer();
    // The offline poll comes by itself; no click.
    await waitFor(statuses, 'idle', OFFLINE_POLL_MS + 500);
    sync.stop();
  });

  it('a confirm during the hang fails as OFFLINE within the budget and leaves the class pending', async () => {
    const engine = h.newEngine({ tuning: { requestTimeoutMs: REQUEST_MS, callBudgetMs: BUDGET_MS }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const booking = await h.addBooking();
    h.server.hang();
    const started = performance.now();
    await expect(engine.confirm(booking.id)).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(performance.now() - started).toBeLessThanOrEqual(BUDGET_MS + 1_000);
    expect(h.store.get(booking.id)?.status).toBe('pending');
  });

  it('a token refresh that hangs inside a call is cut at the same limit', async () => {
    const engine = h.newEngine({ tuning: { requestTimeoutMs: REQUEST_MS, callBudgetMs: BUDGET_MS }, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    // The access token is due, so the client first asks the token endpoint, which never answers either.
    h.auth.setCredentials({ ...h.auth.credentials, expiry_date: Date.now() - 60_000 });
    h.server.hang();
    const started = performance.now();
    await expect(engine.sync()).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(performance.now() - started).toBeLessThanOrEqual(BUDGET_MS + 1_000);
    expect(h.server.requestLog.some((line) => line.startsWith('POST /token') || line.includes('token'))).toBe(true);
  });
});
