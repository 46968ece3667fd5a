import { spawnSync } from 'node:child_process';
import type * as KeytarModule from '@napi-rs/keyring/keytar.js';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createKeytarSecretStore } from '../../main/auth/keytar-secret-store';
import type { SecretStore } from '../../main/auth/secret-store';
import { startAuthWorld, type AuthWorld } from './support/auth-fixture';

/**
 * No Secret Service (headless box, no D-Bus) or a locked keyring: the app
 * says exactly that and writes nothing anywhere else. These run without a
 * keychain on purpose: the keytar stand-ins fail the way keytar does.
 */

const NO_DBUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY';

type Keytar = typeof KeytarModule;

/** keytar with no session bus: every call rejects. */
function keytarWithoutDbus(): Keytar {
  const fail = () => Promise.reject(new Error(NO_DBUS));
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findPassword: fail, findCredentials: fail };
}

/** keytar over a locked keyring: the collection reads as empty, writes are refused. */
function keytarLocked(): Keytar {
  const refuse = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
  return {
    getPassword: async () => null,
    findPassword: async () => null,
    findCredentials: async () => [],
    deletePassword: async () => false,
    setPassword: refuse,
  };
}

describe('keychain unavailable', () => {
  let world: AuthWorld;
  let secrets: SecretStore;
  let envWithClient: Record<string, string>;

  afterEach(() => world.close());

  describe('no Secret Service at all', () => {
    beforeEach(async () => {
      secrets = createKeytarSecretStore({ service: 'unused', load: async () => keytarWithoutDbus() });
      world = await startAuthWorld({ secrets });
      envWithClient = { ...world.env, GOOGLE_OAUTH_CLIENT_ID: world.fake.clientId, GOOGLE_OAUTH_CLIENT_SECRET: world.fake.clientSecret };
    });

    test('startup shows keychain-unavailable with the reason, and sign-in refuses before opening the browser', async () => {
      const service = world.newService({ env: envWithClient });
      const state = await service.restore();
      expect(state).toEqual({ kind: 'keychain-unavailable', message: expect.stringMatching(/no Secret Service is running on D-Bus, or the keyring is locked/) });
      expect(state.kind === 'keychain-unavailable' && state.message).toContain(NO_DBUS);
      expect(state.kind === 'keychain-unavailable' && state.message).toContain('will not write it to a file');

      await expect(service.signIn()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect(world.browser.opened).toEqual([]);
      expect(() => service.authorizedClient()).toThrow(expect.objectContaining({ code: 'KEYCHAIN_UNAVAILABLE' }));
      expect(await world.dataFiles()).toEqual([]);
    });

    test('the first-run screen cannot store the secret, and does not put it in settings instead', async () => {
      const service = world.newService();
      await service.restore();
      await expect(world.configure(service)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect(service.state).toMatchObject({ kind: 'keychain-unavailable' });
      for (const file of await world.dataFiles()) expect(file.content).not.toContain(world.fake.clientSecret);
    });
  });

  test('a keyring that refuses the write: the new grant is revoked at Google, the browser is told, nothing is on disk', async () => {
    secrets = createKeytarSecretStore({ service: 'unused', load: async () => keytarLocked() });
    world = await startAuthWorld({ secrets });
    const service = world.newService({ env: { ...world.env, GOOGLE_OAUTH_CLIENT_ID: world.fake.clientId, GOOGLE_OAUTH_CLIENT_SECRET: world.fake.clientSecret } });
    expect(await service.restore()).toEqual({ kind: 'signed-out' });

    await expect(service.signIn()).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/locked collection/) });
    expect(service.state).toMatchObject({ kind: 'keychain-unavailable' });
    const [refreshToken] = world.fake.issuedRefreshTokens;
    expect(world.fake.revokedRefreshTokens).toEqual([refreshToken]);
    await world.browser.settled();
    expect(world.browser.pages.at(-1)?.body).toContain('keyring is locked');
    for (const file of await world.dataFiles()) expect(file.content).not.toContain(refreshToken);
    for (const line of world.logger.lines) expect(line).not.toContain(refreshToken);
  });

  test('the real keytar store, in a process with no session bus, says KEYCHAIN_UNAVAILABLE', () => {
    const env: Record<string, string | undefined> = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/teacher-desk-test-bus' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const script = join(import.meta.dirname, 'support', 'keytar-without-dbus.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const outcome = JSON.parse(run.stdout.trim()) as Record<string, string>;
    expect(outcome).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/no Secret Service is running on D-Bus, or the keyring is locked/) });
  });
});
