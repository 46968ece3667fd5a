import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import type { AccountState, SyncStatus } from '../../shared/ipc/contract';
import { startFakeGoogle, type FakeGoogle } from '../fake-google';
import { startCoreProcess, type CoreProcess } from './support/core-process';
import { privateKeyringTools, startPrivateKeyring, type PrivateKeyring } from './support/private-keyring';

/**
 * The real gnome-keyring, locked under a stored sign-in (issue 10): the app
 * starts, says the keychain is locked and how to unlock it, and once it is
 * unlocked picks the sign-in up again without a new consent. The keyring is
 * a private one (its own D-Bus session), so locking it never disturbs the
 * tests that share tests/keyring-session.sh's keyring; each core runs in a
 * child process, so a crash (keytar's segfault was exit 139) fails the test.
 */

const EMAIL = 'profe.locked@example.com';
const fakeBrowser = resolve(import.meta.dirname, '../e2e/support/fake-browser.mjs');
const missing = privateKeyringTools();

describe.skipIf(missing !== null && !process.env.CI)(`a locked gnome-keyring${missing ? ` (skipped: no ${missing})` : ''}`, () => {
  let keyring: PrivateKeyring;
  let google: FakeGoogle;
  let dataDir: string;
  let browserLog: string;
  let env: Record<string, string>;
  const cores: CoreProcess[] = [];

  beforeAll(async () => {
    keyring = await startPrivateKeyring();
    google = await startFakeGoogle({ email: EMAIL });
  });
  afterAll(async () => {
    await google?.close();
    await keyring?.close();
  });

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-locked-'));
    browserLog = join(dataDir, 'browser.log');
    env = {
      ...keyring.env,
      ...google.env(),
      TEACHER_DESK_DATA_DIR: dataDir,
      TEACHER_DESK_KEYCHAIN_SERVICE: `Teacher Desk locked ${process.pid}-${randomBytes(4).toString('hex')}`,
      BROWSER: fakeBrowser,
      FAKE_BROWSER_LOG: browserLog,
    };
  });
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.stop();
    // Whatever a test did, the next one starts unlocked.
    if (keyring.isLocked()) await keyring.unlock();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function core(extra: Record<string, string> = {}): Promise<CoreProcess> {
    const started = await startCoreProcess({ ...env, ...extra });
    cores.push(started);
    return started;
  }

  async function value<T>(reply: Promise<{ ok: boolean }>): Promise<T> {
    const settled = (await reply) as { ok: true; value: T } | { ok: false; error: unknown };
    if (!settled.ok) throw new Error(`expected ok, got ${JSON.stringify(settled.error)}`);
    return settled.value;
  }

  async function signInThenLock(): Promise<void> {
    const first = await core();
    expect(await value<AccountState>(first.request('signIn'))).toEqual({ kind: 'connected', email: EMAIL });
    await first.stop();
    keyring.lock();
  }

  const consents = () => google.oauth.tokenRequests.filter((r) => r.grantType === 'authorization_code').length;

  async function expectLockedAndAlive(app: CoreProcess): Promise<void> {
    const account = await value<AccountState>(app.request('getAccount'));
    expect(account).toMatchObject({ kind: 'keychain-locked' });
    const message = account.kind === 'keychain-locked' ? account.message : '';
    expect(message).toMatch(/keychain is locked/);
    expect(message).toMatch(/Passwords and Keys/);
    expect(message).toMatch(/never in a file/);
    // The sync status follows the account: not "signed-out".
    expect(await value<SyncStatus>(app.request('getSyncStatus'))).toMatchObject({ state: 'keychain-locked' });
    expect(app.ended()).toBeNull();
  }

  test('signed in, keyring locked, restart: the app starts and says so; "Try again" after unlocking restores the sign-in without a new consent', async () => {
    await signInThenLock();
    const consentsBefore = consents();

    const app = await core();
    await expectLockedAndAlive(app);
    // Still locked: "Try again" says so again, and the app keeps running.
    expect(await value<AccountState>(app.request('retryKeychain'))).toMatchObject({ kind: 'keychain-locked' });

    const resume = app.pause();
    await keyring.unlock().finally(resume);
    expect(await value<AccountState>(app.request('retryKeychain'))).toEqual({ kind: 'connected', email: EMAIL });
    await app.waitForEvent((event, payload) => event === 'syncStatusChanged' && (payload as SyncStatus).state === 'idle');
    expect(consents()).toBe(consentsBefore);
    expect((await readFile(browserLog, 'utf8')).match(/^open /gm)).toHaveLength(1);
    expect(app.ended()).toBeNull();
  });

  test('after unlocking, the next poll restores the sign-in on its own', async () => {
    await signInThenLock();
    const app = await core({ TEACHER_DESK_SYNC_INTERVAL_MS: '300' });
    await expectLockedAndAlive(app);

    // The test's unlock starts a new keyring daemon (a desktop's does not): the core waits while it starts.
    const resume = app.pause();
    await keyring.unlock().finally(resume);
    await app.waitForEvent((event, payload) => event === 'accountChanged' && (payload as AccountState).kind === 'connected');
    expect(await value<AccountState>(app.request('getAccount'))).toEqual({ kind: 'connected', email: EMAIL });
  });

  test('nothing stored and the keyring locked: sign-in stops before the browser opens, saying the keychain is locked', async () => {
    keyring.lock();
    const app = await core();
    expect(await value<AccountState>(app.request('getAccount'))).toEqual({ kind: 'signed-out' });
    const authorizeBefore = google.oauth.authorizeRequests.length;

    const reply = await app.request('signIn');
    expect(reply).toMatchObject({ ok: false, error: { code: 'KEYCHAIN_LOCKED', message: expect.stringMatching(/keychain is locked[\s\S]*Passwords and Keys/) } });
    expect(await value<AccountState>(app.request('getAccount'))).toMatchObject({ kind: 'keychain-locked' });
    expect(existsSync(browserLog)).toBe(false);
    expect(google.oauth.authorizeRequests).toHaveLength(authorizeBefore);
    expect(app.ended()).toBeNull();
  });
});
