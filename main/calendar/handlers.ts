import { AppError } from '../../shared/ipc/errors';
import type { EventBus } from '../events';
import type { Handlers } from '../ipc/dispatch';
import type { Platform } from '../platform';
import type { Outbox } from '../outbox/outbox';
import type { BookingStore } from '../store/booking-store';
import type { CalendarEngine } from './calendar-engine';
import type { SyncService } from './sync-service';

export type CalendarMethods =
  | 'checkFreeBusy'
  | 'confirmBooking'
  | 'rescheduleBooking'
  | 'cancelBooking'
  | 'completeBooking'
  | 'syncNow'
  | 'getSyncStatus'
  | 'copyMeetLink'
  | 'openLink'
  | 'listOutbox'
  | 'withdrawOutboxAction'
  | 'sendOutboxActionAnyway';

export interface CalendarHandlerDeps {
  engine: CalendarEngine;
  sync: SyncService;
  store: BookingStore;
  platform: Platform;
  events: EventBus;
  /** Class actions go through it: sent now, or kept while Google cannot be reached. */
  outbox: Outbox;
}

/** The class actions of the details panel, the sync controls, and the links, which work offline from the cache. */
export function calendarHandlers({ engine, sync, store, platform, events, outbox }: CalendarHandlerDeps): Pick<Handlers, CalendarMethods> {
  const booking = (id: string) => {
    const found = store.get(id);
    if (!found) throw new AppError('NOT_FOUND', 'That class is no longer in Teacher Desk.');
    return found;
  };
  return {
    checkFreeBusy: async ({ id }) => ({ overlaps: (await engine.checkFreeBusy(id)).overlaps }),
    confirmBooking: async ({ id, sendUpdates }) => {
      const confirmed = await outbox.submit({ kind: 'confirm', bookingId: id, sendUpdates }, () =>
        engine.confirm(id, { sendUpdates, onProgress: ({ step, attempt }) => events.emit('confirmProgress', { id, step, attempt }) }),
      );
      events.emit('confirmProgress', { id, step: 'done' });
      return confirmed;
    },
    rescheduleBooking: ({ id, startTime, endTime, sendUpdates }) => outbox.submit({ kind: 'reschedule', bookingId: id, slot: { startTime, endTime }, sendUpdates }),
    cancelBooking: ({ id, sendUpdates }) => outbox.submit({ kind: 'cancel', bookingId: id, sendUpdates }),
    completeBooking: ({ id }) => outbox.submit({ kind: 'complete', bookingId: id }),
    listOutbox: () => ({ actions: outbox.list() }),
    withdrawOutboxAction: async ({ id }) => ({ actions: await outbox.withdraw(id) }),
    sendOutboxActionAnyway: async ({ id }) => ({ actions: await outbox.sendAnyway(id) }),
    syncNow: () => sync.syncNow(),
    getSyncStatus: () => sync.status(),
    async copyMeetLink({ id }) {
      const link = booking(id).meetLink;
      if (!link) throw new AppError('NOT_FOUND', 'This class has no Meet link yet: confirm it first.');
      await platform.writeClipboard(link);
      return { copied: true as const };
    },
    async openLink({ id, which }) {
      const found = booking(id);
      const link = which === 'meet' ? found.meetLink : found.calendarLink;
      if (!link) throw new AppError('NOT_FOUND', which === 'meet' ? 'This class has no Meet link yet: confirm it first.' : 'This class has no calendar event yet: confirm it first.');
      await platform.openExternal(link);
      return { opened: true as const };
    },
  };
}
