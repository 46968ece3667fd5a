/**
 * The app's core in a process of its own, as Electron's main process
 * composes it (real keychain, settings, store, $BROWSER for the consent
 * page), driven over stdin/stdout: one JSON request per line
 * `{ id, channel, payload }`, answered `{ id, reply }`; pushes go out as
 * `{ event, payload }`. Prints `{ ready: true }` once createCore resolved.
 */
import { createInterface } from 'node:readline';
import { createKeychainSecretStore, keychainServiceFromEnv } from '../../../main/auth/keychain-secret-store';
import { systemClock } from '../../../main/clock';
import { createCore } from '../../../main/core';
import type { Logger } from '../../../main/logger';
import { createConfBackend } from '../../../main/settings/conf-backend';
import { harnessPlatform } from '../../harness/desktop';

const env = process.env;
const dataDir = env.TEACHER_DESK_DATA_DIR;
if (!dataDir) throw new Error('TEACHER_DESK_DATA_DIR is required');
const send = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);
const line = (level: string) => (message: string, fields?: Record<string, unknown>) => process.stderr.write(`[${level}] ${message} ${fields ? JSON.stringify(fields) : ''}\n`);
const log: Logger = { info: line('info'), warn: line('warn'), error: line('error') };

const core = await createCore({
  dataDir,
  appVersion: 'test',
  settingsBackend: createConfBackend({ dataDir, log }),
  platform: harnessPlatform(env, (text) => process.stderr.write(`${text}\n`), dataDir),
  secrets: createKeychainSecretStore({ service: keychainServiceFromEnv(env) }),
  env,
  clock: systemClock,
  log,
  syncIntervalMs: env.TEACHER_DESK_SYNC_INTERVAL_MS ? Number(env.TEACHER_DESK_SYNC_INTERVAL_MS) : undefined,
});
core.events.subscribe((event, payload) => send({ event, payload }));
send({ ready: true });

createInterface({ input: process.stdin }).on('line', (text) => {
  const { id, channel, payload } = JSON.parse(text) as { id: number; channel: string; payload: unknown };
  void core.dispatch(channel, payload).then((reply) => send({ id, reply }));
});
process.stdin.on('end', () => void core.close().then(() => process.exit(0)));
