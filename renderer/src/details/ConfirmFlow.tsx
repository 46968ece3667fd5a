import { useCallback, useEffect, useState } from 'react';
import type { Booking } from '../../../shared/booking';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { formatWhen } from '../format';
import type { MessageKey, Translate } from '../i18n';

type Step = EventPayload<'confirmProgress'>['step'];
const STEPS: Step[] = ['checking', 'creating', 'waiting-for-meet', 'saving', 'done'];

export type ConfirmPhase =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'overlaps'; overlaps: { startTime: string; endTime: string }[] }
  | { kind: 'confirming'; step: Step | null; attempt?: number }
  | { kind: 'done'; booking: Booking }
  | { kind: 'error'; error: IpcError; stage: 'check' | 'confirm' };

/**
 * Confirm and create the Meet link: free/busy first (overlaps offer
 * "Confirm anyway"), then main's progress events, then the link.
 * Started from the click itself, never from an effect.
 */
export function useConfirmFlow(booking: Booking, onConfirmed: (b: Booking) => void, offline = false) {
  const [phase, setPhase] = useState<ConfirmPhase>({ kind: 'idle' });
  const id = booking.id;

  useEffect(
    () =>
      api.on('confirmProgress', (progress) => {
        if (progress.id !== id) return;
        setPhase((p) => (p.kind === 'confirming' ? { kind: 'confirming', step: progress.step, attempt: progress.attempt } : p));
      }),
    [id],
  );

  const confirm = useCallback(
    async (sendUpdates: 'none' | 'all') => {
      setPhase({ kind: 'confirming', step: null });
      const reply = await api.confirmBooking({ id, sendUpdates });
      if (!reply.ok) {
        setPhase({ kind: 'error', error: reply.error, stage: 'confirm' });
        return;
      }
      onConfirmed(reply.value);
      // Still pending: kept in the outbox until Google is back; the details panel shows it waiting.
      setPhase(reply.value.status === 'pending' ? { kind: 'idle' } : { kind: 'done', booking: reply.value });
    },
    [id, onConfirmed],
  );

  const start = useCallback(
    async (sendUpdates: 'none' | 'all') => {
      // Offline there is no free/busy to ask; the outbox asks it before sending.
      if (offline) return confirm(sendUpdates);
      setPhase({ kind: 'checking' });
      const check = await api.checkFreeBusy({ id });
      if (!check.ok) {
        setPhase({ kind: 'error', error: check.error, stage: 'check' });
        return;
      }
      if (check.value.overlaps.length > 0) {
        setPhase({ kind: 'overlaps', overlaps: check.value.overlaps });
        return;
      }
      await confirm(sendUpdates);
    },
    [id, confirm, offline],
  );

  const reset = useCallback(() => setPhase({ kind: 'idle' }), []);
  return { phase, start, confirm, reset };
}

export function ConfirmFlowView({
  phase,
  timeZone,
  locale,
  t,
  blocked,
  onConfirmAnyway,
  onRetry,
  onClose,
}: {
  phase: ConfirmPhase;
  timeZone: string;
  locale: Locale;
  t: Translate;
  blocked: string | null;
  onConfirmAnyway(): void;
  onRetry(): void;
  onClose(): void;
}) {
  switch (phase.kind) {
    case 'idle':
      return null;
    case 'checking':
      return (
        <div className="flow" data-testid="confirm-flow">
          <p className="flow-status" role="status">
            <span className="spinner" aria-hidden="true" />
            {t('confirm.checking')}
          </p>
        </div>
      );
    case 'overlaps':
      return (
        <div className="flow warning" data-testid="confirm-overlaps" role="alert">
          <h3>{t('confirm.overlapsTitle')}</h3>
          <ul className="overlaps">
            {phase.overlaps.map((o) => (
              <li key={o.startTime + o.endTime}>{formatWhen(o.startTime, o.endTime, timeZone, locale)}</li>
            ))}
          </ul>
          <p className="muted">{t('confirm.overlapsHint')}</p>
          <div className="flow-actions">
            <button type="button" className="button primary" aria-disabled={blocked ? true : undefined} onClick={() => !blocked && onConfirmAnyway()} data-testid="confirm-anyway">
              {t('confirm.anyway')}
            </button>
            <button type="button" className="button quiet" onClick={onClose}>
              {t('action.back')}
            </button>
          </div>
        </div>
      );
    case 'confirming': {
      const current = phase.step ? STEPS.indexOf(phase.step) : -1;
      const label = (step: Step): string => (step === 'waiting-for-meet' && phase.attempt && phase.attempt > 1 ? t('confirm.step.waiting-for-meet.attempt', { n: phase.attempt }) : t(`confirm.step.${step}` as MessageKey));
      return (
        <div className="flow" data-testid="confirm-progress">
          <h3>{t('confirm.progress')}</h3>
          <ol className="steps">
            {STEPS.map((step, i) => (
              <li key={step} className={i < current ? 'is-done' : i === current ? 'is-current' : ''} aria-current={i === current ? 'step' : undefined}>
                {label(step)}
              </li>
            ))}
          </ol>
          <p className="sr-only" role="status">
            {phase.step ? label(phase.step) : t('confirm.progress')}
          </p>
        </div>
      );
    }
    case 'done':
      return (
        <div className="flow success" data-testid="confirm-done" role="status">
          <p>{t('confirm.done')}</p>
          {phase.booking.meetLink ? <p className="link-text big">{phase.booking.meetLink.replace(/^https:\/\//, '')}</p> : null}
        </div>
      );
    case 'error':
      return (
        <div className="flow" data-testid="confirm-error">
          <ErrorBox error={phase.error} t={t} onRetry={blocked ? undefined : onRetry} onDismiss={onClose} />
        </div>
      );
  }
}
