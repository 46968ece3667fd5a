import { useEffect, useId, useRef, useState } from 'react';
import type { Translate } from '../i18n';

/** Asks before cancelling, and offers to e-mail the student (sendUpdates 'all'). */
export function CancelForm({ t, blocked, busy, onSubmit, onClose }: { t: Translate; blocked: string | null; busy: boolean; onSubmit(sendUpdates: 'none' | 'all'): void; onClose(): void }) {
  const [email, setEmail] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const reasonId = useId();
  useEffect(() => heading.current?.focus(), []);
  const reason = blocked ?? (busy ? t('action.busy') : null);
  return (
    <div className="flow danger-zone" role="group" aria-labelledby={titleId} data-testid="cancel-form">
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {t('cancel.title')}
      </h3>
      <p className="muted">{t('cancel.body')}</p>
      <label className="check">
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} data-testid="cancel-email" />
        {t('cancel.emailStudent')}
      </label>
      <div className="flow-actions">
        <button type="button" className="button danger" aria-disabled={reason ? true : undefined} aria-describedby={reason ? reasonId : undefined} onClick={() => !reason && onSubmit(email ? 'all' : 'none')} data-testid="cancel-yes">
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {t('cancel.yes')}
        </button>
        <button type="button" className="button quiet" onClick={onClose}>
          {t('cancel.no')}
        </button>
      </div>
      {reason ? (
        <p className="action-reason" id={reasonId}>
          {reason}
        </p>
      ) : null}
    </div>
  );
}
