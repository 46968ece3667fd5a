import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import type { OutboxAction, OutboxConflict, OutboxKind } from '../../shared/outbox';
import type { CalendarEngine, SendUpdates, Slot } from '../calendar/calendar-engine';
import type { Logger } from '../logger';
import { alreadyDone, busyConflict, eventConflict, localConflict, refusedConflict } from './outbox-checks';

/** Sending one action of the outbox (outbox.ts keeps the list and the order). */

export interface OutboxRequest {
  kind: OutboxKind;
  bookingId: string;
  sendUpdates?: SendUpdates;
  slot?: Slot;
}

export type OutboxEngine = Pick<CalendarEngine, 'confirm' | 'reschedule' | 'cancel' | 'complete' | 'checkFreeBusy' | 'readClassEvent'>;

export interface SendDeps {
  engine: OutboxEngine;
  store: { get(id: string): Booking | undefined };
  log: Logger;
}

export type SendOutcome = 'sent' | 'stopped' | 'later';

/** Refusals that sending again cannot change: the action stops and the teacher is asked. Anything else (offline, rate limits, a failed save) is tried again later. */
const REFUSED = new Set(['CONFLICT', 'TRANSITION_REFUSED', 'NOT_FOUND', 'INVALID_REQUEST']);

/** The engine call of an action; each is idempotent (see main/calendar/README.md, "The outbox"). */
export function sendDirect(engine: OutboxEngine, request: OutboxRequest): Promise<Booking> {
  const { bookingId, sendUpdates } = request;
  switch (request.kind) {
    case 'confirm':
      return engine.confirm(bookingId, { sendUpdates });
    case 'reschedule':
      if (!request.slot) return Promise.reject(new AppError('INVALID_REQUEST', 'A reschedule needs the new start and end.'));
      return engine.reschedule(bookingId, request.slot, { sendUpdates });
    case 'cancel':
      return engine.cancel(bookingId, { sendUpdates });
    case 'complete':
      return engine.complete(bookingId);
  }
}

/**
 * One waiting action: already done (removed), the world changed (stopped,
 * with both sides), sent (removed once Google took it and the class was
 * saved), or Google still away (left waiting).
 */
export async function sendAction(deps: SendDeps, action: OutboxAction, record: { done(): Promise<void>; stop(conflict: OutboxConflict): Promise<void> }): Promise<SendOutcome> {
  const booking = deps.store.get(action.bookingId);
  if (booking && alreadyDone(action, booking)) {
    deps.log.info('waiting class action was already done; removed', { actionId: action.id, bookingId: action.bookingId });
    await record.done();
    return 'sent';
  }
  const local = localConflict(action, booking);
  if (local || !booking) {
    if (local) await record.stop(local);
    return 'stopped';
  }
  try {
    if (action.kind === 'confirm') {
      const busy = busyConflict(action, booking, await deps.engine.checkFreeBusy(booking.id));
      if (busy) return (await record.stop(busy), 'stopped');
    }
    if (action.kind === 'reschedule' || action.kind === 'complete') {
      const changed = eventConflict(action, booking, await deps.engine.readClassEvent(booking.id));
      if (changed) return (await record.stop(changed), 'stopped');
    }
    await sendDirect(deps.engine, { kind: action.kind, bookingId: action.bookingId, sendUpdates: action.sendUpdates, ...(action.slot ? { slot: action.slot } : {}) });
  } catch (error) {
    if (error instanceof AppError && REFUSED.has(error.code)) {
      await record.stop(refusedConflict(action, booking, error.message));
      return 'stopped';
    }
    deps.log.warn('a waiting class action could not be sent yet', { actionId: action.id, error: error instanceof Error ? error.message : String(error) });
    return 'later';
  }
  await record.done();
  deps.log.info('waiting class action sent', { actionId: action.id, bookingId: action.bookingId, kind: action.kind });
  return 'sent';
}
