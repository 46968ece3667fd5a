import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFakeOAuth, FAKE_OAUTH_PATHS, type FakeOAuth } from '../fake-google/oauth';
import { startFakeGoogleServer, type FakeGoogleServer } from '../fake-google/server';
import { TokenRegistry } from '../fake-google/tokens';

/** The fake Google's OAuth endpoints on their own: as strict as Google where the app could slip. */

let now = Date.now();
let tokens: TokenRegistry;
let fake: FakeOAuth;
let server: FakeGoogleServer;

beforeEach(async () => {
  now = Date.now();
  tokens = new TokenRegistry(() => now);
  fake = createFakeOAuth({ tokens, now: () => now });
  server = await startFakeGoogleServer([fake.route]);
});
afterEach(() => server.close());

const REDIRECT = 'http://127.0.0.1:55555/oauth2callback';
const SCOPE = 'openid email https://www.googleapis.com/auth/calendar.events';

function pkce() {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(overrides: Record<string, string | null> = {}): URL {
  const url = new URL(`${server.origin}${FAKE_OAUTH_PATHS.authorize}`);
  const params: Record<string, string | null> = {
    client_id: fake.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: SCOPE,
    state: 'state-123',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    access_type: 'offline',
    prompt: 'consent',
    ...overrides,
  };
  for (const [k, v] of Object.entries(params)) if (v !== null) url.searchParams.set(k, v);
  return url;
}

async function authorize(overrides: Record<string, string | null> = {}): Promise<{ status: number; location: URL | null; body: string }> {
  const res = await fetch(authorizeUrl(overrides), { redirect: 'manual' });
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : null, body: await res.text() };
}

async function codeFor(challenge: string, extra: Record<string, string | null> = {}): Promise<string> {
  const { location } = await authorize({ code_challenge: challenge, ...extra });
  const code = location?.searchParams.get('code');
  if (!code) throw new Error('no code');
  return code;
}

async function postForm(path: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

function exchange(code: string, verifier: string, overrides: Record<string, string> = {}) {
  return postForm(FAKE_OAUTH_PATHS.token, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT,
    client_id: fake.clientId,
    client_secret: fake.clientSecret,
    ...overrides,
  });
}

function refresh(refreshToken: string) {
  return postForm(FAKE_OAUTH_PATHS.token, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: fake.clientId, client_secret: fake.clientSecret });
}

describe('authorize', () => {
  test('approve redirects to the loopback redirect with a code and the same state', async () => {
    const { status, location } = await authorize();
    expect(status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('state-123');
    expect(location?.searchParams.get('code')).toMatch(/^4\/0fake-/);
  });

  test('deny redirects with error=access_denied and the state, no code', async () => {
    fake.consent = 'deny';
    const { status, location } = await authorize();
    expect(status).toBe(302);
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('state')).toBe('state-123');
    expect(location?.searchParams.has('code')).toBe(false);
  });

  test.each([
    ['an unknown client', { client_id: 'someone-else.apps.googleusercontent.com' }, 'invalid_client'],
    ['a non-loopback redirect', { redirect_uri: 'http://0.0.0.0:5555/cb' }, 'redirect_uri_mismatch'],
    ['an https redirect', { redirect_uri: 'https://127.0.0.1:5555/cb' }, 'redirect_uri_mismatch'],
    ['a localhost redirect', { redirect_uri: 'http://localhost:5555/cb' }, 'redirect_uri_mismatch'],
    ['no redirect', { redirect_uri: null }, 'redirect_uri_mismatch'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
    ['no scope', { scope: null }, 'invalid_request'],
    ['an unknown scope', { scope: 'openid https://mail.google.com/' }, 'invalid_scope'],
    ['no state', { state: null }, 'invalid_request'],
    ['no PKCE challenge', { code_challenge: null }, 'invalid_request'],
    ['the plain PKCE method', { code_challenge_method: 'plain' }, 'invalid_request'],
  ])('refuses %s with an error page, never a redirect', async (_name, overrides, error) => {
    const { status, location, body } = await authorize(overrides);
    expect(status).toBe(400);
    expect(location).toBeNull();
    expect(body).toContain(error);
  });
});

describe('token: authorization_code', () => {
  test('a correct exchange returns access, refresh and id tokens; the access token is in the shared registry', async () => {
    const { verifier, challenge } = pkce();
    const { status, body } = await exchange(await codeFor(challenge), verifier);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: SCOPE });
    expect(fake.issuedRefreshTokens).toEqual([body.refresh_token]);
    expect(tokens.verify(body.access_token!)).toMatchObject({ email: fake.email, clientId: fake.clientId, refreshToken: body.refresh_token });
    const claims = JSON.parse(Buffer.from(body.id_token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ email: fake.email, aud: fake.clientId, email_verified: true });
  });

  test('PKCE: a wrong verifier is refused with invalid_grant', async () => {
    const { challenge } = pkce();
    const { status, body } = await exchange(await codeFor(challenge), pkce().verifier);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid code verifier.' });
  });

  test('PKCE: a missing verifier is refused', async () => {
    const { challenge } = pkce();
    const code = await codeFor(challenge);
    const res = await postForm(FAKE_OAUTH_PATHS.token, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: fake.clientId, client_secret: fake.clientSecret });
    expect(res).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Missing code verifier.' } });
  });

  test('a code is single use: a replay is refused even with everything else right', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect((await exchange(code, verifier)).status).toBe(200);
    expect(await exchange(code, verifier)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Bad Request' } });
  });

  test('a failed attempt burns the code too', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect((await exchange(code, pkce().verifier)).status).toBe(400);
    expect((await exchange(code, verifier)).body.error).toBe('invalid_grant');
  });

  test('a code is short-lived', async () => {
    fake.codeLifetimeMs = 30_000;
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    now += 30_001;
    expect((await exchange(code, verifier)).body).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });

  test('the redirect_uri must equal the one of the authorize request', async () => {
    const { verifier, challenge } = pkce();
    const res = await exchange(await codeFor(challenge), verifier, { redirect_uri: 'http://127.0.0.1:55556/oauth2callback' });
    expect(res).toEqual({ status: 400, body: { error: 'redirect_uri_mismatch', error_description: 'Bad Request' } });
  });

  test('a wrong client secret or unknown client is 401 invalid_client, in the form or in Basic auth', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(challenge);
    expect(await exchange(code, verifier, { client_secret: 'nope' })).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } });
    expect((await exchange(code, verifier, { client_id: 'other.apps.googleusercontent.com' })).body).toEqual({ error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    const basic = Buffer.from(`${fake.clientId}:wrong`).toString('base64');
    const res = await postForm(FAKE_OAUTH_PATHS.token, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT }, { authorization: `Basic ${basic}` });
    expect(res.status).toBe(401);
  });

  test('online access gives no refresh token', async () => {
    const { verifier, challenge } = pkce();
    const { body } = await exchange(await codeFor(challenge, { access_type: 'online' }), verifier);
    expect(body.access_token).toBeTruthy();
    expect(body.refresh_token).toBeUndefined();
  });
});

