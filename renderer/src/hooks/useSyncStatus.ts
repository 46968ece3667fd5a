import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncStatus } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import { api } from '../api';

/** Focus and reconnection ask main to sync at most this often; the periodic sync itself lives in main. */
export const FOCUS_SYNC_INTERVAL_MS = 60_000;

export interface SyncState {
  /** Main's sync status; null until it answers (or while sync is not built yet). */
  status: SyncStatus | null;
  /** False while main answers NOT_CONFIGURED (the calendar engine is not wired in this build). */
  available: boolean;
  /** The error of the last sync the teacher asked for, if it failed. */
  error: IpcError | null;
  syncNow(options?: { quiet?: boolean }): Promise<void>;
  clearError(): void;
}

export function useSyncStatus(onSynced: () => void): SyncState {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [available, setAvailable] = useState(true);
  const [error, setError] = useState<IpcError | null>(null);
  const lastRequest = useRef(0);
  const onSyncedRef = useRef(onSynced);
  const stateRef = useRef<SyncStatus['state'] | null>(null);
  useEffect(() => {
    onSyncedRef.current = onSynced;
  }, [onSynced]);

  useEffect(() => {
    let live = true;
    void api.getSyncStatus({}).then((reply) => {
      if (!live) return;
      if (reply.ok) {
        stateRef.current = reply.value.state;
        setStatus(reply.value);
      } else if (reply.error.code === 'NOT_CONFIGURED') setAvailable(false);
    });
    const off = api.on('syncStatusChanged', (next) => {
      setAvailable(true);
      // A sync that just finished may have brought changes (main also sends bookingsChanged; a second load is harmless).
      if (stateRef.current === 'syncing' && next.state !== 'syncing') onSyncedRef.current();
      stateRef.current = next.state;
      setStatus(next);
    });
    return () => {
      live = false;
      off();
    };
  }, []);

  const syncNow = useCallback(async ({ quiet = false }: { quiet?: boolean } = {}) => {
    lastRequest.current = Date.now();
    if (!quiet) setError(null);
    setStatus((s) => (s ? { ...s, state: 'syncing' } : s));
    const reply = await api.syncNow({});
    if (reply.ok) {
      setAvailable(true);
      setStatus(reply.value);
      onSyncedRef.current();
      return;
    }
    if (reply.error.code === 'NOT_CONFIGURED') setAvailable(false);
    // Put back what main last said (the optimistic "syncing" was ours).
    const again = await api.getSyncStatus({});
    setStatus(again.ok ? again.value : (s) => (s ? { ...s, state: reply.error.code === 'OFFLINE' ? 'offline' : 'error' } : s));
    if (!quiet) setError(reply.error);
  }, []);

  // Sync when the window comes back to the front or the network returns, at most once a minute.
  useEffect(() => {
    const maybeSync = () => {
      if (Date.now() - lastRequest.current >= FOCUS_SYNC_INTERVAL_MS) void syncNow({ quiet: true });
    };
    lastRequest.current = Date.now();
    window.addEventListener('focus', maybeSync);
    window.addEventListener('online', maybeSync);
    return () => {
      window.removeEventListener('focus', maybeSync);
      window.removeEventListener('online', maybeSync);
    };
  }, [syncNow]);

  return { status, available, error, syncNow, clearError: useCallback(() => setError(null), []) };
}
