import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AccountService } from '../../main/auth/account-service';
import { startAuthWorld, type AuthWorld } from './support/auth-fixture';
import { probeKeychain, reportMissingKeychain } from './support/keychain';
import { tryConnect } from './support/net';

/** The browser sign-in against the fake Google, with the real keychain. */

const keychain = await probeKeychain();
reportMissingKeychain(keychain);

describe.runIf(keychain.ok)('sign-in through the system browser', () => {
  let world: AuthWorld;
  let service: AccountService;

  beforeEach(async () => {
    world = await startAuthWorld();
    service = world.newService();
    expect(await service.restore()).toEqual({ kind: 'not-configured' });
    expect(await world.configure(service)).toEqual({ kind: 'signed-out' });
  });
  afterEach(() => world.close());

  const lastPage = async () => {
    await world.browser.settled();
    return world.browser.pages.at(-1);
  };
  const port = () => world.listeners.at(-1)!.port;

  test('full sign-in: consent request as Google wants it, account connected, refresh token in the keychain', async () => {
    expect(await service.signIn()).toEqual({ kind: 'connected', email: 'teacher@example.com' });
    expect(world.states.slice(-2)).toEqual([{ kind: 'signing-in' }, { kind: 'connected', email: 'teacher@example.com' }]);

    const consent = new URL(world.browser.opened[0]!);
    const q = consent.searchParams;
    expect(`${consent.origin}${consent.pathname}`).toBe(world.env.GOOGLE_OAUTH_AUTH_URL);
    expect(q.get('client_id')).toBe(world.fake.clientId);
    expect(q.get('response_type')).toBe('code');
    expect(q.get('access_type')).toBe('offline');
    expect(q.get('prompt')).toBe('consent');
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('scope')?.split(' ').sort()).toEqual(['email', 'https://www.googleapis.com/auth/calendar.events', 'https://www.googleapis.com/auth/calendar.events.freebusy', 'openid']);
    expect(q.get('redirect_uri')).toBe(`http://127.0.0.1:${port()}/oauth2callback`);
    expect(q.get('state')!.length).toBeGreaterThanOrEqual(43);

    expect(await lastPage()).toMatchObject({ status: 200 });
    expect((await lastPage())!.body).toContain('You can close this tab and return to Teacher Desk');

    const [refreshToken] = world.fake.issuedRefreshTokens;
    expect(await world.secrets.get('teacher@example.com')).toBe(refreshToken);
    // The access token of the exchange is used from memory: no refresh needed.
    const { token } = await service.authorizedClient().getAccessToken();
    expect(world.tokens.verify(token!)).toMatchObject({ email: 'teacher@example.com' });
    expect(world.tokenRequests('refresh_token')).toBe(0);
  });

  test('each sign-in uses a fresh state and PKCE challenge', async () => {
    await service.signIn();
    await service.signIn();
    const [a, b] = world.browser.opened.map((u) => new URL(u).searchParams);
    expect(a!.get('state')).not.toBe(b!.get('state'));
    expect(a!.get('code_challenge')).not.toBe(b!.get('code_challenge'));
  });

  test('the listener is bound to 127.0.0.1 only, and closed once the callback is answered', async () => {
    let during: Record<string, string> = {};
    world.browser.beforeFollow = async (redirect) => {
      const p = Number(redirect.port);
      during = { v4: await tryConnect('127.0.0.1', p), otherLoopback: await tryConnect('127.0.0.2', p), v6: await tryConnect('::1', p) };
    };
    await service.signIn();
    expect(world.listeners[0]).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
    expect(during.v4).toBe('connected');
    // Bound to 0.0.0.0 or :: these would connect.
    expect(during.otherLoopback).toBe('ECONNREFUSED');
    expect(during.v6).not.toBe('connected');
    expect(await tryConnect('127.0.0.1', port())).toBe('ECONNREFUSED');
  });

  test('denied consent is reported to the app and the browser', async () => {
    world.fake.consent = 'deny';
    await expect(service.signIn()).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/consent screen was declined/) });
    expect((await lastPage())!.body).toContain('consent screen was declined');
    expect(service.state).toEqual({ kind: 'signed-out' });
    expect(await tryConnect('127.0.0.1', port())).toBe('ECONNREFUSED');
  });

  test('another error= is reported, and nothing reflected from the URL reaches the page unescaped', async () => {
    world.browser.rewriteRedirect = (url) => {
      url.searchParams.delete('code');
      url.searchParams.set('error', '<script>alert(1)</script>');
    };
    await expect(service.signIn()).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/Google reported an error/) });
    expect((await lastPage())!.body).not.toContain('<script>');
    expect((await lastPage())!.body).toContain('Google reported an error');
  });

  test('a redirect without a code is refused', async () => {
    world.browser.rewriteRedirect = (url) => url.searchParams.delete('code');
    await expect(service.signIn()).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/no authorization code/) });
    expect(await lastPage()).toMatchObject({ status: 400 });
  });

  test('a replayed code is refused by Google and the app reports it, keeping the account it had', async () => {
    let firstCode = '';
    world.browser.beforeFollow = async (redirect) => {
      firstCode = redirect.searchParams.get('code')!;
    };
    await service.signIn();
    world.browser.beforeFollow = null;
    world.browser.rewriteRedirect = (url) => url.searchParams.set('code', firstCode);
    await expect(service.signIn()).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/refused the sign-in code \(invalid_grant/) });
    expect(world.fake.tokenRequests.at(-1)).toMatchObject({ grantType: 'authorization_code', status: 400, error: 'invalid_grant' });
    expect((await lastPage())!.body).toContain('refused the sign-in code');
    expect(service.state).toEqual({ kind: 'connected', email: 'teacher@example.com' });
  });

  test('PKCE: a code obtained with another challenge cannot be redeemed with the app verifier', async () => {
    const otherVerifier = randomBytes(48).toString('base64url');
    world.browser.rewriteAuthUrl = (url) => url.searchParams.set('code_challenge', createHash('sha256').update(otherVerifier).digest('base64url'));
    await expect(service.signIn()).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/Invalid code verifier/) });
    expect(world.fake.tokenRequests.at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect(service.state).toEqual({ kind: 'signed-out' });
  });

  test('favicon and other requests get 404 and do not end the flow', async () => {
    const answers: number[] = [];
    world.browser.beforeFollow = async (redirect) => {
      const base = `http://127.0.0.1:${redirect.port}`;
      answers.push((await fetch(`${base}/favicon.ico`)).status);
      answers.push((await fetch(`${base}/somewhere?code=x&state=y`)).status);
      answers.push((await fetch(redirect, { method: 'POST' })).status);
    };
    expect(await service.signIn()).toMatchObject({ kind: 'connected' });
    expect(answers).toEqual([404, 404, 404]);
  });

  test('times out when the browser never comes back, and closes the listener', async () => {
    const quick = world.newService({ signInTimeoutMs: 300 });
    await quick.restore();
    world.browser.stall = true;
    await expect(quick.signIn()).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/timed out/) });
    expect(quick.state).toEqual({ kind: 'signed-out' });
    expect(await tryConnect('127.0.0.1', port())).toBe('ECONNREFUSED');
  });

  test('cancelSignIn() rejects with CANCELLED and closes the listener', async () => {
    world.browser.stall = true;
    const running = service.signIn();
    await vi.waitFor(() => expect(world.listeners).toHaveLength(1));
    expect(service.state).toEqual({ kind: 'signing-in' });
    service.cancelSignIn();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(service.state).toEqual({ kind: 'signed-out' });
    expect(await tryConnect('127.0.0.1', port())).toBe('ECONNREFUSED');
  });

  test('a second sign-in cancels the first', async () => {
    world.browser.stall = true;
    const first = service.signIn();
    const firstOutcome = first.catch((error: unknown) => error);
    await vi.waitFor(() => expect(world.listeners).toHaveLength(1));
    world.browser.stall = false;
    const second = service.signIn();
    expect(await firstOutcome).toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/new one was started/) });
    expect(await second).toEqual({ kind: 'connected', email: 'teacher@example.com' });
    expect(await tryConnect('127.0.0.1', world.listeners[0]!.port)).toBe('ECONNREFUSED');
    // The cancelled run never dropped the state back to signed-out under the running one.
    expect(world.states.slice(-2)).toEqual([{ kind: 'signing-in' }, { kind: 'connected', email: 'teacher@example.com' }]);
  });

  test('a wrong client secret is reported as such', async () => {
    await service.signOut();
    const fresh = world.newService();
    await fresh.setClientConfig({ clientId: world.fake.clientId, clientSecret: 'wrong-secret-for-this-client' });
    await expect(fresh.signIn()).rejects.toMatchObject({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(/client ID or secret/) });
  });
});

