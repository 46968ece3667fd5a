import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { AccountService } from '../../main/auth/account-service';
import { sendJson, type RouteModule } from '../fake-google/http';
import { startFakeGoogleServer, type FakeGoogleServer } from '../fake-google/server';
import { startAuthWorld, startConfiguredAuthWorld, type AuthWorld } from './support/auth-fixture';
import { probeKeychain, reportMissingKeychain } from './support/keychain';

/** The connected account over time: restarts, rotation, revoked grants, sign-out. */

const keychain = await probeKeychain();
reportMissingKeychain(keychain);

const EMAIL = 'teacher@example.com';

describe.runIf(keychain.ok)('the connected account', () => {
  let world: AuthWorld;
  let service: AccountService;

  beforeEach(async () => {
    ({ world, service } = await startConfiguredAuthWorld());
  });
  afterEach(() => world.close());

  /** The app starting again: a new service over the same keychain and data directory. */
  async function restart(): Promise<AccountService> {
    const next = world.newService();
    await next.restore();
    return next;
  }

  test('a restart restores the account from the keychain and gets an access token by refresh', async () => {
    await service.signIn();
    const restarted = await restart();
    expect(restarted.state).toEqual({ kind: 'connected', email: EMAIL });
    expect(world.tokenRequests('refresh_token')).toBe(0);
    const { token } = await restarted.authorizedClient().getAccessToken();
    expect(world.tokens.verify(token!)).toMatchObject({ email: EMAIL, refreshToken: world.fake.issuedRefreshTokens[0] });
    expect(world.tokenRequests('refresh_token')).toBe(1);
  });

  test('with nothing in the keychain a configured app starts signed out', async () => {
    expect((await restart()).state).toEqual({ kind: 'signed-out' });
  });

  test('a rotated refresh token replaces the old one in the keychain and in memory', async () => {
    world.fake.rotateRefreshTokens = true;
    await service.signIn();
    const [first] = world.fake.issuedRefreshTokens;

    const restarted = await restart();
    const client = restarted.authorizedClient();
    await client.getAccessToken();
    const second = world.fake.issuedRefreshTokens[1];
    expect(second).toBeTruthy();
    expect(world.fake.isRefreshTokenLive(first!)).toBe(false);
    await vi.waitFor(async () => expect(await world.secrets.get(EMAIL)).toBe(second));

    // The client goes on with the new token (the library alone would keep the dead one).
    await client.refreshAccessToken();
    const third = world.fake.issuedRefreshTokens[2];
    await vi.waitFor(async () => expect(await world.secrets.get(EMAIL)).toBe(third));
    expect(restarted.state).toEqual({ kind: 'connected', email: EMAIL });

    // And the next start uses what the keychain holds.
    const again = await restart();
    await expect(again.authorizedClient().getAccessToken()).resolves.toMatchObject({ token: expect.any(String) });
    expect(world.fake.tokenRequests.filter((r) => r.status !== 200)).toEqual([]);
  });

  test('a revoked grant moves to needs-reconnect once, and the client then stays off the network', async () => {
    await service.signIn();
    world.fake.revokeAll();
    const restarted = await restart();
    const client = restarted.authorizedClient();

    // The refresh itself fails with Google's own answer (what a caller's retry policy classifies)...
    const refused = await client.getAccessToken().catch((error: unknown) => error);
    expect(refused).toMatchObject({ message: 'invalid_grant', response: { status: 400, data: { error: 'invalid_grant' } } });
    // ...which carries neither the refresh token nor the client secret.
    expect(inspect(refused, { depth: 8 })).not.toContain(world.fake.issuedRefreshTokens[0]);
    expect(inspect(refused, { depth: 8 })).not.toContain(world.fake.clientSecret);
    expect(restarted.state).toEqual({ kind: 'needs-reconnect', email: EMAIL, reason: expect.stringMatching(/revoked or has expired/) });
    expect(world.tokenRequests('refresh_token')).toBe(1);

    // Whatever the calendar engine does next, no new token request and no second transition.
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'NEEDS_RECONNECT' });
    await expect(client.request({ url: `${world.server.origin}/calendar/v3/calendars/primary/events` })).rejects.toMatchObject({ code: 'NEEDS_RECONNECT' });
    expect(client.credentials.refresh_token).not.toBe(world.fake.issuedRefreshTokens[0]);
    restarted.reportInvalidGrant();
    expect(() => restarted.authorizedClient()).toThrow(expect.objectContaining({ code: 'NEEDS_RECONNECT' }));
    expect(world.tokenRequests('refresh_token')).toBe(1);
    expect(world.states.filter((s) => s.kind === 'needs-reconnect')).toHaveLength(1);
  });

  test('reconnecting from needs-reconnect gives a working account again', async () => {
    await service.signIn();
    world.fake.revokeAll();
    const restarted = await restart();
    await expect(restarted.authorizedClient().getAccessToken()).rejects.toMatchObject({ message: 'invalid_grant' });
    expect(restarted.state).toMatchObject({ kind: 'needs-reconnect' });
    expect(await restarted.signIn()).toEqual({ kind: 'connected', email: EMAIL });
    expect(await world.secrets.get(EMAIL)).toBe(world.fake.issuedRefreshTokens.at(-1));
    await expect(restarted.authorizedClient().getAccessToken()).resolves.toMatchObject({ token: expect.any(String) });
  });

  test('sign-out revokes at Google, deletes the keychain entry, and ends the old client', async () => {
    await service.signIn();
    const client = service.authorizedClient();
    const [refreshToken] = world.fake.issuedRefreshTokens;

    const result = await service.signOut();
    expect(result).toEqual({ revoke: 'revoked', message: expect.stringMatching(/revoked/) });
    expect(world.fake.revokedRefreshTokens).toEqual([refreshToken]);
    expect(world.fake.isRefreshTokenLive(refreshToken!)).toBe(false);
    expect(await world.secrets.get(EMAIL)).toBeNull();
    expect(await world.secrets.accounts()).toEqual([`oauth-client-secret:${world.fake.clientId}`]);
    expect(service.state).toEqual({ kind: 'signed-out' });
    expect(() => service.authorizedClient()).toThrow(expect.objectContaining({ code: 'NOT_SIGNED_IN' }));
    // A client someone kept holds no token any more and refuses every call without touching the network.
    expect(client.credentials.access_token).toBeUndefined();
    expect(client.credentials.refresh_token).not.toBe(refreshToken);
    const requestsBefore = world.server.requestLog.length;
    await expect(client.getAccessToken()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await expect(client.request({ url: `${world.server.origin}/x` })).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    await expect(client.refreshAccessToken()).rejects.toMatchObject({ code: 'NOT_SIGNED_IN' });
    expect(world.server.requestLog.length).toBe(requestsBefore);
    expect((await restart()).state).toEqual({ kind: 'signed-out' });
  });

  test('sign-out during a sign-in cancels it and ends signed out', async () => {
    await service.signIn();
    world.browser.stall = true;
    const running = service.signIn().catch((error: unknown) => error);
    await vi.waitFor(() => expect(world.listeners).toHaveLength(2));
    expect(await service.signOut()).toMatchObject({ revoke: 'revoked' });
    expect(await running).toMatchObject({ code: 'CANCELLED' });
    expect(service.state).toEqual({ kind: 'signed-out' });
    expect(await world.secrets.get(EMAIL)).toBeNull();
  });

  test('sign-out offline still forgets the account here, and says Google was not reached', async () => {
    await service.signIn();
    await world.server.close();
    const result = await service.signOut();
    expect(result).toEqual({ revoke: 'offline', message: expect.stringMatching(/could not be reached.*myaccount\.google\.com\/permissions/) });
    expect(await world.secrets.get(EMAIL)).toBeNull();
    expect(service.state).toEqual({ kind: 'signed-out' });
  });

  test('sign-out after a refused grant reports it already ended', async () => {
    await service.signIn();
    world.fake.revokeAll();
    expect(await service.signOut()).toMatchObject({ revoke: 'already-invalid' });
    expect(await world.secrets.get(EMAIL)).toBeNull();
  });

  test('signing in with another account revokes and forgets the previous one', async () => {
    await service.signIn();
    const [first] = world.fake.issuedRefreshTokens;
    world.fake.email = 'other.teacher@example.com';
    expect(await service.signIn()).toEqual({ kind: 'connected', email: 'other.teacher@example.com' });
    expect(world.fake.isRefreshTokenLive(first!)).toBe(false);
    expect((await world.secrets.accounts()).sort()).toEqual([`oauth-client-secret:${world.fake.clientId}`, 'other.teacher@example.com']);
  });
});

