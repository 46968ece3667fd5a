import { AppError } from '../../shared/ipc/errors';

/**
 * Where secrets live: the OS keychain in production (keychain-secret-store.ts).
 * An implementation that cannot reach its keychain throws AppError
 * KEYCHAIN_UNAVAILABLE, or KEYCHAIN_LOCKED when the keyring is locked; none
 * of them ever falls back to a file.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
  /** Names of the accounts holding a secret under this app's service (never the secrets). */
  accounts(): Promise<string[]>;
  /**
   * Resolves when a secret could be stored right now. A locked keyring with
   * nothing of ours in it reads as empty, so reading proves nothing; this
   * writes and removes a throwaway entry (a desktop keyring may ask the
   * teacher to unlock it).
   */
  checkWritable(): Promise<void>;
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

export const KEYCHAIN_LOCKED_MESSAGE =
  'The system keychain is locked, and Teacher Desk keeps the Google sign-in only there (never in a file). ' +
  'Unlock it, then press "Try again": on Linux open "Passwords and Keys" (Seahorse), right-click the "Login" keyring and choose Unlock ' +
  '(or log out and in again); on macOS open Keychain Access and unlock the "login" keychain.';

// The binding's words for a locked keyring: Secret Service's IsLocked and a dismissed unlock prompt (Linux), errSecInteractionNotAllowed (macOS).
const LOCKED = /\block(ed)?\b|unlock|interaction is not allowed/i;

export function isKeychainError(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'KEYCHAIN_UNAVAILABLE' || error.code === 'KEYCHAIN_LOCKED');
}

/** The one error for "keychain unusable" (locked, or unreachable); `cause` is the keychain's own words (never a secret). */
export function keychainError(cause: unknown): AppError {
  if (isKeychainError(cause)) return cause;
  const detail = cause instanceof Error ? cause.message : String(cause);
  if (LOCKED.test(detail)) return new AppError('KEYCHAIN_LOCKED', `${KEYCHAIN_LOCKED_MESSAGE} (Keychain said: ${detail})`, { cause });
  return new AppError('KEYCHAIN_UNAVAILABLE', `${KEYCHAIN_UNAVAILABLE_MESSAGE} (Keychain said: ${detail})`, { cause });
}
