import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createKeychainSecretStore } from '../../../main/auth/keychain-secret-store';
import { startFakeGoogle, type FakeGoogle } from '../../fake-google';
import { startHarnessProcess, type HarnessProcess } from './harness-process';

const fakeBrowser = resolve(import.meta.dirname, 'fake-browser.mjs');

export interface GoogleDeskOptions {
  /** Names the temporary folder: teacher-desk-e2e-<name>-…. */
  name: string;
  /** The account the fake Google signs in. */
  email: string;
  /** The app's data directory below the temporary folder; the folder itself when absent. */
  appDir?: string;
  /** Writes what the app finds at its start (bookings, files) into the temporary folder. */
  seed?: (dir: string) => Promise<void>;
  /** The spec's own variables for the harness (TZ, clipboard file…), given the temporary folder. */
  env?: (dir: string) => Record<string, string>;
}

export interface GoogleDesk {
  /** The temporary folder, removed by close(). */
  readonly dir: string;
  /** The app's data directory. */
  readonly dataDir: string;
  readonly google: FakeGoogle;
  /** The harness running now (restartHarness() replaces it). */
  readonly harness: HarnessProcess;
  /** The keychain entries of this run's own service. */
  readonly secrets: ReturnType<typeof createKeychainSecretStore>;
  /** Stops the harness (if running) and starts it again on the same data and variables. */
  restartHarness(): Promise<HarnessProcess>;
  /** Stops harness and fake, deletes this run's keychain entries and the temporary folder. */
  close(): Promise<void>;
}

/**
 * The set-up of an end-to-end test against the fake Google: the fake, a
 * seeded data directory in a temporary folder, and the harness pointed at
 * the fake with the fake browser and a keychain service of its own, so the
 * run's tokens never meet the teacher's or another run's.
 */
export async function startGoogleDesk(options: GoogleDeskOptions): Promise<GoogleDesk> {
  const service = `Teacher Desk e2e ${process.pid}-${randomBytes(4).toString('hex')}`;
  const secrets = createKeychainSecretStore({ service });
  const google = await startFakeGoogle({ email: options.email });
  let dir: string | undefined;
  let harness: HarnessProcess | undefined;

  const close = async (): Promise<void> => {
    await harness?.stop();
    await google.close();
    for (const account of await secrets.accounts().catch(() => [])) await secrets.delete(account);
    if (dir) await rm(dir, { recursive: true, force: true });
  };

  try {
    dir = await mkdtemp(join(tmpdir(), `teacher-desk-e2e-${options.name}-`));
    const root = dir;
    const dataDir = options.appDir ? join(root, options.appDir) : root;
    const env = { ...google.env(), BROWSER: fakeBrowser, TEACHER_DESK_KEYCHAIN_SERVICE: service, ...options.env?.(root) };
    const start = () => startHarnessProcess({ dataDir, env });
    await options.seed?.(root);
    harness = await start();
    return {
      dir: root,
      dataDir,
      google,
      secrets,
      get harness() {
        return harness!;
      },
      async restartHarness() {
        await harness?.stop();
        harness = await start();
        return harness;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
