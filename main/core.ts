import type { Notice } from '../shared/ipc/contract';
import { bookingHandlers } from './bookings/handlers';
import type { Clock } from './clock';
import { createEventBus, type EventBus } from './events';
import { createDispatcher, type Dispatch, type Handlers } from './ipc/dispatch';
import type { Logger } from './logger';
import type { Platform } from './platform';
import { settingsHandlers } from './settings/handlers';
import { createSettingsStore, type KeyValueBackend } from './settings/settings-store';
import { openBookingStore } from './store/booking-store';
import { unbuiltHandlers } from './ipc/unbuilt-handlers';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  settingsBackend: KeyValueBackend;
  platform: Platform;
  clock: Clock;
  log: Logger;
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
  const settings = createSettingsStore(options.settingsBackend, log);
  const store = await openBookingStore({ dataDir, clock, log });
  const notices = () => [...store.notices, ...settings.notices];
  for (const notice of notices()) log.warn(notice.message, { kind: notice.kind });

  const handlers: Handlers = {
    ...unbuiltHandlers,
    getAppStatus: () => ({ version: options.appVersion, notices: notices() }),
    ...bookingHandlers({ store, settings, clock, events }),
    ...settingsHandlers(settings, events),
  };
  return {
    dispatch: createDispatcher(handlers, log),
    events,
    notices,
    close: () => store.close(),
  };
}
