import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { OAuth2Client } from 'google-auth-library';
import { SIGN_IN_SCOPES } from '../../../main/auth/scopes';
import { FakeCalendar } from '../../fake-google/calendar';
import { createFakeOAuth, FAKE_OAUTH_PATHS, type FakeOAuth } from '../../fake-google/oauth';
import { startFakeGoogleServer, type FakeGoogleServer } from '../../fake-google/server';
import { TokenRegistry } from '../../fake-google/tokens';

export const TEACHER = 'teacher@example.com';

export interface SignedInFakeGoogle {
  server: FakeGoogleServer;
  fake: FakeCalendar;
  oauth: FakeOAuth;
  tokens: TokenRegistry;
  /** Signed in as TEACHER, holding an access and a refresh token. */
  auth: OAuth2Client;
}

/**
 * Signs in through the fake's consent screen and token endpoint (loopback
 * redirect, PKCE), as the app does, and returns a client holding the
 * access and refresh tokens.
 */
async function signIn(origin: string, oauth: FakeOAuth, scopes: readonly string[]): Promise<OAuth2Client> {
  const redirectUri = 'http://127.0.0.1:1/callback';
  const auth = new OAuth2Client({ clientId: oauth.clientId, clientSecret: oauth.clientSecret, redirectUri, endpoints: { oauth2TokenUrl: `${origin}${FAKE_OAUTH_PATHS.token}` } });
  const verifier = randomBytes(32).toString('base64url');
  const authorize = new URL(`${origin}${FAKE_OAUTH_PATHS.authorize}`);
  for (const [k, v] of Object.entries({
    client_id: oauth.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: scopes.join(' '),
    state: randomUUID(),
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    access_type: 'offline',
  })) authorize.searchParams.set(k, v);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code');
  if (!code) throw new Error(`fake consent screen gave no code (${consent.status})`);
  const { tokens } = await auth.getToken({ code, codeVerifier: verifier, redirect_uri: redirectUri });
  auth.setCredentials(tokens);
  return auth;
}

/** The fake Google (OAuth + Calendar) on a real port, with the teacher signed in. */
export async function startSignedInFakeGoogle(scopes: readonly string[] = SIGN_IN_SCOPES): Promise<SignedInFakeGoogle> {
  const tokens = new TokenRegistry();
  const fake = new FakeCalendar({ tokens });
  const oauth = createFakeOAuth({ tokens, email: TEACHER });
  const server = await startFakeGoogleServer([oauth.route, fake.route]);
  const auth = await signIn(server.origin, oauth, scopes);
  return { server, fake, oauth, tokens, auth };
}
