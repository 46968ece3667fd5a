import { useId, useState, type ReactNode, type RefObject } from 'react';
import type { Booking } from '../../../shared/booking';
import { transition, type BookingAction } from '../../../shared/booking-status';
import type { IpcError, Result } from '../../../shared/ipc/errors';
import type { OutboxAction } from '../../../shared/outbox';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { PaymentLine } from '../business/PaymentLine';
import { ErrorBox } from '../components/ErrorBox';
import { CloseIcon, CopyIcon, ExternalIcon, VideoIcon } from '../components/icons';
import { StatusChip } from '../components/StatusChip';
import { formatPrice, formatWhen } from '../format';
import type { Translate } from '../i18n';
import type { OutboxState } from '../hooks/useOutbox';
import { WaitingAction } from '../outbox/WaitingAction';
import { actionsFor, NEEDS_GOOGLE } from '../status';
import { CancelForm } from './CancelForm';
import { ConfirmFlowView, useConfirmFlow } from './ConfirmFlow';
import { RescheduleForm } from './RescheduleForm';

export interface DetailsPanelProps {
  booking: Booking | null;
  timeZone: string;
  locale: Locale;
  t: Translate;
  /** No connection to Google: actions are kept in the outbox and sent when it is back. */
  offline: boolean;
  /** This class's actions waiting in the outbox, in order. */
  waiting: readonly OutboxAction[];
  outbox: Pick<OutboxState, 'withdraw' | 'sendAnyway'>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onCopy(booking: Booking): Promise<void>;
  /** The last copy of this booking failed with this error. */
  copyError: IpcError | null;
  onDismissCopyError(): void;
  /** A booking came back changed from main (confirmed, rescheduled, cancelled, completed). */
  onChanged(booking: Booking): void;
  onClose(): void;
  onEscape(): void;
}

type Mode = 'view' | 'reschedule' | 'cancel';

/** The selected class: every field, and the actions its status allows. */
export function DetailsPanel(props: DetailsPanelProps) {
  const { booking, t } = props;
  return (
    <aside
      className="details"
      aria-labelledby="details-heading"
      data-testid="details"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          props.onEscape();
        }
      }}
    >
      {booking ? (
        <BookingDetails key={booking.id} {...props} booking={booking} />
      ) : (
        <div className="details-empty">
          <h2 id="details-heading" ref={props.headingRef} tabIndex={-1}>
            {t('details.region')}
          </h2>
          <p>{t('details.none')}</p>
          <p className="muted">{t('details.noneHint')}</p>
          <p className="shortcuts">{t('week.shortcuts')}</p>
        </div>
      )}
    </aside>
  );
}

/** The status the class will have once its waiting actions are sent: what the next action starts from. */
function projectedStatus(booking: Booking, waiting: readonly OutboxAction[]): Booking['status'] {
  let status = booking.status;
  for (const a of waiting) {
    const step = transition(status, a.kind);
    if (step.ok) status = step.to;
  }
  return status;
}

