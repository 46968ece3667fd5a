import { AppError } from '../../shared/ipc/errors';

/**
 * Where secrets live: the OS keychain in production (keytar-secret-store.ts).
 * An implementation that cannot reach its keychain throws AppError
 * KEYCHAIN_UNAVAILABLE; none of them ever falls back to a file.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Names of the accounts holding a secret under this app's service (never the secrets). */
  accounts(): Promise<string[]>;
}

/**
 * Keychain accounts: the refresh token sits under the Google e-mail, the
 * OAuth client secret under this prefix plus the client id. An e-mail never
 * contains this prefix, so the two kinds cannot be confused.
 */
const CLIENT_SECRET_PREFIX = 'oauth-client-secret:';

export function clientSecretAccount(clientId: string): string {
  return `${CLIENT_SECRET_PREFIX}${clientId}`;
}

export function isRefreshTokenAccount(account: string): boolean {
  return !account.startsWith(CLIENT_SECRET_PREFIX);
}

export const KEYCHAIN_UNAVAILABLE_MESSAGE =
  'The system keychain cannot be reached (no Secret Service is running on D-Bus, or the keyring is locked). ' +
  'Teacher Desk keeps the Google sign-in only in the keychain and will not write it to a file: ' +
  'unlock the keyring (or start gnome-keyring or KWallet) and try again.';

/** The one error for "keychain unreachable"; `cause` is the keychain's own words (never a secret). */
export function keychainUnavailable(cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AppError('KEYCHAIN_UNAVAILABLE', `${KEYCHAIN_UNAVAILABLE_MESSAGE} (Keychain said: ${detail})`, { cause });
}
