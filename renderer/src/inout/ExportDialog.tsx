import { useId, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/errors';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import type { Translate } from '../i18n';
import { Dialog } from './Dialog';
import { CheckCircleIcon } from './icons';
import { PlatformExport } from './PlatformExport';
import { rangeProblem } from './lists';

type Format = 'csv' | 'ics';
type Outcome = { kind: 'saved'; savedTo: string; count: number } | { kind: 'cancelled' } | { kind: 'error'; error: IpcError } | null;

export interface ExportDialogProps {
  t: Translate;
  timeZone: string;
  /** The range it starts with: the week on screen. */
  from: string;
  to: string;
  onClose(): void;
}

/** Export the classes of a range of days to CSV (imports again) or iCalendar; main asks where to save. */
export function ExportDialog({ t, timeZone, from: initialFrom, to: initialTo, onClose }: ExportDialogProps) {
  const [from, setFrom] = useState(initialFrom);
  const [to, setTo] = useState(initialTo);
  const [format, setFormat] = useState<Format>('csv');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const formId = useId();
  const problemId = useId();
  const problem = rangeProblem(from, to);

  const submit = async () => {
    if (problem || busy) return;
    setBusy(true);
    setOutcome(null);
    const reply = await api.exportBookings({ from, to, format });
    setBusy(false);
    if (reply.ok) setOutcome({ kind: 'saved', ...reply.value });
    // The teacher closed the save dialog: nothing happened, nothing to warn about.
    else if (reply.error.code === 'CANCELLED') setOutcome({ kind: 'cancelled' });
    else setOutcome({ kind: 'error', error: reply.error });
  };

  const saved = outcome?.kind === 'saved' ? outcome : null;
  const savedText = saved ? (saved.count === 0 ? t('inout.export.saved.zero') : saved.count === 1 ? t('inout.export.saved.one') : t('inout.export.saved.other', { n: saved.count })) : '';

  return (
    <Dialog
      title={t('inout.export.title')}
      subtitle={t('inout.export.intro', { zone: timeZone })}
      onClose={onClose}
      closable={!busy}
      closeLabel={t('inout.close')}
      busy={busy}
      focusKey={saved ? 'saved' : 'form'}
      className="export-dialog"
      testId="export-dialog"
      footer={
        saved ? (
          <>
            <span className="modal-foot-spacer" />
            <button type="button" className="button primary" onClick={onClose} data-autofocus>
              {t('inout.close')}
            </button>
          </>
        ) : (
          <>
            <span className="modal-foot-spacer" />
            <button type="button" className="button quiet" onClick={onClose} aria-disabled={busy || undefined}>
              {t('inout.cancel')}
            </button>
            <button type="submit" form={formId} className="button primary" aria-disabled={busy || problem ? true : undefined} aria-describedby={problem ? problemId : undefined} data-testid="export-submit">
              {busy ? <span className="spinner" aria-hidden="true" /> : null}
              {t('inout.export.submit')}
            </button>
          </>
        )
      }
    >
      {saved ? (
        <div className="export-saved" role="status" data-testid="export-result">
          <span className="import-done-icon" aria-hidden="true">
            <CheckCircleIcon />
          </span>
          <p>
            {savedText} <code className="saved-path" data-testid="export-path">{saved.savedTo}</code>
          </p>
        </div>
      ) : (
        <form
          id={formId}
          className="booking-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className="form-grid two">
            <div className="form-field">
              <label htmlFor={`${formId}-from`}>{t('inout.export.from')}</label>
              <input id={`${formId}-from`} type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? problemId : undefined} data-autofocus />
            </div>
            <div className="form-field">
              <label htmlFor={`${formId}-to`}>{t('inout.export.to')}</label>
              <input id={`${formId}-to`} type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} aria-invalid={problem ? true : undefined} aria-describedby={problem ? problemId : undefined} />
            </div>
          </div>
          {problem ? (
            <p className="field-problem" id={problemId} role="alert">
              {t(problem === 'missing' ? 'inout.export.missing' : 'inout.export.order')}
            </p>
          ) : null}
          <fieldset className="choice-field">
            <legend>{t('inout.export.format')}</legend>
            <div className="choice-cards">
              {(['csv', 'ics'] as const).map((f) => (
                <label key={f} className={`choice-card${format === f ? ' is-on' : ''}`}>
                  <input type="radio" name={`${formId}-format`} value={f} checked={format === f} onChange={() => setFormat(f)} />
                  <span className="choice-text">
                    <span className="choice-title">{t(f === 'csv' ? 'inout.export.csv' : 'inout.export.ics')}</span>
                    <span className="choice-note">{t(f === 'csv' ? 'inout.export.csvNote' : 'inout.export.icsNote')}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          {outcome?.kind === 'cancelled' ? (
            <p className="field-note" role="status" data-testid="export-cancelled">
              {t('inout.export.cancelled')}
            </p>
          ) : null}
          {outcome?.kind === 'error' ? <ErrorBox error={outcome.error} t={t} onDismiss={() => setOutcome(null)} /> : null}
        </form>
      )}
      {saved ? null : <PlatformExport t={t} />}
    </Dialog>
  );
}
