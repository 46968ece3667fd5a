import type { Settings } from '../../shared/settings';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { exportBookings } from '../export/export-service';
import { exportPlatformChanges, type PlatformExportState } from '../export/platform-changes';
import type { JsonFile } from '../small-store/json-file';
import type { SaveFile } from '../export/save-file';
import type { Handlers } from '../ipc/dispatch';
import type { Logger } from '../logger';
import { searchBookings } from '../search/search-bookings';
import type { BookingStore } from '../store/booking-store';
import { createImportService } from './import-service';
import type { PaymentLedger } from './payment-ledger';

/**
 * The IPC handlers of "bookings in and out" (issue 6), ready to spread into
 * the handlers of main/core.ts. Import progress goes out as the
 * `importProgress` event, and a commit that changed anything as
 * `bookingsChanged`.
 */

export type InOutMethods = 'previewImport' | 'commitImport' | 'searchBookings' | 'exportBookings' | 'exportPlatformChanges';

export interface InOutHandlerDeps {
  store: BookingStore;
  settings: { get(): Settings };
  clock: Clock;
  events: EventBus;
  log: Logger;
  /** Electron's save dialog in the app, a folder in the harness. */
  saveFile: SaveFile;
  /** Platform payments read so far (payments.json beside the bookings). */
  payments?: PaymentLedger;
  /** The import worker's file (see ImportServiceDeps.workerFile). */
  workerFile?: string;
  /** What the platform export last said (main/export/platform-changes.ts). */
  platformExportState: JsonFile<PlatformExportState>;
}

export function inOutHandlers({ store, settings, clock, events, log, saveFile, payments, workerFile, platformExportState }: InOutHandlerDeps): Pick<Handlers, InOutMethods> {
  const imports = createImportService({
    store,
    settings: () => settings.get(),
    clock,
    log,
    onProgress: (progress) => events.emit('importProgress', progress),
    payments,
    workerFile,
  });
  return {
    previewImport: (request) => imports.preview(request),
    async commitImport(request) {
      const result = await imports.commit(request);
      if (result.created + result.updated > 0) events.emit('bookingsChanged', { reason: 'import' });
      return result;
    },
    searchBookings: ({ query }) => ({ results: searchBookings(store, query, 50, clock) }),
    exportBookings: (request) => exportBookings({ store, settings: () => settings.get(), clock, saveFile, log }, request),
    exportPlatformChanges: () => exportPlatformChanges({ store, state: platformExportState, saveFile, clock, log }),
  };
}