function BookingDetails({ booking, timeZone, locale, t, offline, waiting, outbox, headingRef, onCopy, copyError, onDismissCopyError, onChanged, onClose }: DetailsPanelProps & { booking: Booking }) {
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState<BookingAction | 'copy' | 'open' | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const [invite, setInvite] = useState(false);
  const flow = useConfirmFlow(booking, onChanged, offline);
  const confirming = flow.phase.kind === 'checking' || flow.phase.kind === 'confirming';
  const reasonId = useId();
  const when = formatWhen(booking.startTime, booking.endTime, timeZone, locale);
  const actions = actionsFor(projectedStatus(booking, waiting));

  // Offline, actions are accepted and kept until Google Calendar is back (the outbox): said, not blocked.
  const googleReason = offline ? t('outbox.offlineNote') : null;
  const busyReason = busy || confirming ? t('action.busy') : null;
  // Offline nothing is blocked (the outbox keeps the action); only an action under way holds the others.
  const blockedFor = (_action: BookingAction) => busyReason;
  // The note sits next to the actions it is about: offline by Confirm (or by reschedule and cancel),
  // never under Copy and Open Meet, which work offline.
  const reasonLine = googleReason || busyReason ? (
    <p className="action-reason" id={reasonId}>
      {googleReason ?? busyReason}
    </p>
  ) : null;
  const reasonOnTop = !!busyReason || actions.includes('confirm') || !actions.some((a) => NEEDS_GOOGLE[a]);

  const run = async (kind: BookingAction | 'open', work: () => Promise<Result<unknown>>, done?: string) => {
    setBusy(kind);
    setError(null);
    setFlash(null);
    const reply = await work();
    setBusy(null);
    if (!reply.ok) {
      setError(reply.error);
      return false;
    }
    if (kind !== 'open') onChanged(reply.value as Booking);
    // Main answers with the class unchanged when it kept the action for later (the outbox).
    const kept = kind !== 'open' && (reply.value as Booking).updatedAt === booking.updatedAt;
    if (done) setFlash(kept ? t('outbox.queued') : done);
    setMode('view');
    return true;
  };

  const copy = async () => {
    setBusy('copy');
    await onCopy(booking);
    setBusy(null);
  };

  return (
    <div className="details-body">
      <div className="details-head">
        <StatusChip status={booking.status} t={t} />
        <button type="button" className="icon-button small" onClick={onClose} aria-label={t('details.close')} title={t('details.close')}>
          <CloseIcon />
        </button>
      </div>
      <h2 id="details-heading" className="details-title" ref={headingRef} tabIndex={-1} data-testid="details-title">
        {booking.bookedBy.name}
      </h2>
      <p className="details-when">{when}</p>

      <div className="details-actions" role="group" aria-label={t('actions.label')}>
        {actions.includes('confirm') ? (
          <>
            <ActionButton
              primary
              reason={blockedFor('confirm')}
              reasonId={reasonId}
              onClick={() => {
                setError(null);
                setFlash(null);
                setMode('view');
                void flow.start(invite ? 'all' : 'none');
              }}
              testId="action-confirm"
            >
              {confirming ? <span className="spinner" aria-hidden="true" /> : <VideoIcon />}
              {t('action.confirm')}
            </ActionButton>
            <label className="check">
              <input type="checkbox" checked={invite} onChange={(e) => setInvite(e.target.checked)} data-testid="confirm-email" />
              {t('confirm.emailStudent')}
            </label>
          </>
        ) : null}
        {reasonOnTop ? reasonLine : null}
        {booking.meetLink ? (
          <>
            <ActionButton primary={booking.status === 'scheduled'} reason={busyReason} reasonId={reasonId} onClick={() => void copy()} testId="action-copy" keyshortcuts="C">
              <CopyIcon />
              {t('action.copyMeet')}
            </ActionButton>
            <ActionButton reason={busyReason} reasonId={reasonId} onClick={() => void run('open', () => api.openLink({ id: booking.id, which: 'meet' }))} testId="action-open-meet">
              <ExternalIcon />
              {t('action.openMeet')}
            </ActionButton>
          </>
        ) : null}
      </div>

      {waiting.length > 0 ? (
        <div className="details-waiting" data-testid="details-waiting">
          {waiting.map((action) => (
            <WaitingAction key={action.id} action={action} timeZone={timeZone} locale={locale} t={t} withdraw={outbox.withdraw} sendAnyway={outbox.sendAnyway} />
          ))}
        </div>
      ) : null}

      {copyError ? <ErrorBox error={copyError} t={t} onRetry={() => void copy()} onDismiss={onDismissCopyError} /> : null}
      {error ? <ErrorBox error={error} t={t} onDismiss={() => setError(null)} /> : null}
      {flash ? (
        <p className="flash" role="status">
          {flash}
        </p>
      ) : null}

      <ConfirmFlowView
        phase={flow.phase}
        timeZone={timeZone}
        locale={locale}
        t={t}
        blocked={blockedFor('confirm')}
        onConfirmAnyway={() => void flow.confirm(invite ? 'all' : 'none')}
        onRetry={() => void flow.start(invite ? 'all' : 'none')}
        onClose={flow.reset}
      />
      {mode === 'reschedule' ? (
        <RescheduleForm
          booking={booking}
          timeZone={timeZone}
          t={t}
          blocked={blockedFor('reschedule')}
          busy={busy === 'reschedule'}
          onSubmit={(startTime, endTime, sendUpdates) => run('reschedule', () => api.rescheduleBooking({ id: booking.id, startTime, endTime, sendUpdates }), t('reschedule.done'))}
          onClose={() => setMode('view')}
        />
      ) : null}
      {mode === 'cancel' ? (
        <CancelForm
          t={t}
          blocked={blockedFor('cancel')}
          busy={busy === 'cancel'}
          onSubmit={(sendUpdates) => run('cancel', () => api.cancelBooking({ id: booking.id, sendUpdates }), t('cancel.done'))}
          onClose={() => setMode('view')}
        />
      ) : null}

      <dl className="fields">
        <Field name="student" label={t('details.student')}>
          <span className="field-strong">{booking.bookedBy.name}</span>
          <span className="field-sub">{booking.bookedBy.email}</span>
        </Field>
        <Field name="time" label={t('details.time')}>
          {when}
          {crossesDay(booking, timeZone) ? <span className="field-sub">{t('details.crossesMidnight')}</span> : null}
        </Field>
        <Field name="type" label={t('details.type')}>
          {t(booking.classType === 'individual' ? 'classType.individual' : 'classType.grupal')}
          <span className="field-sub">
            {t('details.participants')}: {t('details.participantsCount', { current: booking.currentParticipants, max: booking.maxParticipants })}
          </span>
          {booking.participants.length > 0 ? (
            <ul className="participants" aria-label={t('details.participants')}>
              {booking.participants.map((p, i) => (
                <li key={p.platformUserId ?? p.email ?? i}>{p.name ?? p.email ?? p.platformUserId ?? '—'}</li>
              ))}
            </ul>
          ) : null}
        </Field>
        <Field name="focus" label={t('details.focus')}>
          {booking.learningFocus ?? <span className="muted">{t('details.noFocus')}</span>}
        </Field>
        <Field name="price" label={t('details.price')}>
          {formatPrice(booking.classPrice, locale)}
        </Field>
        <Field name="payment" label={t('payment.label')}>
          <PaymentLine booking={booking} t={t} locale={locale} onChanged={onChanged} />
        </Field>
        <Field name="access-code" label={t('details.accessCode')}>
          {booking.accessCode ? <code className="access-code">{booking.accessCode}</code> : <span className="muted">{t('details.none.value')}</span>}
        </Field>
        <Field name="status" label={t('details.status')}>
          <StatusChip status={booking.status} t={t} />
        </Field>
        <Field name="meet" label={t('details.meet')}>
          {booking.meetLink ? <span className="link-text" title={booking.meetLink}>
              {booking.meetLink.replace(/^https:\/\//, '')}
            </span> : <span className="muted">{t('details.noMeet')}</span>}
        </Field>
        <Field name="calendar" label={t('details.calendar')}>
          {booking.calendarLink ? (
            <button type="button" className="link-button" onClick={() => void run('open', () => api.openLink({ id: booking.id, which: 'calendar' }))} aria-describedby={busyReason ? reasonId : undefined} data-testid="action-open-calendar">
              <ExternalIcon />
              {t('action.openCalendar')}
            </button>
          ) : booking.googleEventId ? (
            // Confirmed into an event whose link main has not kept (an adopted or older event): it is on the calendar.
            <span>{t('details.inCalendar')}</span>
          ) : (
            <span className="muted">{t('details.noCalendar')}</span>
          )}
        </Field>
      </dl>

      {actions.some((a) => a !== 'confirm') ? (
        <div className="details-more" role="group" aria-label={t('actions.label')}>
          {actions.includes('complete') ? (
            <ActionButton reason={blockedFor('complete')} reasonId={reasonId} onClick={() => void run('complete', () => api.completeBooking({ id: booking.id }), t('complete.done'))} testId="action-complete">
              {t('action.complete')}
            </ActionButton>
          ) : null}
          {actions.includes('reschedule') ? (
            <ActionButton reason={blockedFor('reschedule')} reasonId={reasonId} onClick={() => setMode('reschedule')} testId="action-reschedule" expanded={mode === 'reschedule'}>
              {t('action.reschedule')}
            </ActionButton>
          ) : null}
          {actions.includes('cancel') ? (
            <ActionButton danger reason={blockedFor('cancel')} reasonId={reasonId} onClick={() => setMode('cancel')} testId="action-cancel" expanded={mode === 'cancel'}>
              {t('action.cancel')}
            </ActionButton>
          ) : null}
          {reasonOnTop ? null : reasonLine}
        </div>
      ) : null}
    </div>
  );
}

function crossesDay(booking: Booking, timeZone: string): boolean {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const end = new Date(new Date(booking.endTime).getTime() - 1);
  return f.format(new Date(booking.startTime)) !== f.format(end);
}

function Field({ name, label, children }: { name: string; label: string; children: ReactNode }) {
  return (
    <div className="field-row" data-field={name}>
      <dt>{label}</dt>
      <dd data-testid={`field-${name}`}>{children}</dd>
    </div>
  );
}

/**
 * A real button that stays focusable when it cannot act, so a screen reader
 * still reaches it and hears why (aria-disabled + aria-describedby).
 */
export function ActionButton({
  children,
  onClick,
  reason,
  reasonId,
  primary = false,
  danger = false,
  testId,
  keyshortcuts,
  expanded,
}: {
  children: ReactNode;
  onClick(): void;
  reason: string | null;
  reasonId: string;
  primary?: boolean;
  danger?: boolean;
  testId?: string;
  keyshortcuts?: string;
  expanded?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button${primary ? ' primary' : ''}${danger ? ' danger' : ''}`}
      aria-disabled={reason ? true : undefined}
      aria-describedby={reason ? reasonId : undefined}
      aria-keyshortcuts={keyshortcuts}
      aria-expanded={expanded}
      data-testid={testId}
      onClick={() => {
        if (!reason) onClick();
      }}
    >
      {children}
    </button>
  );
}
