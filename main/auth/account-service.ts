import type { AddressInfo } from 'node:net';
import type { Credentials, OAuth2Client } from 'google-auth-library';
import { AppError } from '../../shared/ipc/errors';
import type { Logger } from '../logger';
import { NEEDS_RECONNECT_REASON, type AccountState, type RevokeOutcome, type SignOutResult } from './account-state';
import { clientConfiguredByEnv, resolveClientConfig, saveClientConfig, validateClientConfig, type ClientConfig, type ClientIdStore } from './client-config';
import { emailFromIdToken } from './id-token';
import { runLoopbackFlow } from './loopback-flow';
import { createOAuthClient, isTokenEndpoint, oauthEndpointsFromEnv, type OAuthEndpoints } from './oauth-client';
import { isInvalidGrant, readOAuthFailure } from './oauth-errors';
import { SIGN_IN_SCOPES } from './scopes';
import { isKeychainError, isRefreshTokenAccount, keychainError, type SecretStore } from './secret-store';

export interface AccountServiceDeps {
  /** The OS keychain (createKeychainSecretStore) in production. */
  secrets: SecretStore;
  /** The OAuth client id in settings. */
  clientIds: ClientIdStore;
  /** Opens a URL in the system browser: shell.openExternal in Electron, $BROWSER in the harness. */
  openUrl(url: string): Promise<void>;
  logger: Logger;
  /** Where GOOGLE_OAUTH_* are read; process.env when absent. */
  env?: Record<string, string | undefined>;
  /** How long to wait for the browser to come back (default 5 minutes). */
  signInTimeoutMs?: number;
  /** For tests: the loopback listener's address once it is up. */
  onLoopbackListening?(address: AddressInfo): void;
  /** Time limit of each token and revoke request (OAUTH_REQUEST_TIMEOUT_MS by default). */
  oauthTimeoutMs?: number;
}

/** A connected account: its client, and where it stands with Google. */
interface Session {
  readonly email: string;
  readonly client: OAuth2Client;
  refreshToken: string;
  /** live: usable; dead: Google refused the grant; ended: signed out or replaced. */
  status: 'live' | 'dead' | 'ended';
  /** Keychain writes of rotated refresh tokens, in order. */
  writes: Promise<void>;
}

const NOT_CONFIGURED_MESSAGE =
  'Teacher Desk has no Google OAuth client yet: enter the client ID and secret of a "Desktop app" client from Google Cloud Console first.';
const NOT_SIGNED_IN_MESSAGE = 'No Google account is connected. Use "Connect Google Calendar" first.';

/**
 * The Google account of the app: sign-in through the system browser,
 * the refresh token in the OS keychain, and the state the renderer shows.
 * Call restore() once at startup. Tokens and the client secret never leave
 * this object except inside the OAuth2Client handed to the calendar engine.
 */
export class AccountService {
  private current: AccountState = { kind: 'signed-out' };
  private stateBeforeSignIn: AccountState = this.current;
  private session: Session | null = null;
  private signInRun: { controller: AbortController } | null = null;
  private readonly listeners = new Set<(state: AccountState) => void>();
  private readonly env: Record<string, string | undefined>;
  private readonly endpoints: OAuthEndpoints;
  private readonly logger: Logger;

  constructor(private readonly deps: AccountServiceDeps) {
    this.env = deps.env ?? process.env;
    this.endpoints = oauthEndpointsFromEnv(this.env);
    this.logger = deps.logger;
  }

  get state(): AccountState {
    return this.current;
  }

