import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createKeychainSecretStore, writeCheckService, type KeyringBinding } from '../../main/auth/keychain-secret-store';
import type { SecretStore } from '../../main/auth/secret-store';
import { startAuthWorld, type AuthWorld } from './support/auth-fixture';

/**
 * No Secret Service (headless box, no D-Bus) or a locked keyring: the app
 * says exactly that and writes nothing anywhere else. These run without a
 * keychain on purpose: the stand-ins fail the way the binding does (the real
 * locked gnome-keyring is in keychain-locked.test.ts).
 */

const NO_DBUS = 'Cannot autolaunch D-Bus without X11 $DISPLAY';

/** The binding with no session bus: every call rejects. */
function bindingWithoutDbus(): KeyringBinding {
  const fail = () => Promise.reject(new Error(NO_DBUS));
  return { getPassword: fail, setPassword: fail, deletePassword: fail, findCredentials: fail };
}

/**
 * A keyring that locks between the write check before consent and the token
 * write after it: reads as empty, the check passes, the real write is refused
 * with the binding's words for a locked keyring.
 */
function bindingLockedAfterCheck(service: string): KeyringBinding {
  return {
    getPassword: async () => null,
    findCredentials: async () => [],
    deletePassword: async () => false,
    setPassword: async (to) => {
      if (to !== writeCheckService(service)) throw new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed");
    },
  };
}

describe('keychain unavailable', () => {
  let world: AuthWorld;
  let secrets: SecretStore;
  let envWithClient: Record<string, string>;

  afterEach(() => world.close());

  describe('no Secret Service at all', () => {
    beforeEach(async () => {
      secrets = createKeychainSecretStore({ service: 'unused', load: async () => bindingWithoutDbus() });
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

  test('a keyring locked between the check and the write: the new grant is revoked at Google, the browser is told, nothing is on disk', async () => {
    secrets = createKeychainSecretStore({ service: 'unused', load: async () => bindingLockedAfterCheck('unused') });
    world = await startAuthWorld({ secrets });
    const service = world.newService({ env: { ...world.env, GOOGLE_OAUTH_CLIENT_ID: world.fake.clientId, GOOGLE_OAUTH_CLIENT_SECRET: world.fake.clientSecret } });
    expect(await service.restore()).toEqual({ kind: 'signed-out' });

    await expect(service.signIn()).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED', message: expect.stringMatching(/keychain is locked/) });
    expect(service.state).toMatchObject({ kind: 'keychain-locked' });
    const [refreshToken] = world.fake.issuedRefreshTokens;
    expect(world.fake.revokedRefreshTokens).toEqual([refreshToken]);
    await world.browser.settled();
    expect(world.browser.pages.at(-1)?.body).toContain('keychain is locked');
    for (const file of await world.dataFiles()) expect(file.content).not.toContain(refreshToken);
    for (const line of world.logger.lines) expect(line).not.toContain(refreshToken);
  });

  test('the real keychain store, in a process with no session bus, says KEYCHAIN_UNAVAILABLE (the Secret Service, never a silent fall back to the kernel keyring)', () => {
    const env: Record<string, string | undefined> = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/teacher-desk-test-bus' };
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    const script = join(import.meta.dirname, 'support', 'keychain-without-dbus.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { env, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    const outcome = JSON.parse(run.stdout.trim()) as Record<string, string>;
    expect(outcome).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/no Secret Service is running on D-Bus, or the keyring is locked/) });
    // The binding's own words are about D-Bus: keytar.js's default would have tried the kernel keyring (in-memory, lost at reboot) instead.
    expect(outcome.message).toMatch(/Keychain said: .*DBus error/);
  });
});