describe('token: refresh_token, rotation and revoke', () => {
  async function signedIn(): Promise<{ access: string; refresh: string }> {
    const { verifier, challenge } = pkce();
    const { body } = await exchange(await codeFor(challenge), verifier);
    return { access: body.access_token!, refresh: body.refresh_token! };
  }

  test('refresh gives a new access token and no new refresh token by default', async () => {
    const { refresh: rt } = await signedIn();
    const { status, body } = await refresh(rt);
    expect(status).toBe(200);
    expect(tokens.verify(body.access_token!)).not.toBeNull();
    expect(body.refresh_token).toBeUndefined();
  });

  test('with rotation, refresh returns a new refresh token and the old one stops working', async () => {
    fake.rotateRefreshTokens = true;
    const { refresh: rt } = await signedIn();
    const { body } = await refresh(rt);
    expect(body.refresh_token).toBeTruthy();
    expect(body.refresh_token).not.toBe(rt);
    expect(fake.isRefreshTokenLive(rt)).toBe(false);
    expect((await refresh(rt)).body.error).toBe('invalid_grant');
    expect((await refresh(body.refresh_token!)).status).toBe(200);
  });

  test('revoke (token in the query) ends the refresh token and its access tokens', async () => {
    const { access, refresh: rt } = await signedIn();
    const res = await fetch(`${server.origin}${FAKE_OAUTH_PATHS.revoke}?token=${encodeURIComponent(rt)}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(fake.revokedRefreshTokens).toEqual([rt]);
    expect(tokens.verify(access)).toBeNull();
    expect(await refresh(rt)).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } });
  });

  test('revoke (token in the form) of an access token ends the whole grant; an unknown token is invalid_token', async () => {
    const { access, refresh: rt } = await signedIn();
    expect((await postForm(FAKE_OAUTH_PATHS.revoke, { token: access })).status).toBe(200);
    expect(fake.isRefreshTokenLive(rt)).toBe(false);
    expect(await postForm(FAKE_OAUTH_PATHS.revoke, { token: access })).toEqual({ status: 400, body: { error: 'invalid_token', error_description: 'Token expired or revoked' } });
  });

  test('revokeAll() ends every grant', async () => {
    const a = await signedIn();
    const b = await signedIn();
    fake.revokeAll();
    expect(fake.revokedRefreshTokens.sort()).toEqual([a.refresh, b.refresh].sort());
    expect((await refresh(a.refresh)).body.error).toBe('invalid_grant');
  });

  test('unsupported grant types and non-form bodies are refused', async () => {
    expect((await postForm(FAKE_OAUTH_PATHS.token, { grant_type: 'password', client_id: fake.clientId, client_secret: fake.clientSecret })).body.error).toBe('unsupported_grant_type');
    const res = await fetch(`${server.origin}${FAKE_OAUTH_PATHS.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(400);
  });
});