  /** Calls `listener` on every change of state; returns the unsubscribe. */
  onChange(listener: (state: AccountState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** At startup (and "Try again"): finds the connected account in the keychain. Never throws for a missing or locked keychain; the state says so. */
  async restore(): Promise<AccountState> {
    if (this.signInRun) return this.current;
    try {
      const config = await this.clientConfig();
      if (!config) return this.setState({ kind: 'not-configured' });
      const accounts = (await this.deps.secrets.accounts()).filter(isRefreshTokenAccount).sort();
      if (accounts.length > 1) this.logger.warn('several Google accounts in the keychain; using the first', { count: accounts.length });
      const email = accounts[0];
      const refreshToken = email ? await this.deps.secrets.get(email) : null;
      if (!email || !refreshToken) {
        this.replaceSession(null);
        return this.setState({ kind: 'signed-out' });
      }
      // No network here: the first calendar call refreshes, and a refused grant then turns into needs-reconnect.
      this.replaceSession(this.openSession(config, email, { refresh_token: refreshToken }));
      this.logger.info('Google account restored from the keychain');
      return this.setState({ kind: 'connected', email });
    } catch (error) {
      if (!isKeychainError(error)) throw error;
      this.logger.error(error.code === 'KEYCHAIN_LOCKED' ? 'keychain locked' : 'keychain unavailable', { reason: error.message });
      return this.setState(keychainState(error));
    }
  }

  /**
   * For the background poll while the keychain blocks: restore() once the
   * keychain lists our entries without asking. Listing never prompts, while
   * reading a locked entry can make a desktop keyring ask to be unlocked, and
   * a poll must not do that every few minutes.
   */
  async restoreIfUnlocked(): Promise<AccountState> {
    if (this.signInRun) return this.current;
    try {
      await this.deps.secrets.accounts();
    } catch (error) {
      if (!isKeychainError(error)) throw error;
      return this.current;
    }
    return this.restore();
  }

  /**
   * "Try again" on the keychain banner: first a write check, which on a
   * desktop lets the keyring ask the teacher to unlock it; then restore().
   */
  async retryKeychain(): Promise<AccountState> {
    if (this.signInRun) return this.current;
    try {
      await this.deps.secrets.checkWritable();
    } catch (error) {
      if (!isKeychainError(error)) throw error;
      // Reading may still work (a keyring that refuses only writes): restore() decides.
      this.logger.warn('keychain write check failed', { reason: error.message });
    }
    return this.restore();
  }

  /**
   * Runs the browser sign-in; resolves with the connected state. Rejects with
   * an AppError: SIGN_IN_FAILED, CANCELLED (cancelSignIn, or a newer signIn),
   * TIMEOUT, NOT_CONFIGURED, KEYCHAIN_LOCKED or KEYCHAIN_UNAVAILABLE. On failure the state goes
   * back to what it was.
   */
  signIn(): Promise<AccountState> {
    this.signInRun?.controller.abort(new AppError('CANCELLED', 'This sign-in was cancelled because a new one was started.'));
    const run = { controller: new AbortController() };
    this.signInRun = run;
    return this.runSignIn(run.controller.signal).finally(() => {
      if (this.signInRun === run) this.signInRun = null;
    });
  }

  /** Cancels a running sign-in (its promise rejects with CANCELLED); the state goes back at once. */
  cancelSignIn(): void {
    const run = this.signInRun;
    if (!run) return;
    // No longer the current run, so its own failure path leaves the state alone (sign-out may be setting it).
    this.signInRun = null;
    run.controller.abort(new AppError('CANCELLED', 'Sign-in was cancelled.'));
    if (this.current.kind === 'signing-in') this.setState(this.stateBeforeSignIn);
  }

  /**
   * Revokes the grant at Google, then deletes the refresh token from the
   * keychain. Offline, it still forgets the account locally and says so.
   * Throws KEYCHAIN_UNAVAILABLE only when the keychain entry could not be deleted.
   */
  async signOut(): Promise<SignOutResult> {
    this.cancelSignIn();
    const session = this.session;
    this.replaceSession(null);
    if (session) await session.writes;

    const tokens = new Set<string>(session ? [session.refreshToken] : []);
    let accounts: string[] = [];
    let keychainFailure: AppError | null = null;
    try {
      accounts = (await this.deps.secrets.accounts()).filter(isRefreshTokenAccount);
      for (const account of accounts) {
        const token = await this.deps.secrets.get(account);
        if (token) tokens.add(token);
      }
    } catch (error) {
      keychainFailure = keychainError(error);
    }

    const revoke = await this.revoke([...tokens]);
    if (!keychainFailure) {
      try {
        for (const account of accounts) await this.deps.secrets.delete(account);
      } catch (error) {
        keychainFailure = keychainError(error);
      }
    }
    const result: SignOutResult = { revoke, message: signOutMessage(revoke) };
    this.logger.info('signed out', { revoke });
    if (keychainFailure) {
      this.setState(keychainState(keychainFailure));
      throw new AppError(keychainFailure.code, `${result.message} But the sign-in stored in the keychain could not be deleted: ${keychainFailure.message}`, { cause: keychainFailure });
    }
    this.setState((await this.clientConfig().catch(() => null)) ? { kind: 'signed-out' } : { kind: 'not-configured' });
    return result;
  }

  /**
   * Stores the OAuth client from the first-run screen: the secret in the
   * keychain, the id in settings. Refused while an account is connected
   * (its refresh token belongs to the old client) or when the environment
   * fixes the client.
   */
  async setClientConfig(input: ClientConfig): Promise<AccountState> {
    if (clientConfiguredByEnv(this.env)) {
      throw new AppError('NOT_ALLOWED', 'The OAuth client is set by GOOGLE_OAUTH_CLIENT_ID in the environment; unset it to enter one here.');
    }
    if (this.signInRun) throw new AppError('NOT_ALLOWED', 'Finish or cancel the sign-in before changing the OAuth client.');
    if (this.session?.status === 'live') throw new AppError('NOT_ALLOWED', 'Sign out before changing the Google OAuth client.');
    const config = validateClientConfig(input);
    try {
      await saveClientConfig(config, this.deps);
    } catch (error) {
      if (!isKeychainError(error)) throw error;
      this.setState(keychainState(error));
      throw error;
    }
    this.logger.info('OAuth client configured');
    // A refused grant stays refused under a new client: only reconnecting clears it.
    if (this.current.kind === 'needs-reconnect') return this.current;
    return this.restore();
  }

  /**
   * The OAuth2Client for Google API calls (googleapis `auth`). Ask for it per
   * operation rather than keeping it. A refresh it makes that Google answers
   * `invalid_grant` rejects with Google's own error (GaxiosError, message
   * 'invalid_grant') and moves the account to needs-reconnect; from then on,
   * and after sign-out, the old client rejects every call with AppError
   * NEEDS_RECONNECT / NOT_SIGNED_IN without touching the network.
   * Throws NOT_SIGNED_IN, NEEDS_RECONNECT, NOT_CONFIGURED, KEYCHAIN_LOCKED or KEYCHAIN_UNAVAILABLE.
   */
  authorizedClient(): OAuth2Client {
    const session = this.session;
    if (session?.status === 'live') return session.client;
    if (session?.status === 'dead') throw new AppError('NEEDS_RECONNECT', NEEDS_RECONNECT_REASON);
    if (this.current.kind === 'not-configured') throw new AppError('NOT_CONFIGURED', NOT_CONFIGURED_MESSAGE);
    if (this.current.kind === 'keychain-unavailable') throw new AppError('KEYCHAIN_UNAVAILABLE', this.current.message);
    if (this.current.kind === 'keychain-locked') throw new AppError('KEYCHAIN_LOCKED', this.current.message);
    throw new AppError('NOT_SIGNED_IN', NOT_SIGNED_IN_MESSAGE);
  }

  /**
   * For a caller that learned some other way that Google refuses the grant.
   * Refresh failures through authorizedClient() are caught without it.
   */
  reportInvalidGrant(): void {
    if (this.session) this.markNeedsReconnect(this.session);
  }

  private async runSignIn(signal: AbortSignal): Promise<AccountState> {
    const before = this.current.kind === 'signing-in' ? this.stateBeforeSignIn : this.current;
    this.stateBeforeSignIn = before;
    const isCurrentRun = () => this.signInRun?.controller.signal === signal;
    try {
      const config = await this.clientConfig();
      if (!config) throw new AppError('NOT_CONFIGURED', NOT_CONFIGURED_MESSAGE);
      // The refresh token must be storable before the teacher goes through consent for nothing.
      await this.deps.secrets.checkWritable();
      if (signal.aborted) throw signal.reason instanceof AppError ? signal.reason : new AppError('CANCELLED', 'Sign-in was cancelled.');
      this.setState({ kind: 'signing-in' });
      await runLoopbackFlow({
        client: createOAuthClient(config, this.endpoints, this.deps.oauthTimeoutMs),
        scopes: SIGN_IN_SCOPES,
        openUrl: this.deps.openUrl,
        logger: this.logger,
        timeoutMs: this.deps.signInTimeoutMs,
        signal,
        onListening: this.deps.onLoopbackListening,
        complete: (tokens) => this.commitSignIn(config, tokens),
      });
      return this.current;
    } catch (error) {
      const failure = error instanceof AppError ? error : new AppError('SIGN_IN_FAILED', 'Sign-in failed unexpectedly; try again.', { cause: error });
      // A sign-in replaced by a newer one leaves the state to that one.
      if (isCurrentRun()) {
        if (failure.code === 'NOT_CONFIGURED') this.setState({ kind: 'not-configured' });
        else if (isKeychainError(failure) && this.session?.status !== 'live') this.setState(keychainState(failure));
        else this.setState(before);
      }
      throw failure;
    }
  }

  /** After the code exchange: names the account, stores its refresh token, and makes it the session. */
  private async commitSignIn(config: ClientConfig, tokens: Credentials): Promise<void> {
    const refreshToken = tokens.refresh_token;
    if (!refreshToken) {
      throw new AppError(
        'SIGN_IN_FAILED',
        'Google did not hand out a refresh token, so the connection could not last. Remove Teacher Desk at https://myaccount.google.com/permissions and connect again.',
      );
    }
    const email = emailFromIdToken(tokens.id_token ?? '', config.clientId);
    try {
      await this.deps.secrets.set(email, refreshToken);
    } catch (error) {
      // Nowhere to keep it: give the grant back rather than leave it dangling.
      await this.revoke([refreshToken]);
      throw keychainError(error);
    }
    // One account at a time. Another account's grant is revoked; the same account's older token is
    // simply overwritten above (revoking it at Google would end the new grant too).
    try {
      for (const other of (await this.deps.secrets.accounts()).filter((a) => isRefreshTokenAccount(a) && a !== email)) {
        const token = await this.deps.secrets.get(other);
        if (token) await this.revoke([token]);
        await this.deps.secrets.delete(other);
      }
    } catch (error) {
      this.logger.warn('could not forget the previously connected account', { reason: keychainError(error).message });
    }
    this.replaceSession(this.openSession(config, email, tokens));
    this.logger.info('Google account connected');
    this.setState({ kind: 'connected', email });
  }

  /** The client of a connected account, guarded so a refused or ended grant stops every call. */
  private openSession(config: ClientConfig, email: string, tokens: Credentials): Session {
    // A 401 from Calendar is left to the caller (the calendar engine's retry policy refreshes once); the library does not refresh on its own.
    const client = createOAuthClient(config, this.endpoints, this.deps.oauthTimeoutMs);
    const refreshToken = tokens.refresh_token ?? '';
    client.setCredentials({
      refresh_token: refreshToken,
      access_token: tokens.access_token,
      expiry_date: tokens.expiry_date,
      token_type: tokens.token_type,
      scope: tokens.scope,
    });
    const session: Session = { email, client, refreshToken, status: 'live', writes: Promise.resolve() };

    client.transporter.interceptors.request.add({
      resolved: async (request) => {
        if (session.status === 'dead') throw new AppError('NEEDS_RECONNECT', NEEDS_RECONNECT_REASON);
        if (session.status === 'ended') throw new AppError('NOT_SIGNED_IN', 'This Google sign-in has ended (signed out or replaced).');
        return request;
      },
    });
    client.transporter.interceptors.response.add({
      // Watches refreshes (a session client sends nothing else to the token endpoint) and passes
      // Google's own error on, so callers that classify invalid_grant keep working.
      rejected: (error) => {
        if (session.status === 'live' && error.config?.url && isTokenEndpoint(error.config.url, this.endpoints) && isInvalidGrant(readOAuthFailure(error))) {
          this.markNeedsReconnect(session);
        }
        throw error;
      },
    });
    client.on('tokens', (fresh: Credentials) => this.keepRotatedToken(session, fresh));
    return session;
  }

  private keepRotatedToken(session: Session, fresh: Credentials): void {
    const rotated = fresh.refresh_token;
    if (!rotated || rotated === session.refreshToken || session.status !== 'live') return;
    session.refreshToken = rotated;
    // After a refresh the library copies the OLD refresh token back from `credentials`
    // into the new credentials; setting it here, before that copy, keeps the new one.
    session.client.credentials.refresh_token = rotated;
    session.writes = session.writes.then(async () => {
      if (session.status === 'ended') return;
      try {
        await this.deps.secrets.set(session.email, rotated);
        this.logger.info('rotated refresh token stored in the keychain');
      } catch (error) {
        this.logger.error('could not store the rotated refresh token; the next start will ask to reconnect', { reason: keychainError(error).message });
      }
    });
  }

  /** Once per session: later refusals find it dead and stay quiet. */
  private markNeedsReconnect(session: Session): void {
    if (session.status !== 'live') return;
    session.status = 'dead';
    retireClient(session.client);
    this.logger.warn('Google refused the refresh token (invalid_grant); the account needs reconnecting');
    if (this.session === session) this.setState({ kind: 'needs-reconnect', email: session.email, reason: NEEDS_RECONNECT_REASON });
  }

  private replaceSession(next: Session | null): void {
    const previous = this.session;
    if (previous && previous !== next && previous.status === 'live') {
      previous.status = 'ended';
      retireClient(previous.client);
    }
    this.session = next;
  }

  private clientConfig() {
    return resolveClientConfig({ env: this.env, clientIds: this.deps.clientIds, secrets: this.deps.secrets });
  }

  /** Revokes refresh tokens at Google; the revoke endpoint needs no client credentials. */
  private async revoke(tokens: string[]): Promise<RevokeOutcome> {
    if (tokens.length === 0) return 'nothing-to-revoke';
    const client = createOAuthClient({}, this.endpoints, this.deps.oauthTimeoutMs);
    const outcomes: RevokeOutcome[] = [];
    for (const token of tokens) {
      try {
        await client.revokeToken(token);
        outcomes.push('revoked');
      } catch (error) {
        const failure = readOAuthFailure(error);
        const outcome: RevokeOutcome = failure.status === null ? 'offline' : failure.status === 400 && failure.error === 'invalid_token' ? 'already-invalid' : 'failed';
        this.logger.warn('revoking at Google did not succeed', { outcome, status: failure.status, error: failure.error ?? failure.networkCode });
        outcomes.push(outcome);
      }
    }
    for (const worst of ['offline', 'failed', 'revoked'] as const) if (outcomes.includes(worst)) return worst;
    return 'already-invalid';
  }

  private setState(next: AccountState): AccountState {
    if (JSON.stringify(next) === JSON.stringify(this.current)) return this.current;
    this.current = next;
    for (const listener of this.listeners) {
      try {
        listener(next);
      } catch (error) {
        this.logger.error('account state listener failed', { reason: error instanceof Error ? error.message : String(error) });
      }
    }
    return next;
  }
}

/** The account state for a keychain that cannot be used: locked (how to unlock) or unavailable. */
function keychainState(error: AppError): AccountState {
  return { kind: error.code === 'KEYCHAIN_LOCKED' ? 'keychain-locked' : 'keychain-unavailable', message: error.message };
}

/**
 * Drops the real tokens from a client someone may still hold. A placeholder
 * refresh token stays so that every later call (request, getAccessToken,
 * refreshAccessToken) goes for a refresh, which the session's request guard
 * stops with an AppError before anything reaches the network.
 */
function retireClient(client: OAuth2Client): void {
  client.setCredentials({ refresh_token: 'retired-session' });
}

function signOutMessage(revoke: RevokeOutcome): string {
  const manual = 'You can also remove Teacher Desk at https://myaccount.google.com/permissions.';
  switch (revoke) {
    case 'revoked':
      return 'Signed out: Google access for Teacher Desk was revoked and the sign-in was removed from this computer.';
    case 'already-invalid':
      return 'Signed out: Google had already ended this sign-in, and it was removed from this computer.';
    case 'offline':
      return `Signed out on this computer, but Google could not be reached to revoke access (are you offline?). ${manual}`;
    case 'failed':
      return `Signed out on this computer, but Google did not confirm that access was revoked. ${manual}`;
    case 'nothing-to-revoke':
      return 'Signed out.';
  }
}
