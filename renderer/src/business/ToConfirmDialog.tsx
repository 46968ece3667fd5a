import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Booking } from '../../../shared/booking';
import type { StaleRules } from '../../../shared/business/stale';
import type { EventPayload, ReplyOf } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { formatWhen } from '../format';
import type { MessageKey, Translate } from '../i18n';
import { Dialog } from '../inout/Dialog';
import { PaymentBadge } from './PaymentLine';

type Item = ReplyOf<'listToConfirm'>['items'][number];
type Step = EventPayload<'confirmProgress'>['step'];

type RowState =
  | { kind: 'idle' }
  | { kind: 'asking-cancel' }
  | { kind: 'working'; step: Step | 'checking' | null }
  | { kind: 'overlaps'; count: number }
  | { kind: 'confirmed' | 'cancelled' | 'paid' }
  | { kind: 'error'; error: IpcError };

const DONE: RowState['kind'][] = ['confirmed', 'cancelled'];

export interface ToConfirmDialogProps {
  t: Translate;
  locale: Locale;
  timeZone: string;
  staleRules: StaleRules;
  /** Confirm and cancel need Google: disabled offline, with the reason. */
  offline: boolean;
  onChanged(booking: Booking): void;
  onClose(): void;
}

/**
 * The queue of classes waiting for the teacher (Cal.com's "Unconfirmed"):
 * each row confirms with main's exactly-once confirm, cancels (after a
 * second click) or, when flagged stale, is marked paid. Rows stay where
 * they are with their progress, so several can be done in a row; arrow keys
 * move between rows and Enter confirms the focused one.
 */
