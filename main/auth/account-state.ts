/**
 * What the renderer shows of the Google connection. None of these carries
 * a token or the client secret, so a state can go over IPC as it is.
 *  - not-configured: no OAuth client id and secret yet (first-run screen).
 *  - signed-out: configured, no account connected ("Connect Google Calendar").
 *  - signing-in: the consent page is open in the browser ("Cancel").
 *  - connected: refresh token in the keychain for `email`.
 *  - needs-reconnect: Google refused the refresh token (revoked or expired); `reason` says so.
 *  - keychain-unavailable: the OS keychain could not be reached; `message` says why.
 *  - keychain-locked: the keyring is locked; `message` says how to unlock it ("Try again" then restores).
 */
export type AccountState =
  | { kind: 'not-configured' }
  | { kind: 'signed-out' }
  | { kind: 'signing-in' }
  | { kind: 'connected'; email: string }
  | { kind: 'needs-reconnect'; email: string; reason: string }
  | { kind: 'keychain-unavailable'; message: string }
  | { kind: 'keychain-locked'; message: string };

export type AccountStateKind = AccountState['kind'];

/** How sign-out went at Google; the local entries are deleted in every case. */
export type RevokeOutcome = 'revoked' | 'already-invalid' | 'offline' | 'failed' | 'nothing-to-revoke';

export interface SignOutResult {
  revoke: RevokeOutcome;
  /** A sentence for the teacher. */
  message: string;
}

export const NEEDS_RECONNECT_REASON =
  'Google no longer accepts this sign-in (access was revoked or has expired). Connect Google Calendar again to keep your classes in sync.';
