import type { KeyboardEvent } from 'react';
import type { Booking } from '../../../shared/booking';
import type { StaleRules } from '../../../shared/business/stale';
import type { EventPayload, ReplyOf } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { OutboxAction } from '../../../shared/outbox';
import type { Locale } from '../../../shared/settings';
import { ErrorBox } from '../components/ErrorBox';
import { formatWhen } from '../format';
import type { OutboxState } from '../hooks/useOutbox';
import type { MessageKey, Translate } from '../i18n';
import { WaitingAction } from '../outbox/WaitingAction';
import { PaymentBadge } from './PaymentLine';

export type QueueItem = ReplyOf<'listToConfirm'>['items'][number];
type Step = EventPayload<'confirmProgress'>['step'];

export type RowState =
  | { kind: 'idle' }
  | { kind: 'asking-cancel' }
  | { kind: 'working'; step: Step | 'checking' | null }
  | { kind: 'overlaps'; count: number }
  // Main kept the action for later (the outbox); its own entry shows once main's list says so.
  | { kind: 'queued' }
  | { kind: 'confirmed' | 'cancelled' | 'paid' }
  | { kind: 'error'; error: IpcError };

export const DONE: RowState['kind'][] = ['confirmed', 'cancelled'];

/** What the row shows: an action kept in the outbox wins over everything but work under way. */
export function shownKind(state: RowState, waiting: readonly OutboxAction[]): RowState['kind'] | 'waiting' {
  if (state.kind === 'working') return state.kind;
  return waiting.length > 0 || state.kind === 'queued' ? 'waiting' : state.kind;
}

export interface QueueRowActions {
  confirm(b: Booking): void;
  confirmNow(b: Booking): void;
  cancel(b: Booking): void;
  markPaid(b: Booking): void;
  setRow(id: string, state: RowState): void;
}

export interface QueueRowProps {
  item: QueueItem;
  first: boolean;
  state: RowState;
  /** This class's actions in the outbox, in order. */
  waiting: readonly OutboxAction[];
  outbox: Pick<OutboxState, 'withdraw' | 'sendAnyway'>;
  staleRules: StaleRules;
  timeZone: string;
  locale: Locale;
  t: Translate;
  act: QueueRowActions;
  onKeyDown(e: KeyboardEvent<HTMLLIElement>): void;
}

/** One class of the To-confirm queue: who and when, payment and stale flag, its progress, and what can be done. */
export function QueueRow({ item, first, state, waiting, outbox, staleRules, timeZone, locale, t, act, onKeyDown }: QueueRowProps) {
  const b = item.booking;
  const shown = shownKind(state, waiting);
  const finished = DONE.includes(state.kind);
  const canAct = !finished && shown !== 'waiting' && shown !== 'working' && shown !== 'asking-cancel' && shown !== 'overlaps';
  return (
    <li
      className={`queue-row${item.stale ? ' is-stale' : ''}${finished ? ' is-done' : ''}`}
      tabIndex={0}
      data-autofocus={first || undefined}
      data-testid="queue-row"
      data-booking-id={b.id}
      data-state={shown}
      data-stale={item.stale ?? undefined}
      aria-busy={shown === 'working' || undefined}
      onKeyDown={onKeyDown}
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
        {shown === 'waiting' && waiting.length === 0 ? (
          <span className="queue-status" role="status" data-testid="queue-row-queued">
            {t('outbox.queued')}
          </span>
        ) : null}
        {state.kind === 'confirmed' || state.kind === 'cancelled' ? (
          <span className={`queue-status done-${state.kind}`} data-testid="queue-row-done" role="status">
            {t(state.kind === 'confirmed' ? 'queue.confirmed' : 'queue.cancelled')}
          </span>
        ) : null}
        {state.kind === 'paid' && shown === 'paid' ? (
          <span className="queue-status" role="status">
            {t('queue.paid')}
          </span>
        ) : null}
        {state.kind === 'overlaps' ? (
          <>
            <span className="stale-flag" role="status">
              {t('confirm.overlapsTitle')}
            </span>
            <button type="button" className="button primary" onClick={() => act.confirmNow(b)} data-testid="queue-confirm-anyway" autoFocus>
              {t('confirm.anyway')}
            </button>
            <button type="button" className="button" onClick={() => act.setRow(b.id, { kind: 'idle' })}>
              {t('action.back')}
            </button>
          </>
        ) : null}
        {state.kind === 'asking-cancel' ? (
          <>
            <button type="button" className="button danger" onClick={() => act.cancel(b)} data-testid="queue-cancel-yes" autoFocus>
              {t('cancel.yes')}
            </button>
            <button type="button" className="button" onClick={() => act.setRow(b.id, { kind: 'idle' })}>
              {t('cancel.no')}
            </button>
          </>
        ) : null}
        {canAct ? (
          <>
            {item.stale && b.payment?.state !== 'paid' ? (
              <button type="button" className="button" onClick={() => act.markPaid(b)} data-testid="queue-mark-paid">
                {t('payment.markPaid')}
              </button>
            ) : null}
            <button type="button" className="button danger" onClick={() => act.setRow(b.id, { kind: 'asking-cancel' })} data-testid="queue-cancel">
              {t('queue.cancel')}
            </button>
            <button type="button" className="button primary" onClick={() => act.confirm(b)} data-testid="queue-confirm">
              {t('queue.confirm')}
            </button>
          </>
        ) : null}
      </div>
      {waiting.length > 0 && shown === 'waiting' ? (
        <div className="queue-waiting" data-testid="queue-row-waiting">
          {waiting.map((action) => (
            <WaitingAction key={action.id} action={action} timeZone={timeZone} locale={locale} t={t} withdraw={outbox.withdraw} sendAnyway={outbox.sendAnyway} />
          ))}
        </div>
      ) : null}
      {state.kind === 'error' ? <ErrorBox error={state.error} t={t} onDismiss={() => act.setRow(b.id, { kind: 'idle' })} /> : null}
    </li>
  );
}
