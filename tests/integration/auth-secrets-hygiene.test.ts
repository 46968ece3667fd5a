import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AccountState, SignOutResult } from '../../main/auth/account-state';
import { startAuthWorld, type AuthWorld } from './support/auth-fixture';
import { probeKeychain, reportMissingKeychain } from './support/keychain';

/**
 * After a full sign-in (and a restart, a rotation, a failure and a sign-out),
 * no file in the data directory, no log line, no state or reply that would
 * cross IPC, and no page shown to the browser holds a refresh token, an
 * access token or the client secret. The keychain holds them, and only it.
 */

const keychain = await probeKeychain();
reportMissingKeychain(keychain);

describe.runIf(keychain.ok)('secrets stay in the keychain', () => {
  let world: AuthWorld;
  beforeEach(async () => {
    world = await startAuthWorld();
  });
  afterEach(() => world.close());

  test('a whole account lifetime leaves no secret in files, logs, replies or pages', async () => {
    const replies: (AccountState | SignOutResult | string)[] = [];
    const accessTokens: string[] = [];
    world.fake.rotateRefreshTokens = true;

    // First run: the first-run screen, then "Connect Google Calendar".
    const first = world.newService();
    replies.push(await first.restore());
    replies.push(await world.configure(first));
    replies.push(await first.signIn());
    accessTokens.push((await first.authorizedClient().getAccessToken()).token!);

    // A refused attempt, so that error paths are logged too.
    world.fake.consent = 'deny';
    replies.push(await first.signIn().catch((error: Error) => error.message));
    world.fake.consent = 'approve';

    // Restart: restore, refresh (rotating the refresh token).
    const second = world.newService();
    replies.push(await second.restore());
    accessTokens.push((await second.authorizedClient().getAccessToken()).token!);

    const files = await world.dataFiles();
    // The client id is in settings, so a grep there means something; the secret is in the keychain.
    expect(files.map((f) => f.content).join('\n')).toContain(world.fake.clientId);
    expect(await world.secrets.get(`oauth-client-secret:${world.fake.clientId}`)).toBe(world.fake.clientSecret);

    replies.push(await second.signOut());
    await world.browser.settled();

    const secrets = [...world.fake.issuedRefreshTokens, ...accessTokens, world.fake.clientSecret];
    expect(world.fake.issuedRefreshTokens.length).toBeGreaterThanOrEqual(2);
    expect(accessTokens.every(Boolean)).toBe(true);

    const places: [string, string][] = [
      ...files.map((f): [string, string] => [`file ${f.path}`, f.content]),
      ...(await world.dataFiles()).map((f): [string, string] => [`file after sign-out ${f.path}`, f.content]),
      ...world.logger.lines.map((line, i): [string, string] => [`log line ${i}`, line]),
      ...[...world.states, ...replies].map((r, i): [string, string] => [`state or reply ${i}`, JSON.stringify(r)]),
      ...world.browser.pages.map((p, i): [string, string] => [`browser page ${i}`, p.body]),
    ];
    expect(world.logger.lines.length).toBeGreaterThan(3);
    for (const [where, text] of places) {
      for (const secret of secrets) expect(text.includes(secret), `${where} holds a secret`).toBe(false);
    }
  });
});
