import { useState } from 'react';
import type { IpcError } from '../../../shared/ipc/errors';
import type { OutboxAction } from '../../../shared/outbox';
import type { Locale } from '../../../shared/settings';
import { ErrorBox } from '../components/ErrorBox';
import { formatWhen } from '../format';
import type { MessageKey, Translate } from '../i18n';
import { STATUS_LABEL } from '../status';

export const WAITING_TEXT: Record<OutboxAction['kind'], MessageKey> = {
  confirm: 'outbox.waiting.confirm',
  reschedule: 'outbox.waiting.reschedule',
  cancel: 'outbox.waiting.cancel',
  complete: 'outbox.waiting.complete',
};

const REASON_TEXT: Record<NonNullable<OutboxAction['conflict']>['reason'], MessageKey> = {
  'slot-busy': 'outbox.conflict.slot-busy',
  'event-deleted': 'outbox.conflict.event-deleted',
  'event-moved': 'outbox.conflict.event-moved',
  'class-changed': 'outbox.conflict.class-changed',
  refused: 'outbox.conflict.refused',
};

export interface WaitingActionProps {
  action: OutboxAction;
  timeZone: string;
  locale: Locale;
  t: Translate;
  withdraw(id: string): Promise<IpcError | null>;
  sendAnyway(id: string): Promise<IpcError | null>;
  /** The class's name, in the list of all waiting actions. */
  title?: string;
}

/** One waiting action: what will happen when Google is back, or (stopped) both sides and the teacher's choice. */
export function WaitingAction({ action, timeZone, locale, t, withdraw, sendAnyway, title }: WaitingActionProps) {
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (work: (id: string) => Promise<IpcError | null>) => {
    setBusy(true);
    setError(await work(action.id));
    setBusy(false);
  };
  const when = (start: string | null, end: string | null) => (start && end ? formatWhen(start, end, timeZone, locale) : t('outbox.side.noTime'));
  const conflict = action.conflict;
  return (
    <div className={`waiting-action${conflict ? ' is-conflict' : ''}`} data-testid="waiting-action" data-state={action.state} data-kind={action.kind} role={conflict ? 'alert' : undefined}>
      {title ? <p className="waiting-title">{title}</p> : null}
      {conflict ? (
        <>
          <p className="waiting-text">
            <strong>{t('outbox.stopped')}</strong> {t(REASON_TEXT[conflict.reason])}
          </p>
          {conflict.reason === 'refused' ? <p className="muted">{conflict.message}</p> : null}
          <dl className="waiting-sides">
            <div>
              <dt>{t('outbox.side.asked')}</dt>
              <dd data-testid="side-asked">
                {t(STATUS_LABEL[conflict.asked.status])} · {when(conflict.asked.startTime, conflict.asked.endTime)}
              </dd>
            </div>
            <div>
              <dt>{t('outbox.side.now')}</dt>
              <dd data-testid="side-now">
                {conflict.now.status ? t(STATUS_LABEL[conflict.now.status]) : t('outbox.side.gone')} · {when(conflict.now.startTime, conflict.now.endTime)}
                {conflict.now.busy.map((b) => (
                  <span key={b.startTime} className="field-sub">
                    {t('outbox.side.busy', { when: when(b.startTime, b.endTime) })}
                  </span>
                ))}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="waiting-text">
          <span className="waiting-dot" aria-hidden="true" />
          {t(WAITING_TEXT[action.kind])}
          {action.kind === 'reschedule' && action.slot ? <span className="field-sub">{when(action.slot.startTime, action.slot.endTime)}</span> : null}
        </p>
      )}
      <div className="flow-actions">
        {conflict?.canSendAnyway ? (
          <button type="button" className="button primary" aria-disabled={busy || undefined} onClick={() => !busy && void act(sendAnyway)} data-testid="outbox-send-anyway">
            {t('outbox.sendAnyway')}
          </button>
        ) : null}
        <button type="button" className="button quiet" aria-disabled={busy || undefined} onClick={() => !busy && void act(withdraw)} data-testid="outbox-withdraw">
          {t('outbox.withdraw')}
        </button>
      </div>
      {error ? <ErrorBox error={error} t={t} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}
