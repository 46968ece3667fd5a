import type { Notice } from '../shared/ipc/contract';
import { localeFromSystem } from '../shared/settings';
import { AccountService } from './auth/account-service';
import { clientIdStoreOver } from './auth/client-config';
import { accountHandlers } from './auth/handlers';
import type { SecretStore } from './auth/secret-store';
import { bookingHandlers } from './bookings/handlers';
import { paymentHandlers } from './bookings/payment-handlers';
import { businessHandlers } from './business/handlers';
import { openPaymentLedger } from './import/payment-ledger';
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
import { emptyPlatformExportState, PLATFORM_CHANGES_FILE, PlatformExportStateSchema } from './export/platform-changes';
import { openJsonFile } from './small-store/json-file';
import { OutboxFileSchema } from '../shared/outbox';
import { createOutbox, emptyOutbox, OUTBOX_FILE } from './outbox/outbox';

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
  /** Time limits of Google calls (defaults: 10 s a request, 25 s a call with its retries); tests shorten them. */
  googleTimeouts?: { requestMs?: number; callBudgetMs?: number };
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
  const payments = await openPaymentLedger(dataDir, log);
  const platformExportState = await openJsonFile({ dataDir, name: PLATFORM_CHANGES_FILE, schema: PlatformExportStateSchema, empty: emptyPlatformExportState, log });
  const account = new AccountService({
    secrets: options.secrets,
    clientIds: clientIdStoreOver(options.settingsBackend),
    openUrl: (url) => options.platform.openSignInPage(url),
    logger: log,
    env: options.env,
    ...(options.googleTimeouts?.requestMs ? { oauthTimeoutMs: options.googleTimeouts.requestMs } : {}),
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
    tuning: {
      ...(options.googleTimeouts?.requestMs ? { requestTimeoutMs: options.googleTimeouts.requestMs } : {}),
      ...(options.googleTimeouts?.callBudgetMs ? { callBudgetMs: options.googleTimeouts.callBudgetMs } : {}),
    },
  });
  // Kept in a small file of its own beside bookings.json (same atomic-write rules), not in the store.
  const outbox = createOutbox({
    file: await openJsonFile({ dataDir, name: OUTBOX_FILE, schema: OutboxFileSchema, empty: emptyOutbox, log }),
    engine,
    store,
    isOffline: () => sync.status().state === 'offline',
    clock,
    log,
    onChange: (actions) => events.emit('outboxChanged', { actions }),
  });
  const sync = createSyncService({
    engine,
    isConnected: () => account.state.kind === 'connected',
    keychainBlock: () => (account.state.kind === 'keychain-locked' || account.state.kind === 'keychain-unavailable' ? account.state.kind : null),
    // Not retryKeychain(): a background poll never makes a desktop keyring ask to be unlocked.
    retryKeychain: () => account.restoreIfUnlocked(),
    // The store has the newest sync time, in memory when that sync changed nothing else (main/store/README.md).
    lastSyncedAt: () => store.calendarState().lastSyncedAt,
    onStatus: (status) => {
      events.emit('syncStatusChanged', status);
      // Google answered: what waited goes out, in order, with no click.
      if (status.state === 'idle' && outbox.list().length > 0) void outbox.drain();
    },
    log,
    intervalMs: options.syncIntervalMs,
    offlineRetryMs: options.offlineRetryMs,
    hasWaitingWork: () => outbox.list().some((a) => a.state === 'waiting'),
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
    ...paymentHandlers({ store, clock, events }),
    ...businessHandlers({
      store,
      settings,
      clock,
      log,
      events,
      saveFile: (name, content) => options.platform.saveFile(name, content),
      writeClipboard: (text) => options.platform.writeClipboard(text),
    }),
    ...settingsHandlers(settings, events),
    ...accountHandlers(account, events),
    ...calendarHandlers({ engine, sync, store, platform: options.platform, events, outbox }),
    ...inOutHandlers({ store, settings, clock, events, log, payments, saveFile: (name, content) => options.platform.saveFile(name, content), workerFile: options.importWorkerFile, platformExportState }),
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