describe.runIf(keychain.ok)('a Calendar call with a token Google revoked early', () => {
  let world: AuthWorld;
  let calendar: FakeGoogleServer;

  beforeEach(async () => {
    world = await startAuthWorld();
    // A protected endpoint checking bearer tokens against the same registry, as the Calendar fake does.
    const protectedRoute: RouteModule = (req) => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (token && world.tokens.verify(token)) sendJson(req.res, 200, { ok: true });
      else sendJson(req.res, 401, { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } });
      return true;
    };
    calendar = await startFakeGoogleServer([protectedRoute]);
  });
  afterEach(async () => {
    await calendar.close();
    await world.close();
  });

  test('the 401 reaches the caller; its one refresh recovers a live grant, and turns a revoked one into needs-reconnect', async () => {
    const service = world.newService();
    await service.restore();
    await world.configure(service);
    await service.signIn();
    const client = service.authorizedClient();
    const url = `${calendar.origin}/calendar/v3/users/me/calendarList`;

    await expect(client.request({ url })).resolves.toMatchObject({ status: 200 });
    // The library does not refresh by itself on a 401 (the calendar engine's retry policy owns that)...
    world.tokens.expireAll();
    await expect(client.request({ url })).rejects.toMatchObject({ response: { status: 401 } });
    expect(world.tokenRequests('refresh_token')).toBe(0);
    // ...and its one refresh gets a working token.
    await client.refreshAccessToken();
    await expect(client.request({ url })).resolves.toMatchObject({ status: 200 });

    world.fake.revokeAll();
    await expect(client.request({ url })).rejects.toMatchObject({ response: { status: 401 } });
    await expect(client.refreshAccessToken()).rejects.toMatchObject({ message: 'invalid_grant' });
    expect(service.state).toMatchObject({ kind: 'needs-reconnect' });
    await expect(client.request({ url })).rejects.toMatchObject({ code: 'NEEDS_RECONNECT' });
    await expect(client.refreshAccessToken()).rejects.toMatchObject({ code: 'NEEDS_RECONNECT' });
    expect(world.tokenRequests('refresh_token')).toBe(2);
    expect(calendar.requestLog).toHaveLength(4);
  });
});
