import { useCallback, useEffect, useMemo, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/errors';
import type { OutboxAction } from '../../../shared/outbox';
import { api } from '../api';

export interface OutboxState {
  actions: OutboxAction[];
  /** Ids of classes with an action waiting or stopped, for the week's marker. */
  waitingIds: ReadonlySet<string>;
  withdraw(id: string): Promise<IpcError | null>;
  sendAnyway(id: string): Promise<IpcError | null>;
}

/** Main's outbox: class actions kept while Google Calendar cannot be reached. */
export function useOutbox(): OutboxState {
  const [actions, setActions] = useState<OutboxAction[]>([]);
  useEffect(() => {
    let live = true;
    void api.listOutbox({}).then((reply) => {
      if (live && reply.ok) setActions(reply.value.actions);
    });
    const off = api.on('outboxChanged', (next) => setActions(next.actions));
    return () => {
      live = false;
      off();
    };
  }, []);
  const waitingIds = useMemo(() => new Set(actions.map((a) => a.bookingId)), [actions]);
  const withdraw = useCallback(async (id: string) => {
    const reply = await api.withdrawOutboxAction({ id });
    if (!reply.ok) return reply.error;
    setActions(reply.value.actions);
    return null;
  }, []);
  const sendAnyway = useCallback(async (id: string) => {
    const reply = await api.sendOutboxActionAnyway({ id });
    if (!reply.ok) return reply.error;
    setActions(reply.value.actions);
    return null;
  }, []);
  return { actions, waitingIds, withdraw, sendAnyway };
}
