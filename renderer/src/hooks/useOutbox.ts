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
  // Main tells every change of the outbox, in order (outboxChanged): that stream is the one truth. A reply
  // (the first list, a withdraw's, a send's) may arrive after a newer event and would put an older list back.
  useEffect(() => {
    let live = true;
    let told = false;
    void api.listOutbox({}).then((reply) => {
      if (live && !told && reply.ok) setActions(reply.value.actions);
    });
    const off = api.on('outboxChanged', (next) => {
      told = true;
      setActions(next.actions);
    });
    return () => {
      live = false;
      off();
    };
  }, []);
  const waitingIds = useMemo(() => new Set(actions.map((a) => a.bookingId)), [actions]);
  const withdraw = useCallback(async (id: string) => {
    const reply = await api.withdrawOutboxAction({ id });
    return reply.ok ? null : reply.error;
  }, []);
  const sendAnyway = useCallback(async (id: string) => {
    const reply = await api.sendOutboxActionAnyway({ id });
    return reply.ok ? null : reply.error;
  }, []);
  return { actions, waitingIds, withdraw, sendAnyway };
}
