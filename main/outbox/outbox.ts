import { randomUUID } from 'node:crypto';
import type { Booking } from '../../shared/booking';
import { transition } from '../../shared/booking-status';
import { AppError } from '../../shared/ipc/errors';
import type { OutboxAction, OutboxConflict, OutboxFile } from '../../shared/outbox';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { JsonFile } from '../small-store/json-file';
import { projected } from './outbox-checks';
import { sendAction, sendDirect, type OutboxEngine, type OutboxRequest } from './outbox-send';

/**
 * The outbox (issue 15): Confirm, Reschedule, Cancel and Complete taken
 * while Google cannot be reached are kept in `outbox.json` (a small file of
 * its own, atomic writes, surviving a restart or a crash) and sent in the
 * order they were taken, without a click, once Google answers. Each send is
 * idempotent (derived event ids, 409 adopts; 410 on delete is done; a patch
 * to the same times or mark changes nothing), so an action cut short by a
 * crash and sent again still reaches Google's calendar once. When the world
 * changed meanwhile the action stops and the teacher is asked.
 */

export const OUTBOX_FILE = 'outbox.json';
export const emptyOutbox = (): OutboxFile => ({ version: 1, actions: [] });

export type { OutboxRequest } from './outbox-send';

export interface OutboxDeps {
  file: JsonFile<OutboxFile>;
  engine: OutboxEngine;
  store: { get(id: string): Booking | undefined };
  /** True while the last sync found Google unreachable: actions are queued straight away then. */
  isOffline(): boolean;
  clock: Clock;
  log: Logger;
  onChange(actions: OutboxAction[]): void;
  newId?: () => string;
}

export function createOutbox(deps: OutboxDeps) {
  const newId = deps.newId ?? randomUUID;
  let draining: Promise<void> | null = null;
  let sendingId: string | null = null;

  const actions = () => deps.file.get().actions;
  const forBooking = (bookingId: string) => actions().filter((a) => a.bookingId === bookingId);
  const save = async (change: (list: OutboxAction[]) => OutboxAction[]) => {
    const next = await deps.file.update((current) => ({ ...current, actions: change(current.actions) }));
    deps.onChange(next.actions);
  };

  async function queue(request: OutboxRequest, booking: Booking): Promise<Booking> {
    const basis = projected(booking, forBooking(booking.id));
    const step = transition(basis.status, request.kind);
    if (!step.ok) throw new AppError('TRANSITION_REFUSED', step.reason);
    const action: OutboxAction = {
      id: newId(),
      bookingId: booking.id,
      kind: request.kind,
      sendUpdates: request.sendUpdates ?? 'none',
      slot: request.slot ?? null,
      queuedAt: deps.clock().toISOString(),
      basis,
      state: 'waiting',
      conflict: null,
      force: false,
    };
    await save((list) => [...list, action]);
    deps.log.info('class action kept until Google answers', { bookingId: booking.id, kind: request.kind, actionId: action.id });
    return booking;
  }

  const record = (action: OutboxAction) => ({
    done: () => save((list) => list.filter((a) => a.id !== action.id)),
    async stop(conflict: OutboxConflict) {
      deps.log.warn('a waiting class action stopped: the teacher is asked', { actionId: action.id, bookingId: action.bookingId, reason: conflict.reason });
      await save((list) => list.map((a) => (a.id === action.id ? { ...a, state: 'conflict' as const, conflict } : a)));
    },
  });

  async function drainOnce(): Promise<void> {
    // In the order taken; a class with a stopped action keeps its later ones waiting behind it.
    const blocked = new Set<string>();
    for (;;) {
      const next = actions().find((a) => {
        if (a.state === 'conflict') blocked.add(a.bookingId);
        return a.state === 'waiting' && !blocked.has(a.bookingId);
      });
      if (!next) return;
      sendingId = next.id;
      let outcome: 'sent' | 'stopped' | 'later';
      try {
        outcome = await sendAction(deps, next, record(next));
      } finally {
        sendingId = null;
      }
      if (outcome === 'later') return;
      if (outcome === 'stopped') blocked.add(next.bookingId);
    }
  }

  return {
    list: (): OutboxAction[] => actions(),
    /**
     * A class action from the teacher. Sent at once when Google is there and
     * nothing is waiting for the class; kept otherwise, or when Google turns
     * out to be unreachable now. Returns the class as the desk has it.
     */
    async submit(request: OutboxRequest, run: () => Promise<Booking> = () => sendDirect(deps.engine, request)): Promise<Booking> {
      const booking = deps.store.get(request.bookingId);
      if (!booking) throw new AppError('NOT_FOUND', 'That class is no longer in Teacher Desk.');
      if (deps.isOffline()) return queue(request, booking);
      if (forBooking(booking.id).length > 0) {
        // Behind the class's earlier actions, which Google may take now.
        const queued = await queue(request, booking);
        void this.drain();
        return queued;
      }
      try {
        return await run();
      } catch (error) {
        if (error instanceof AppError && error.code === 'OFFLINE') return queue(request, deps.store.get(request.bookingId) ?? booking);
        throw error;
      }
    },
    /** Sends what waits, in order; one run at a time. Called after each good sync. */
    drain(): Promise<void> {
      draining ??= drainOnce()
        .catch((error: unknown) => deps.log.error('sending waiting class actions failed', { error: String(error) }))
        .finally(() => {
          draining = null;
        });
      return draining;
    },
    /** The teacher takes a waiting or stopped action back: nothing is sent. */
    async withdraw(id: string): Promise<OutboxAction[]> {
      if (!actions().some((a) => a.id === id)) throw new AppError('NOT_FOUND', 'That waiting action is no longer there (it was sent or taken back).');
      if (sendingId === id) throw new AppError('CONFLICT', 'That action is being sent to Google Calendar right now; it cannot be taken back.');
      await save((list) => list.filter((a) => a.id !== id));
      return actions();
    },
    /** The teacher saw both sides of a stopped action and wants it sent as asked. */
    async sendAnyway(id: string): Promise<OutboxAction[]> {
      const action = actions().find((a) => a.id === id);
      if (!action) throw new AppError('NOT_FOUND', 'That waiting action is no longer there (it was sent or taken back).');
      if (action.state !== 'conflict' || !action.conflict?.canSendAnyway) throw new AppError('CONFLICT', 'This action cannot be sent as it is; take it back instead.');
      const booking = deps.store.get(action.bookingId);
      // The class may have moved meanwhile; the action now leaves from where it is.
      const basis = booking ? { ...action.basis, startTime: booking.startTime, endTime: booking.endTime } : action.basis;
      await save((list) => list.map((a) => (a.id === id ? { ...a, basis, state: 'waiting', conflict: null, force: true } : a)));
      if (!deps.isOffline()) void this.drain();
      return actions();
    },
  };
}
export type Outbox = ReturnType<typeof createOutbox>;
