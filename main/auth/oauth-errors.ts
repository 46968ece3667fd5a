import { AppError } from '../../shared/ipc/errors';

/** What an OAuth endpoint answered, read from a gaxios error without keeping the request (whose body holds secrets). */
export interface OAuthFailure {
  /** HTTP status, or null when no answer came (offline, DNS, timeout). */
  status: number | null;
  /** Google's `error` field (invalid_grant, invalid_client, ...), when it sent one. */
  error: string | null;
  description: string | null;
  /** Network error code (ECONNREFUSED, ENOTFOUND, TimeoutError) when there was no answer. */
  networkCode: string | null;
}

// Google's error fields are short ASCII words and sentences; anything else is cut so it cannot smuggle markup or noise into messages.
function clean(value: unknown, max: number): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/[^\x20-\x7e]/g, ' ').trim().slice(0, max);
  return text || null;
}

export function readOAuthFailure(error: unknown): OAuthFailure {
  const e = error as { response?: { status?: unknown; data?: unknown }; code?: unknown; name?: unknown } | null;
  const response = e && typeof e === 'object' ? e.response : undefined;
  if (!response) {
    const code = e && typeof e === 'object' ? (clean(e.code, 40) ?? clean(e.name, 40)) : null;
    return { status: null, error: null, description: null, networkCode: code };
  }
  const data = (response.data && typeof response.data === 'object' ? response.data : {}) as Record<string, unknown>;
  return {
    status: typeof response.status === 'number' ? response.status : null,
    error: clean(data.error, 60),
    description: clean(data.error_description, 200),
    networkCode: null,
  };
}

/** Google's answer to a refresh (or code) it will never accept: revoked, expired, or already used. */
export function isInvalidGrant(failure: OAuthFailure): boolean {
  return failure.status === 400 && failure.error === 'invalid_grant';
}

/** The teacher's sentence for a failed code exchange. */
export function signInExchangeError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const f = readOAuthFailure(error);
  const said = f.description ? `${f.error}: ${f.description}` : (f.error ?? `HTTP ${f.status}`);
  let message: string;
  if (f.status === null) {
    message = `Could not reach Google to finish signing in (${f.networkCode ?? 'no answer'}). Check the internet connection and try again.`;
  } else if (f.error === 'invalid_grant') {
    message = `Google refused the sign-in code (${said}). The code may have been used already, have expired, or not match this sign-in. Nothing was connected; try again.`;
  } else if (f.error === 'invalid_client' || f.error === 'unauthorized_client') {
    message = `Google did not accept the OAuth client ID or secret (${said}). Check them on the setup screen.`;
  } else if (f.error === 'redirect_uri_mismatch') {
    message = `Google refused the sign-in because the return address did not match (${said}). The OAuth client must be of type "Desktop app".`;
  } else {
    message = `Google refused the sign-in (${said}). Nothing was connected; try again.`;
  }
  return new AppError('SIGN_IN_FAILED', message, { cause: error });
}
