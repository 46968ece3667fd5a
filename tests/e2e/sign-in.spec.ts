import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { createKeychainSecretStore } from '../../main/auth/keychain-secret-store';
import { startFakeGoogle, type FakeGoogle } from '../fake-google';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';

const fakeBrowser = resolve(import.meta.dirname, 'support/fake-browser.mjs');
const service = `Teacher Desk e2e ${process.pid}-${randomBytes(4).toString('hex')}`;
const secrets = createKeychainSecretStore({ service });

let google: FakeGoogle;
let harness: HarnessProcess;
let dataDir: string;

test.beforeAll(async () => {
  google = await startFakeGoogle({ email: 'profe.ana@example.com' });
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-signin-'));
  harness = await startHarnessProcess({
    dataDir,
    env: { ...google.env(), BROWSER: fakeBrowser, TEACHER_DESK_KEYCHAIN_SERVICE: service, TZ: 'Asia/Tokyo' },
  });
});

test.afterAll(async () => {
  await harness?.stop();
  await google?.close();
  for (const account of await secrets.accounts().catch(() => [])) await secrets.delete(account);
  await rm(dataDir, { recursive: true, force: true });
});

test('Connect Google Calendar: the system browser follows the consent and the app shows the connected account', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText('profe.ana@example.com');

  // The refresh token is in the keychain, under the account, and nowhere in the data directory.
  const [token] = google.oauth.issuedRefreshTokens;
  expect(token).toBeTruthy();
  expect(await secrets.get('profe.ana@example.com')).toBe(token);
  for (const entry of await readdir(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toContain(token!);
  }
  expect(harness.output.join('')).not.toContain(token!);

  // Signing out revokes at Google and clears the keychain.
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('button', { name: 'Conectar Google Calendar' })).toBeVisible();
  expect(google.oauth.revokedRefreshTokens).toContain(token);
  expect(await secrets.get('profe.ana@example.com')).toBeNull();
});
