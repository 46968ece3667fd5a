import { AppError } from '../../shared/ipc/errors';

/**
 * The Google account e-mail named by an id_token. The signature is NOT
 * checked, and this is only sound because the token comes straight from
 * the token endpoint in the code exchange the app itself made, over TLS
 * to Google, authenticated with the client secret (OpenID Connect Core
 * 3.1.3.7: TLS server validation may stand in for the signature there).
 * Never call this on an id_token that arrived any other way. `aud` is
 * still checked, as a guard against a mix-up of clients.
 */
export function emailFromIdToken(idToken: string, clientId: string): string {
  const fail = (why: string) => new AppError('SIGN_IN_FAILED', `Google's answer did not say which account signed in (${why}). Nothing was connected; try again.`);
  const payload = idToken.split('.')[1];
  if (!payload) throw fail('malformed id_token');
  let claims: Record<string, unknown>;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw fail('unreadable id_token');
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) throw fail('id_token issued to another client');
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) throw fail('no e-mail in the id_token');
  if (claims.email_verified === false) throw fail('the e-mail is not verified');
  return claims.email.toLowerCase();
}
