import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startFakeGoogle, type FakeGoogle } from '../fake-google';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';

/**
 * What main reports in its own (English) words reaches the teacher in her
 * language: the damaged-file notices are worded by kind in es/en (the kept
 * file's name stays), and the sync status follows the account when the
 * keychain is what stands in the way, instead of saying "not connected".
 */

let dataDir: string;
let harness: HarnessProcess | undefined;
let google: FakeGoogle | undefined;

test.beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-notices-'));
});
test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await google?.close();
  google = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

test('damaged bookings and settings files: the notices are in Spanish, then in English, naming the kept files', async ({ page }) => {
  await writeFile(join(dataDir, 'bookings.json'), '{"schemaVersion": 1, "bookings": [');
  await writeFile(join(dataDir, 'settings.json'), 'not json at all');
  harness = await startHarnessProcess({ dataDir, env: { TZ: 'Asia/Tokyo' } });
  const kept = await readdir(dataDir);
  const bookingsKept = kept.find((name) => name.startsWith('bookings.damaged-'))!;
  const settingsKept = kept.find((name) => name.startsWith('settings.damaged-'))!;
  expect(bookingsKept && settingsKept).toBeTruthy();

  await page.goto(harness.url);
  const bookings = page.locator('[data-testid="notice"][data-kind="store-damaged"]');
  const settings = page.locator('[data-testid="notice"][data-kind="settings-damaged"]');
  await expect(bookings).toContainText('No se pudo leer el archivo de clases.');
  await expect(bookings).toContainText(bookingsKept);
  await expect(settings).toContainText('No se pudo leer el archivo de configuración.');
  await expect(settings).toContainText(settingsKept);
  // Main's English sentence is for the log, not for this screen.
  await expect(page.getByText('could not be read because')).toHaveCount(0);

  await page.getByTestId('settings-open').click();
  await page.getByTestId('language').selectOption('en');
  await expect(bookings).toContainText('The bookings file could not be read.');
  await expect(bookings).toContainText(bookingsKept);
  await expect(settings).toContainText('The settings file could not be read.');
});

test('keychain unreachable: the sync status says sync is paused by the keychain (es/en), not "not connected"', async ({ page }) => {
  google = await startFakeGoogle();
  harness = await startHarnessProcess({
    dataDir,
    // No session bus: the keychain cannot be reached. The client comes from the environment, so the account is configured.
    env: { ...google.env(), TZ: 'Asia/Tokyo', DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/teacher-desk-e2e-bus' },
  });
  await page.goto(harness.url);
  await expect(page.getByTestId('keychain-unavailable')).toBeVisible();
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'keychain-unavailable');
  await expect(status).toHaveText('Sincronización en pausa: no se puede usar el llavero');

  await page.getByTestId('settings-open').click();
  await page.getByTestId('language').selectOption('en');
  await expect(status).toHaveText("Sync paused: the keychain can't be used");
});
