import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import type { Translate } from '../i18n';
import type { Account } from './useAccount';

/**
 * What the teacher must act on about the Google connection: the first-run
 * form for the OAuth client, a reconnect banner, the keychain banner, and
 * the outcome of the last account action.
 */
export function AccountBanners({ account, t }: { account: Account; t: Translate }) {
  const { state } = account;
  return (
    <>
      {state?.kind === 'not-configured' ? <FirstRunForm account={account} t={t} /> : null}
      {state?.kind === 'needs-reconnect' ? (
        <div className="banner warning" role="alert" data-testid="needs-reconnect">
          <p className="banner-title">{t('account.needsReconnectTitle')}</p>
          <p className="banner-hint">{state.reason}</p>
          <button type="button" className="button small primary" onClick={account.signIn} disabled={account.busy}>
            {t('account.reconnect')}
          </button>
        </div>
      ) : null}
      {state?.kind === 'keychain-unavailable' ? <KeychainBanner account={account} t={t} testId="keychain-unavailable" title={t('account.keychainTitle')} hint={state.message} /> : null}
      {state?.kind === 'keychain-locked' ? (
        <KeychainBanner account={account} t={t} testId="keychain-locked" title={t('account.keychainLockedTitle')} hint={t('account.keychainLockedHint')} />
      ) : null}
      {account.error ? <ErrorBox error={account.error} t={t} onDismiss={account.clearError} /> : null}
      {account.message ? (
        <p className="banner notice" role="status">
          {account.message}
        </p>
      ) : null}
    </>
  );
}

/** The keychain cannot be used: why, and "Try again" (which restores the sign-in once the keychain answers). */
function KeychainBanner({ account, t, testId, title, hint }: { account: Account; t: Translate; testId: string; title: string; hint: string }) {
  return (
    <div className="banner warning" role="alert" data-testid={testId}>
      <p className="banner-title">{title}</p>
      <p className="banner-hint">{hint}</p>
      <button type="button" className="button small" onClick={account.retryKeychain} disabled={account.busy}>
        {t('action.tryAgain')}
      </button>
    </div>
  );
}

function FirstRunForm({ account, t }: { account: Account; t: Translate }) {
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A refusal shows as the account's error, below.
    void account.saveClient(clientId.trim(), clientSecret.trim());
  };

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('account.setupTitle')}</h2>
      <p>{t('account.setupIntro')}</p>
      <form onSubmit={submit} className="first-run-form">
        <label>
          {t('account.clientId')}
          <input value={clientId} onChange={(e) => setClientId(e.target.value)} required autoComplete="off" spellCheck={false} placeholder="1234567890-abc.apps.googleusercontent.com" />
        </label>
        <label>
          {t('account.clientSecret')}
          <input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} required autoComplete="off" spellCheck={false} />
        </label>
        <p className="banner-hint">{t('account.secretNote')}</p>
        <button type="submit" className="button primary" disabled={account.busy || !clientId.trim() || !clientSecret.trim()}>
          {t('account.saveClient')}
        </button>
      </form>
    </section>
  );
}
