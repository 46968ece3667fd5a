import type { SyncStatus } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Logger } from '../logger';
import type { CalendarEngine } from './calendar-engine';

export interface SyncServiceDeps {
  engine: Pick<CalendarEngine, 'sync'>;
  /** Whether a Google account is connected; no sync is tried otherwise. */
  isConnected(): boolean;
  /** Why there is no account when the keychain is the cause (the status says so rather than signed-out); null otherwise. */
  keychainBlock?(): KeychainBlock | null;
  /** Called by a poll while keychainBlock() says so: a keyring unlocked since then is picked up without signing in again. */
  retryKeychain?(): Promise<unknown>;
  /** The last successful sync, as the store has it (in memory only when that sync changed nothing else). */
  lastSyncedAt(): string | null;
  onStatus(status: SyncStatus): void;
  log: Logger;
  /** A desktop app gets no push from Google, so it polls: every few minutes, more often while offline. */
  intervalMs?: number;
  offlineRetryMs?: number;
  setTimer?: (run: () => void, ms: number) => { cancel(): void };
  /** Class actions wait to be sent (the outbox): poll as often as while offline, so they go out soon. */
  hasWaitingWork?(): boolean;
}

export type KeychainBlock = 'keychain-locked' | 'keychain-unavailable';

const defaultTimer = (run: () => void, ms: number) => {
  const handle = setTimeout(run, ms);
  handle.unref?.();
  return { cancel: () => clearTimeout(handle) };
};

/**
 * Keeps the calendar in sync and says how it is going: syncing, offline
 * (with the last sync time the offline banner shows), an error in plain
 * words, signed out, or held up by a locked or unreachable keychain. Sync
 * now and window focus call syncNow().
 */
export function createSyncService(deps: SyncServiceDeps) {
  const intervalMs = deps.intervalMs ?? 5 * 60_000;
  const offlineRetryMs = deps.offlineRetryMs ?? 30_000;
  const setTimer = deps.setTimer ?? defaultTimer;
  const notConnected = (): SyncStatus['state'] => deps.keychainBlock?.() ?? 'signed-out';
  let status: SyncStatus = { state: deps.isConnected() ? 'idle' : notConnected(), lastSyncedAt: deps.lastSyncedAt(), message: null };
  let timer: { cancel(): void } | null = null;
  let running: Promise<SyncStatus> | null = null;
  let stopped = true;

  const set = (next: SyncStatus) => {
    status = next;
    deps.onStatus(next);
  };

  const schedule = () => {
    timer?.cancel();
    if (stopped) return;
    const soon = status.state === 'offline' || (deps.hasWaitingWork?.() ?? false);
    timer = setTimer(() => void syncNow(), soon ? offlineRetryMs : intervalMs);
  };

  async function run(): Promise<SyncStatus> {
    if (!deps.isConnected() && deps.keychainBlock?.() && deps.retryKeychain) {
      await deps.retryKeychain().catch((error: unknown) => deps.log.warn('keychain retry failed', { error: String(error) }));
    }
    if (!deps.isConnected()) {
      set({ state: notConnected(), lastSyncedAt: deps.lastSyncedAt(), message: null });
      return status;
    }
    set({ ...status, state: 'syncing', message: null });
    try {
      await deps.engine.sync();
      set({ state: 'idle', lastSyncedAt: deps.lastSyncedAt(), message: null });
    } catch (error) {
      const lastSyncedAt = deps.lastSyncedAt();
      if (error instanceof AppError && error.code === 'OFFLINE') set({ state: 'offline', lastSyncedAt, message: error.message });
      else if (error instanceof AppError && (error.code === 'NEEDS_RECONNECT' || error.code === 'NOT_SIGNED_IN')) set({ state: 'signed-out', lastSyncedAt, message: error.message });
      else if (error instanceof AppError && error.code === 'KEYCHAIN_LOCKED') set({ state: 'keychain-locked', lastSyncedAt, message: error.message });
      else if (error instanceof AppError && error.code === 'KEYCHAIN_UNAVAILABLE') set({ state: 'keychain-unavailable', lastSyncedAt, message: error.message });
      else {
        const message = error instanceof AppError ? error.message : 'The calendar could not be synced. Details are in the log.';
        if (!(error instanceof AppError)) deps.log.error('sync failed', { error: String(error) });
        set({ state: 'error', lastSyncedAt, message });
      }
    }
    return status;
  }

  function syncNow(): Promise<SyncStatus> {
    running ??= run().finally(() => {
      running = null;
      schedule();
    });
    return running;
  }

  return {
    status: () => status,
    syncNow,
    /** Starts polling with a first sync at once. */
    start() {
      stopped = false;
      void syncNow();
    },
    stop() {
      stopped = true;
      timer?.cancel();
      timer = null;
    },
  };
}
export type SyncService = ReturnType<typeof createSyncService>;
