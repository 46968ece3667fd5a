import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startGoogleDesk, type GoogleDesk } from './support/google-desk';

let desk: GoogleDesk;

test.beforeAll(async () => {
  desk = await startGoogleDesk({ name: 'signin', email: 'profe.ana@example.com', env: () => ({ TZ: 'Asia/Tokyo' }) });
});

test.afterAll(async () => {
  await desk?.close();
});

test('Connect Google Calendar: the system browser follows the consent and the app shows the connected account', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText('profe.ana@example.com');

  // The refresh token is in the keychain, under the account, and nowhere in the data directory.
  const [token] = desk.google.oauth.issuedRefreshTokens;
  expect(token).toBeTruthy();
  expect(await desk.secrets.get('profe.ana@example.com')).toBe(token);
  for (const entry of await readdir(desk.dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toContain(token!);
  }
  expect(desk.harness.output.join('')).not.toContain(token!);

  // Signing out revokes at Google and clears the keychain.
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('button', { name: 'Conectar Google Calendar' })).toBeVisible();
  expect(desk.google.oauth.revokedRefreshTokens).toContain(token);
  expect(await desk.secrets.get('profe.ana@example.com')).toBeNull();
});