describe.runIf(keychain.ok)('configuration', () => {
  let world: AuthWorld;
  beforeEach(async () => {
    world = await startAuthWorld();
  });
  afterEach(() => world.close());

  test('without a client, sign-in says NOT_CONFIGURED and opens no browser', async () => {
    const service = world.newService();
    expect(await service.restore()).toEqual({ kind: 'not-configured' });
    await expect(service.signIn()).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    expect(() => service.authorizedClient()).toThrow(expect.objectContaining({ code: 'NOT_CONFIGURED' }));
    expect(world.browser.opened).toEqual([]);
  });

  test('GOOGLE_OAUTH_CLIENT_ID / _SECRET configure the app and lock the first-run screen', async () => {
    const service = world.newService({ env: { ...world.env, GOOGLE_OAUTH_CLIENT_ID: world.fake.clientId, GOOGLE_OAUTH_CLIENT_SECRET: world.fake.clientSecret } });
    expect(await service.restore()).toEqual({ kind: 'signed-out' });
    expect(await service.signIn()).toMatchObject({ kind: 'connected' });
    await expect(service.setClientConfig({ clientId: 'x.apps.googleusercontent.com', clientSecret: 'y' })).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });

  test('the first-run screen is validated, and refused while an account is connected', async () => {
    const service = world.newService();
    await service.restore();
    await expect(service.setClientConfig({ clientId: ' ', clientSecret: 's' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(service.setClientConfig({ clientId: 'a b', clientSecret: 's' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(service.setClientConfig({ clientId: 'id.apps.googleusercontent.com', clientSecret: '' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await world.configure(service);
    await service.signIn();
    await expect(world.configure(service)).rejects.toMatchObject({ code: 'NOT_ALLOWED' });
  });
});