export function ToConfirmDialog({ t, locale, timeZone, staleRules, offline, onChanged, onClose }: ToConfirmDialogProps) {
  const [items, setItems] = useState<Item[] | null>(null);
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

  const setRow = (id: string, state: RowState) => setRows((r) => ({ ...r, [id]: state }));
  const run = async (booking: Booking, done: 'confirmed' | 'cancelled' | 'paid', call: () => Promise<{ ok: true; value: Booking } | { ok: false; error: IpcError }>) => {
    setRow(booking.id, { kind: 'working', step: null });
    const reply = await call();
    if (!reply.ok) {
      setRow(booking.id, { kind: 'error', error: reply.error });
      return;
    }
    setRow(booking.id, { kind: done });
    setItems((all) => all?.map((item) => (item.booking.id === booking.id ? { booking: reply.value, stale: done === 'paid' ? null : item.stale } : item)) ?? all);
    onChanged(reply.value);
  };
  const confirmNow = (b: Booking) => run(b, 'confirmed', () => api.confirmBooking({ id: b.id, sendUpdates: 'none' }));
  // As the details panel does: free/busy first; an overlap asks before confirming.
  const confirm = async (b: Booking) => {
    setRow(b.id, { kind: 'working', step: 'checking' });
    const check = await api.checkFreeBusy({ id: b.id });
    if (!check.ok) return setRow(b.id, { kind: 'error', error: check.error });
    if (check.value.overlaps.length > 0) return setRow(b.id, { kind: 'overlaps', count: check.value.overlaps.length });
    await confirmNow(b);
  };
  const cancel = (b: Booking) => run(b, 'cancelled', () => api.cancelBooking({ id: b.id, sendUpdates: 'none' }));
  const markPaid = (b: Booking) => run(b, 'paid', () => api.setPayment({ id: b.id, payment: { state: 'paid', amount: b.payment?.amount ?? b.classPrice } }));

  const total = items?.length ?? 0;
  const done = Object.values(rows).filter((r) => DONE.includes(r.kind)).length;

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, item: Item) => {
    const rowsEls = [...(list.current?.querySelectorAll<HTMLLIElement>('li.queue-row') ?? [])];
    const at = rowsEls.indexOf(e.currentTarget);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      rowsEls[Math.min(rowsEls.length - 1, Math.max(0, at + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      const state = rows[item.booking.id]?.kind ?? 'idle';
      if (!offline && (state === 'idle' || state === 'error' || state === 'paid')) void confirm(item.booking);
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
      {offline ? <p className="action-reason">{t('action.needsGoogle')}</p> : null}
      <ol className="queue-list" ref={list} aria-label={t('queue.title')}>
        {items?.map((item, index) => {
          const b = item.booking;
          const state = rows[b.id] ?? { kind: 'idle' };
          const finished = DONE.includes(state.kind);
          const busy = state.kind === 'working';
          return (
            <li
              key={b.id}
              className={`queue-row${item.stale ? ' is-stale' : ''}${finished ? ' is-done' : ''}`}
              tabIndex={0}
              data-autofocus={index === 0 ? true : undefined}
              data-testid="queue-row"
              data-booking-id={b.id}
              data-state={state.kind}
              data-stale={item.stale ?? undefined}
              aria-busy={busy || undefined}
              onKeyDown={(e) => onRowKey(e, item)}
            >
              <div className="queue-who">
                <span className="queue-name">{b.bookedBy.name}</span>
                <span className="queue-when">
                  {formatWhen(b.startTime, b.endTime, timeZone, locale)}
                  {Date.parse(b.startTime) < Date.now() ? ` · ${t('queue.past')}` : ''}
                </span>
                <span className="queue-tags">
                  <PaymentBadge booking={b} t={t} locale={locale} />
                  {item.stale ? (
                    <span className="stale-flag" data-testid="stale-flag">
                      {t(`queue.stale.${item.stale}` as MessageKey, { hours: item.stale === 'payment-waiting-too-long' ? staleRules.waitingHours : staleRules.startWithinHours })}
                    </span>
                  ) : null}
                </span>
              </div>
              <div className="queue-actions">
                {state.kind === 'working' ? (
                  <span className="queue-status" role="status">
                    <span className="spinner" aria-hidden="true" />
                    {state.step ? t(`confirm.step.${state.step}` as MessageKey) : t('queue.working')}
                  </span>
                ) : null}
                {state.kind === 'confirmed' || state.kind === 'cancelled' ? (
                  <span className={`queue-status done-${state.kind}`} data-testid="queue-row-done" role="status">
                    {t(state.kind === 'confirmed' ? 'queue.confirmed' : 'queue.cancelled')}
                  </span>
                ) : null}
                {state.kind === 'paid' ? (
                  <span className="queue-status" role="status">
                    {t('queue.paid')}
                  </span>
                ) : null}
                {state.kind === 'overlaps' ? (
                  <>
                    <span className="stale-flag" role="status">
                      {t('confirm.overlapsTitle')}
                    </span>
                    <button type="button" className="button primary" onClick={() => void confirmNow(b)} data-testid="queue-confirm-anyway" autoFocus>
                      {t('confirm.anyway')}
                    </button>
                    <button type="button" className="button" onClick={() => setRow(b.id, { kind: 'idle' })}>
                      {t('action.back')}
                    </button>
                  </>
                ) : null}
                {state.kind === 'asking-cancel' ? (
                  <>
                    <button type="button" className="button danger" onClick={() => void cancel(b)} data-testid="queue-cancel-yes" autoFocus>
                      {t('cancel.yes')}
                    </button>
                    <button type="button" className="button" onClick={() => setRow(b.id, { kind: 'idle' })}>
                      {t('cancel.no')}
                    </button>
                  </>
                ) : null}
                {!finished && !busy && state.kind !== 'asking-cancel' && state.kind !== 'overlaps' ? (
                  <>
                    {item.stale && b.payment?.state !== 'paid' ? (
                      <button type="button" className="button" onClick={() => void markPaid(b)} data-testid="queue-mark-paid">
                        {t('payment.markPaid')}
                      </button>
                    ) : null}
                    <button type="button" className="button danger" aria-disabled={offline || undefined} onClick={() => !offline && setRow(b.id, { kind: 'asking-cancel' })} data-testid="queue-cancel">
                      {t('queue.cancel')}
                    </button>
                    <button type="button" className="button primary" aria-disabled={offline || undefined} onClick={() => !offline && void confirm(b)} data-testid="queue-confirm">
                      {t('queue.confirm')}
                    </button>
                  </>
                ) : null}
              </div>
              {state.kind === 'error' ? <ErrorBox error={state.error} t={t} onDismiss={() => setRow(b.id, { kind: 'idle' })} /> : null}
            </li>
          );
        })}
      </ol>
    </Dialog>
  );
}
