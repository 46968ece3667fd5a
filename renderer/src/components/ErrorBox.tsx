import type { IpcError } from '../../../shared/ipc/errors';
import { describeError } from '../errors';
import type { Translate } from '../i18n';

/** An error reply in plain words, with what to do, and optional ways out. */
export function ErrorBox({ error, t, onRetry, onDismiss, id }: { error: IpcError; t: Translate; onRetry?: () => void; onDismiss?: () => void; id?: string }) {
  const d = describeError(error, t);
  return (
    <div className="error-box" role="alert" data-testid="error" data-error-code={error.code} id={id}>
      <p className="error-message">{d.message}</p>
      <p className="error-hint">{d.hint}</p>
      {d.detail ? <p className="error-detail">{t('error.details', { message: d.detail })}</p> : null}
      {onRetry || onDismiss ? (
        <div className="error-actions">
          {onRetry ? (
            <button type="button" className="button small" onClick={onRetry}>
              {t('action.tryAgain')}
            </button>
          ) : null}
          {onDismiss ? (
            <button type="button" className="button small quiet" onClick={onDismiss}>
              {t('action.dismiss')}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
