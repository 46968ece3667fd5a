import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { startFakeGoogle, type FakeGoogle } from '../fake-google';
import { startPrivateKeyring, type PrivateKeyring } from '../integration/support/private-keyring';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';

/**
 * The teacher's view of a locked keyring (issue 10), with a real
 * gnome-keyring of its own (private D-Bus bus, so the shared one is never
 * locked): after a restart the app shows the locked keychain and how to
 * unlock it, in Spanish; once unlocked, "Reintentar" brings the account back
 * without Google's consent.
 */

const fakeBrowser = resolve(import.meta.dirname, 'support/fake-browser.mjs');
const EMAIL = 'profe.ana@example.com';

let keyring: PrivateKeyring;
let google: FakeGoogle;
let dataDir: string;
let harness: HarnessProcess | undefined;

test.beforeAll(async () => {
  keyring = await startPrivateKeyring();
  google = await startFakeGoogle({ email: EMAIL });
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-locked-'));
});
test.afterAll(async () => {
  await harness?.stop();
  await google?.close();
  await keyring?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('locked keyring after a restart: the banner says so and how to unlock; "Reintentar" after unlocking reconnects without consent', async ({ page }) => {
  const env = {
    ...keyring.env,
    ...google.env(),
    BROWSER: fakeBrowser,
    TEACHER_DESK_KEYCHAIN_SERVICE: `Teacher Desk e2e locked ${process.pid}-${randomBytes(4).toString('hex')}`,
    TZ: 'Asia/Tokyo',
  };
  harness = await startHarnessProcess({ dataDir, env });
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(EMAIL);
  await harness.stop();

  keyring.lock();
  harness = await startHarnessProcess({ dataDir, env });
  await page.goto(harness.url);
  const banner = page.getByTestId('keychain-locked');
  await expect(banner).toContainText('El llavero del sistema está bloqueado');
  await expect(banner).toContainText('Contraseñas y claves');
  await expect(page.getByTestId('sync-status')).toHaveText('Sincronización en pausa: el llavero está bloqueado');
  await expect(page.getByText('Llavero bloqueado')).toBeVisible();

  await keyring.unlock();
  await banner.getByRole('button', { name: 'Reintentar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(EMAIL);
  await expect(banner).toHaveCount(0);
  expect(google.oauth.tokenRequests.filter((r) => r.grantType === 'authorization_code')).toHaveLength(1);
});
