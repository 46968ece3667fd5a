import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/errors';
import type { SyncStatus } from '../../shared/ipc/contract';
import { createSyncService } from '../../main/calendar/sync-service';
import { silentLogger } from '../../main/logger';

function setup(outcomes: (Error | null)[], connected = true, waiting = () => false) {
  const statuses: SyncStatus[] = [];
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = [];
  let last: string | null = '2026-11-20T10:00:00.000Z';
  const service = createSyncService({
    engine: {
      async sync() {
        const outcome = outcomes.shift() ?? null;
        if (outcome) throw outcome;
        last = '2026-11-24T12:00:00.000Z';
        return { mode: 'incremental', pages: 1, changed: 0, requests: 1 };
      },
    },
    isConnected: () => connected,
    lastSyncedAt: () => last,
    onStatus: (status) => statuses.push(status),
    log: silentLogger,
    intervalMs: 300_000,
    offlineRetryMs: 30_000,
    hasWaitingWork: waiting,
    setTimer: (run, ms) => {
      const timer = { ms, run, cancelled: false };
      timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  });
  return { service, statuses, timers };
}

describe('the sync service', () => {
  it('shows syncing, then the new last sync time, and polls every few minutes', async () => {
    const { service, statuses, timers } = setup([null]);
    service.start();
    const status = await service.syncNow();
    expect(statuses.map((s) => s.state)).toEqual(['syncing', 'idle']);
    expect(status).toEqual({ state: 'idle', lastSyncedAt: '2026-11-24T12:00:00.000Z', message: null });
    expect(timers.at(-1)!.ms).toBe(300_000);
  });

  it('polls as often as while offline while class actions wait to be sent', async () => {
    let waiting = true;
    const { service, timers } = setup([null, null], true, () => waiting);
    service.start();
    await service.syncNow();
    expect(timers.at(-1)!.ms).toBe(30_000);
    waiting = false;
    await service.syncNow();
    expect(timers.at(-1)!.ms).toBe(300_000);
  });

  it('goes offline keeping the last sync time, retries sooner, and comes back on its own', async () => {
    const { service, statuses, timers } = setup([new AppError('OFFLINE', 'Google cannot be reached.'), null]);
    service.start();
    await service.syncNow();
    expect(service.status()).toEqual({ state: 'offline', lastSyncedAt: '2026-11-20T10:00:00.000Z', message: 'Google cannot be reached.' });
    const retry = timers.at(-1)!;
    expect(retry.ms).toBe(30_000);
    retry.run();
    await service.syncNow();
    expect(service.status().state).toBe('idle');
    expect(statuses.map((s) => s.state)).toEqual(['syncing', 'offline', 'syncing', 'idle']);
  });

  it('says signed-out when Google wants a reconnect, and does not try while signed out', async () => {
    const { service } = setup([new AppError('NEEDS_RECONNECT', 'Connect again.')]);
    expect((await service.syncNow()).state).toBe('signed-out');
    const signedOut = setup([], false);
    expect((await signedOut.service.syncNow()).state).toBe('signed-out');
    expect(signedOut.statuses.map((s) => s.state)).toEqual(['signed-out']);
  });

  it('reports other failures in plain words', async () => {
    const { service } = setup([new AppError('RATE_LIMITED', 'Google is busy; try again in a minute.')]);
    expect(await service.syncNow()).toMatchObject({ state: 'error', message: 'Google is busy; try again in a minute.' });
    const odd = setup([new Error('boom')]);
    expect(await odd.service.syncNow()).toMatchObject({ state: 'error', message: 'The calendar could not be synced. Details are in the log.' });
  });

  it('stops polling when stopped', async () => {
    const { service, timers } = setup([null]);
    service.start();
    await service.syncNow();
    service.stop();
    expect(timers.every((t) => t.cancelled)).toBe(true);
  });

  it('follows the account when the keychain is locked or unreachable: never "signed-out"', async () => {
    const account = { connected: false, block: 'keychain-locked' as 'keychain-locked' | 'keychain-unavailable' | null };
    const statuses: SyncStatus[] = [];
    const service = createSyncService({
      engine: { sync: async () => ({ mode: 'full', pages: 1, changed: 0, requests: 1 }) },
      isConnected: () => account.connected,
      keychainBlock: () => account.block,
      lastSyncedAt: () => null,
      onStatus: (status) => statuses.push(status),
      log: silentLogger,
    });
    expect(service.status().state).toBe('keychain-locked');
    expect((await service.syncNow()).state).toBe('keychain-locked');
    account.block = 'keychain-unavailable';
    expect((await service.syncNow()).state).toBe('keychain-unavailable');
    expect(statuses.map((s) => s.state)).not.toContain('signed-out');
  });

  it('a poll while the keychain is locked retries it, and syncs as soon as the account is back', async () => {
    const account = { connected: false };
    let retries = 0;
    const service = createSyncService({
      engine: { sync: async () => ({ mode: 'full', pages: 1, changed: 0, requests: 1 }) },
      isConnected: () => account.connected,
      keychainBlock: () => (account.connected ? null : 'keychain-locked'),
      retryKeychain: async () => {
        retries++;
        if (retries === 2) account.connected = true; // unlocked between the two polls
      },
      lastSyncedAt: () => null,
      onStatus: () => {},
      log: silentLogger,
    });
    expect((await service.syncNow()).state).toBe('keychain-locked');
    expect((await service.syncNow()).state).toBe('idle');
    expect(retries).toBe(2);
  });

  it('a sync refused because the keychain locked meanwhile says so', async () => {
    const { service } = setup([new AppError('KEYCHAIN_LOCKED', 'The system keychain is locked.')]);
    expect(await service.syncNow()).toMatchObject({ state: 'keychain-locked', message: 'The system keychain is locked.' });
  });
});
