import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { AccountService, type AccountServiceDeps } from '../../../main/auth/account-service';
import type { AccountState } from '../../../main/auth/account-state';
import { clientIdStoreOver } from '../../../main/auth/client-config';
import { createKeychainSecretStore } from '../../../main/auth/keychain-secret-store';
import type { SecretStore } from '../../../main/auth/secret-store';
import { memoryLogger } from '../../../main/logger';
import { createConfBackend } from '../../../main/settings/conf-backend';
import { createFakeOAuth, FAKE_OAUTH_PATHS, type FakeOAuth } from '../../fake-google/oauth';
import { startFakeGoogleServer, type FakeGoogleServer } from '../../fake-google/server';
import { TokenRegistry } from '../../fake-google/tokens';
import { clearKeychain, uniqueKeychainService } from './keychain';
import { createTestBrowser, type TestBrowser } from './test-browser';

/**
 * One sign-in world per test: the fake Google (OAuth part), the real
 * keychain under a throwaway service name, settings in a temp data
 * directory (conf, as in the app), a collecting logger, and a test browser.
 */
export interface AuthWorld {
  fake: FakeOAuth;
  server: FakeGoogleServer;
  tokens: TokenRegistry;
  secrets: SecretStore;
  dataDir: string;
  logger: ReturnType<typeof memoryLogger>;
  browser: TestBrowser;
  /** Only the endpoint overrides; the client comes from the first-run path (settings + keychain) unless a test adds it. */
  env: Record<string, string>;
  /** Every state any service of this world went through, oldest first. */
  states: AccountState[];
  /** Loopback listener addresses, oldest first. */
  listeners: AddressInfo[];
  /** A service as the app builds it at startup (call restore() yourself). */
  newService(overrides?: Partial<AccountServiceDeps>): AccountService;
  /** The first-run screen: client id to settings, secret to the keychain. */
  configure(service: AccountService): Promise<AccountState>;
  /** Number of token requests of a grant type so far. */
  tokenRequests(grantType: 'authorization_code' | 'refresh_token'): number;
  /** Every file under the data directory, with its content. */
  dataFiles(): Promise<{ path: string; content: string }[]>;
  close(): Promise<void>;
}

export async function startAuthWorld(options: { secrets?: SecretStore } = {}): Promise<AuthWorld> {
  const tokens = new TokenRegistry();
  const fake = createFakeOAuth({ tokens });
  const server = await startFakeGoogleServer([fake.route]);
  const dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-auth-'));
  const secrets = options.secrets ?? createKeychainSecretStore({ service: uniqueKeychainService() });
  const logger = memoryLogger();
  const browser = createTestBrowser();
  const states: AccountState[] = [];
  const listeners: AddressInfo[] = [];
  const env = {
    GOOGLE_OAUTH_AUTH_URL: `${server.origin}${FAKE_OAUTH_PATHS.authorize}`,
    GOOGLE_OAUTH_TOKEN_URL: `${server.origin}${FAKE_OAUTH_PATHS.token}`,
    GOOGLE_OAUTH_REVOKE_URL: `${server.origin}${FAKE_OAUTH_PATHS.revoke}`,
  };

  const world: AuthWorld = {
    fake,
    server,
    tokens,
    secrets,
    dataDir,
    logger,
    browser,
    env,
    states,
    listeners,
    newService(overrides = {}) {
      const service = new AccountService({
        secrets,
        clientIds: clientIdStoreOver(createConfBackend({ dataDir, log: logger })),
        openUrl: (url) => browser.openUrl(url),
        logger,
        env,
        onLoopbackListening: (address) => listeners.push(address),
        ...overrides,
      });
      service.onChange((state) => states.push(state));
      return service;
    },
    configure: (service) => service.setClientConfig({ clientId: fake.clientId, clientSecret: fake.clientSecret }),
    tokenRequests: (grantType) => fake.tokenRequests.filter((r) => r.grantType === grantType).length,
    async dataFiles() {
      const files: { path: string; content: string }[] = [];
      for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile()) continue;
        const path = join(entry.parentPath, entry.name);
        files.push({ path, content: await readFile(path, 'utf8') });
      }
      return files;
    },
    async close() {
      if (!options.secrets) await clearKeychain(secrets).catch(() => {});
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return world;
}

/** A world and a service that restored (nothing yet) and holds the fake's client: ready to sign in. */
export async function startConfiguredAuthWorld(): Promise<{ world: AuthWorld; service: AccountService }> {
  const world = await startAuthWorld();
  try {
    const service = world.newService();
    await service.restore();
    await world.configure(service);
    return { world, service };
  } catch (error) {
    await world.close();
    throw error;
  }
}
