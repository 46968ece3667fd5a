import type { Notice } from '../shared/ipc/contract';
import { localeFromSystem } from '../shared/settings';
import { AccountService } from './auth/account-service';
import { clientIdStoreOver } from './auth/client-config';
import { accountHandlers } from './auth/handlers';
import type { SecretStore } from './auth/secret-store';
import { bookingHandlers } from './bookings/handlers';
import { createCalendarEngine } from './calendar/calendar-engine';
import { calendarHandlers } from './calendar/handlers';
import { createSyncService } from './calendar/sync-service';
import type { Clock } from './clock';
import { createEventBus, type EventBus } from './events';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatch';
import type { Logger } from './logger';
import type { Platform } from './platform';
import { settingsHandlers } from './settings/handlers';
import { createSettingsStore, type KeyValueBackend } from './settings/settings-store';
import { openBookingStore } from './store/booking-store';
import { inOutHandlers } from './import/in-out-handlers';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  settingsBackend: KeyValueBackend;
  platform: Platform;
  /** The OS keychain (@napi-rs/keyring); the only place the refresh token and client secret are kept. */
  secrets: SecretStore;
  /** Where GOOGLE_* endpoint and client overrides are read. */
  env: Record<string, string | undefined>;
  clock: Clock;
  log: Logger;
  /** The system's language tag (e.g. "en-US"): the default language until the teacher picks one. */
  systemLocale?: string;
  /** The import worker's built file (Electron: out/main/import-worker.cjs); its TypeScript source when unset (tests, harness). */
  importWorkerFile?: string;
  /** How often the calendar is polled (a desktop app gets no push), and retried while offline. */
  syncIntervalMs?: number;
  offlineRetryMs?: number;
}

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  notices(): Notice[];
  close(): Promise<void>;
}

/**
 * The composition root of the plain-Node core. Electron's main process and
 * the browser harness both call this and differ only in what they inject.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { dataDir, clock, log } = options;
  const events = createEventBus();
  const settings = createSettingsStore(options.settingsBackend, log, { locale: localeFromSystem(options.systemLocale) });
  const store = await openBookingStore({ dataDir, clock, log });
  const account = new AccountService({
    secrets: options.secrets,
    clientIds: clientIdStoreOver(options.settingsBackend),
    openUrl: (url) => options.platform.openSignInPage(url),
    logger: log,
    env: options.env,
  });
  await account.restore();
  const engine = createCalendarEngine({
    getAuthClient: async () => account.authorizedClient(),
    onInvalidGrant: () => account.reportInvalidGrant(),
    store,
    settings: () => settings.get(),
    clock,
    log,
    onBookingsChanged: (reason) => events.emit('bookingsChanged', { reason }),
  });
  const sync = createSyncService({
    engine,
    isConnected: () => account.state.kind === 'connected',
    keychainBlock: () => (account.state.kind === 'keychain-locked' || account.state.kind === 'keychain-unavailable' ? account.state.kind : null),
    // Not retryKeychain(): a background poll never makes a desktop keyring ask to be unlocked.
    retryKeychain: () => account.restoreIfUnlocked(),
    // The store has the newest sync time, in memory when that sync changed nothing else (main/store/README.md).
    lastSyncedAt: () => store.calendarState().lastSyncedAt,
    onStatus: (status) => events.emit('syncStatusChanged', status),
    log,
    intervalMs: options.syncIntervalMs,
    offlineRetryMs: options.offlineRetryMs,
  });
  account.onChange((state) => {
    // Connected: sync now. Otherwise the status follows at once (signed out, keychain locked…), without calling Google.
    if (state.kind !== 'signing-in') void sync.syncNow();
  });
  const notices = () => [...store.notices, ...settings.notices];
  for (const notice of notices()) log.warn(notice.message, { kind: notice.kind });

  const handlers: Handlers = {
    getAppStatus: () => ({ version: options.appVersion, notices: notices() }),
    ...bookingHandlers({ store, settings, clock, events }),
    ...settingsHandlers(settings, events),
    ...accountHandlers(account, events),
    ...calendarHandlers({ engine, sync, store, platform: options.platform, events }),
    ...inOutHandlers({ store, settings, clock, events, log, saveFile: (name, content) => options.platform.saveFile(name, content), workerFile: options.importWorkerFile }),
  };
  // In the background, so the window opens from the cache at once even when Google is slow or away:
  // first finish any confirm a crash cut short, then start polling.
  let closed = false;
  void (async () => {
    if (account.state.kind === 'connected') {
      await engine.heal().catch((error: unknown) => log.warn('could not heal unfinished confirms yet', { error: String(error) }));
    }
    if (!closed) sync.start();
  })();
  return {
    dispatch: createDispatcher(handlers, log),
    events,
    notices,
    async close() {
      closed = true;
      sync.stop();
      await store.close();
    },
  };
}
