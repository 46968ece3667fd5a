import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createKeychainSecretStore, keychainServiceFromEnv } from '../../main/auth/keychain-secret-store';
import { oauthEndpointsFromEnv } from '../../main/auth/oauth-client';
import { systemClock } from '../../main/clock';
import { guardPlatform } from '../../main/desktop/external-url';
import { createCore, type Core } from '../../main/core';
import type { Logger } from '../../main/logger';
import { createConfBackend } from '../../main/settings/conf-backend';
import { harnessPlatform } from './desktop';
import { startHarnessServer, type HarnessServer } from './server';

const root = resolve(import.meta.dirname, '../..');

export interface Harness {
  core: Core;
  server: HarnessServer;
  dataDir: string;
  close(): Promise<void>;
}

function consoleLogger(print: (line: string) => void): Logger {
  const line = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    print(`[${level}] ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}`);
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

/** The same core Electron's main process composes, with the harness's platform and a loopback server in front. */
export async function startHarness(env: NodeJS.ProcessEnv, print: (line: string) => void = console.log): Promise<Harness> {
  const dataDir = env.TEACHER_DESK_DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'teacher-desk-harness-')));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  const log = consoleLogger(print);
  const core = await createCore({
    dataDir,
    appVersion: pkg.version,
    settingsBackend: createConfBackend({ dataDir }),
    // The same allow-lists as Electron's platform: class links to Meet and Calendar only, sign-in to the configured endpoint only.
    platform: guardPlatform(harnessPlatform(env, print, dataDir), log, () => oauthEndpointsFromEnv(env).authUrl),
    secrets: createKeychainSecretStore({ service: keychainServiceFromEnv(env) }),
    env,
    clock: systemClock,
    log,
    // Not the machine's LANG: the harness stays in the default language unless asked, so tests read the same everywhere.
    systemLocale: env.TEACHER_DESK_SYSTEM_LOCALE,
    syncIntervalMs: env.TEACHER_DESK_SYNC_INTERVAL_MS ? Number(env.TEACHER_DESK_SYNC_INTERVAL_MS) : undefined,
    offlineRetryMs: env.TEACHER_DESK_SYNC_RETRY_MS ? Number(env.TEACHER_DESK_SYNC_RETRY_MS) : undefined,
    googleTimeouts: {
      requestMs: env.TEACHER_DESK_GOOGLE_REQUEST_MS ? Number(env.TEACHER_DESK_GOOGLE_REQUEST_MS) : undefined,
      callBudgetMs: env.TEACHER_DESK_GOOGLE_BUDGET_MS ? Number(env.TEACHER_DESK_GOOGLE_BUDGET_MS) : undefined,
    },
  });
  const port = env.TEACHER_DESK_HARNESS_PORT ? Number(env.TEACHER_DESK_HARNESS_PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    throw new Error(`TEACHER_DESK_HARNESS_PORT must be a port number, not "${env.TEACHER_DESK_HARNESS_PORT}"`);
  }
  const server = await startHarnessServer({
    core,
    rendererDir: join(root, 'out/renderer'),
    bridgeFile: join(root, 'out/harness/bridge.js'),
    port,
  });
  return {
    core,
    server,
    dataDir,
    async close() {
      await server.close();
      await core.close();
    },
  };
}
