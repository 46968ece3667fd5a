import type { Translate } from '../i18n';
import type { Account } from './useAccount';

/** The header's account corner: who is connected, and the one action that fits. */
export function AccountArea({ account, t }: { account: Account; t: Translate }) {
  const { state } = account;
  if (!state) return null;
  switch (state.kind) {
    case 'not-configured':
      return <span className="account-status muted">{t('account.notConfigured')}</span>;
    case 'signed-out':
      return (
        <button type="button" className="button primary small" onClick={account.signIn} disabled={account.busy}>
          {t('account.connect')}
        </button>
      );
    case 'signing-in':
      return (
        <span className="account-status" role="status">
          {t('account.waiting')}{' '}
          <button type="button" className="button small quiet" onClick={account.cancelSignIn}>
            {t('account.cancel')}
          </button>
        </span>
      );
    case 'connected':
      return (
        <span className="account-status">
          <span className="account-dot connected" aria-hidden="true" />
          <span className="sr-only">{t('account.connectedAs')} </span>
          <span className="account-email" data-testid="account-email">
            {state.email}
          </span>{' '}
          <button type="button" className="button small quiet" onClick={account.signOut} disabled={account.busy}>
            {t('account.signOut')}
          </button>
        </span>
      );
    case 'needs-reconnect':
      return (
        <span className="account-status">
          <span className="account-dot warning" aria-hidden="true" />
          <span className="account-email">{state.email}</span>{' '}
          <button type="button" className="button small primary" onClick={account.signIn} disabled={account.busy}>
            {t('account.reconnect')}
          </button>
        </span>
      );
    case 'keychain-unavailable':
      return <span className="account-status warning">{t('account.keychainShort')}</span>;
    case 'keychain-locked':
      return <span className="account-status warning">{t('account.keychainLockedShort')}</span>;
  }
}
