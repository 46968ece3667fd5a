import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Booking } from '../../../shared/booking';
import type { StaleRules } from '../../../shared/business/stale';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import type { OutboxState } from '../hooks/useOutbox';
import type { Translate } from '../i18n';
import { Dialog } from '../inout/Dialog';
import { DONE, QueueRow, shownKind, type QueueItem, type QueueRowActions, type RowState } from './QueueRow';

export interface ToConfirmDialogProps {
  t: Translate;
  locale: Locale;
  timeZone: string;
  staleRules: StaleRules;
  /** No connection to Google: Confirm and Cancel are kept in the outbox and sent when it is back, as in the details panel. */
  offline: boolean;
  outbox: OutboxState;
  onChanged(booking: Booking): void;
  onClose(): void;
}

const IDLE: RowState = { kind: 'idle' };

/**
 * The queue of classes waiting for the teacher (Cal.com's "Unconfirmed"):
 * each row confirms with main's exactly-once confirm, cancels (after a
 * second click) or, when flagged stale, is marked paid. Rows stay where
 * they are with their progress, so several can be done in a row; arrow keys
 * move between rows and Enter confirms the focused one. Offline, Confirm and
 * Cancel go to the outbox: the row shows the action waiting (withdrawable),
 * and turns confirmed or cancelled when main has sent it.
 */
export function ToConfirmDialog({ t, locale, timeZone, staleRules, offline, outbox, onChanged, onClose }: ToConfirmDialogProps) {
  const [items, setItems] = useState<QueueItem[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    void api.listToConfirm({}).then((reply) => {
      if (reply.ok) setItems(reply.value.items);
      else setLoadError(reply.error);
    });
  }, []);

  useEffect(
    () =>
      api.on('confirmProgress', (progress) => {
        setRows((r) => (r[progress.id]?.kind === 'working' ? { ...r, [progress.id]: { kind: 'working', step: progress.step } } : r));
      }),
    [],
  );

  const setRow = useCallback((id: string, state: RowState) => setRows((r) => ({ ...r, [id]: state })), []);
  const replaceItem = useCallback((booking: Booking, stale?: QueueItem['stale']) => {
    setItems((all) => all?.map((item) => (item.booking.id === booking.id ? { booking, stale: stale === undefined ? item.stale : stale } : item)) ?? all);
  }, []);

  // A row's waiting actions left the outbox (sent, or withdrawn): the row shows what became of the class.
  const watched = useRef(new Set<string>());
  useEffect(() => {
    for (const id of watched.current) {
      if (outbox.waitingIds.has(id)) continue;
      watched.current.delete(id);
      void api.getBooking({ id }).then((reply) => {
        if (!reply.ok) return setRow(id, { kind: 'error', error: reply.error });
        const b = reply.value;
        replaceItem(b);
        setRow(id, b.status === 'scheduled' ? { kind: 'confirmed' } : b.status === 'cancelled' ? { kind: 'cancelled' } : IDLE);
        onChanged(b);
      });
    }
    for (const item of items ?? []) if (outbox.waitingIds.has(item.booking.id)) watched.current.add(item.booking.id);
  }, [outbox.waitingIds, items, setRow, replaceItem, onChanged]);

  const run = async (booking: Booking, done: 'confirmed' | 'cancelled' | 'paid', call: () => Promise<{ ok: true; value: Booking } | { ok: false; error: IpcError }>) => {
    setRow(booking.id, { kind: 'working', step: null });
    const reply = await call();
    if (!reply.ok) {
      setRow(booking.id, { kind: 'error', error: reply.error });
      return;
    }
    // Still pending after Confirm or Cancel: main kept it in the outbox until Google is back.
    const kept = done !== 'paid' && reply.value.status === 'pending';
    setRow(booking.id, kept ? { kind: 'queued' } : { kind: done });
    replaceItem(reply.value, done === 'paid' ? null : undefined);
    onChanged(reply.value);
  };
  const act: QueueRowActions = {
    setRow,
    confirmNow: (b) => void run(b, 'confirmed', () => api.confirmBooking({ id: b.id, sendUpdates: 'none' })),
    // As the details panel does: free/busy first (an overlap asks before confirming); offline there is none to ask, the outbox asks before sending.
    confirm: (b) =>
      void (async () => {
        if (offline) return act.confirmNow(b);
        setRow(b.id, { kind: 'working', step: 'checking' });
        const check = await api.checkFreeBusy({ id: b.id });
        if (!check.ok) return setRow(b.id, { kind: 'error', error: check.error });
        if (check.value.overlaps.length > 0) return setRow(b.id, { kind: 'overlaps', count: check.value.overlaps.length });
        act.confirmNow(b);
      })(),
    cancel: (b) => void run(b, 'cancelled', () => api.cancelBooking({ id: b.id, sendUpdates: 'none' })),
    markPaid: (b) => void run(b, 'paid', () => api.setPayment({ id: b.id, payment: { state: 'paid', amount: b.payment?.amount ?? b.classPrice } })),
  };

  const total = items?.length ?? 0;
  const done = Object.values(rows).filter((r) => DONE.includes(r.kind)).length;
  const waitingOf = (id: string) => (outbox.waitingIds.has(id) ? outbox.actions.filter((a) => a.bookingId === id) : []);

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, item: QueueItem) => {
    const rowsEls = [...(list.current?.querySelectorAll<HTMLLIElement>('li.queue-row') ?? [])];
    const at = rowsEls.indexOf(e.currentTarget);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      rowsEls[Math.min(rowsEls.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      const shown = shownKind(rows[item.booking.id] ?? IDLE, waitingOf(item.booking.id));
      if (shown === 'idle' || shown === 'error' || shown === 'paid') act.confirm(item.booking);
    }
  };

  return (
    <Dialog
      title={t('queue.title')}
      subtitle={t('queue.subtitle')}
      onClose={onClose}
      closeLabel={t('queue.close')}
      busy={Object.values(rows).some((r) => r.kind === 'working')}
      className="queue-dialog"
      testId="queue-dialog"
      footer={
        <>
          <p className="muted queue-keys">{t('queue.keys')}</p>
          {total > 0 ? (
            <p className="queue-progress" data-testid="queue-progress" role="status">
              {t('queue.progress', { done, total })}
            </p>
          ) : null}
          <button type="button" className="button" onClick={onClose}>
            {t('queue.close')}
          </button>
        </>
      }
    >
      {loadError ? <ErrorBox error={loadError} t={t} /> : null}
      {items === null && !loadError ? <p className="muted">{t('earnings.loading')}</p> : null}
      {items?.length === 0 ? <p data-testid="queue-empty">{t('queue.empty')}</p> : null}
      {offline ? (
        <p className="action-reason" data-testid="queue-offline-note">
          {t('outbox.offlineNote')}
        </p>
      ) : null}
      <ol className="queue-list" ref={list} aria-label={t('queue.title')}>
        {items?.map((item, index) => (
          <QueueRow
            key={item.booking.id}
            item={item}
            first={index === 0}
            state={rows[item.booking.id] ?? IDLE}
            waiting={waitingOf(item.booking.id)}
            outbox={outbox}
            staleRules={staleRules}
            timeZone={timeZone}
            locale={locale}
            t={t}
            act={act}
            onKeyDown={(e) => onRowKey(e, item)}
          />
        ))}
      </ol>
    </Dialog>
  );
}
