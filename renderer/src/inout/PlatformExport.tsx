import { useState } from 'react';
import type { IpcError } from '../../../shared/ipc/errors';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import type { Translate } from '../i18n';

type Outcome = { kind: 'saved'; savedTo: string | null; count: number } | { kind: 'cancelled' } | { kind: 'error'; error: IpcError } | null;

/**
 * "Tell the platform": saves the platform's classes the desk changed since
 * the last time, as a file the platform's admin loads with mongoimport
 * (README, "Telling the platform").
 */
export function PlatformExport({ t }: { t: Translate }) {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async () => {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    const reply = await api.exportPlatformChanges({});
    setBusy(false);
    if (reply.ok) setOutcome({ kind: 'saved', ...reply.value });
    else if (reply.error.code === 'CANCELLED') setOutcome({ kind: 'cancelled' });
    else setOutcome({ kind: 'error', error: reply.error });
  };

  const saved = outcome?.kind === 'saved' ? outcome : null;
  return (
    <section className="platform-export" aria-labelledby="platform-export-title" data-testid="platform-export">
      <h3 id="platform-export-title">{t('inout.platform.title')}</h3>
      <p className="field-note">{t('inout.platform.intro')}</p>
      <button type="button" className="button" onClick={() => void run()} aria-disabled={busy || undefined} data-testid="platform-export-submit">
        {busy ? <span className="spinner" aria-hidden="true" /> : null}
        {t('inout.platform.submit')}
      </button>
      {saved ? (
        <p className="field-note" role="status" data-testid="platform-export-result">
          {saved.count === 0 || !saved.savedTo ? (
            t('inout.platform.none')
          ) : (
            <>
              {saved.count === 1 ? t('inout.platform.saved.one') : t('inout.platform.saved.other', { n: saved.count })} <code className="saved-path">{saved.savedTo}</code>
            </>
          )}
        </p>
      ) : null}
      {outcome?.kind === 'cancelled' ? (
        <p className="field-note" role="status">
          {t('inout.export.cancelled')}
        </p>
      ) : null}
      {outcome?.kind === 'error' ? <ErrorBox error={outcome.error} t={t} onDismiss={() => setOutcome(null)} /> : null}
    </section>
  );
}
