import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Booking } from '../../shared/booking';
import { createKeychainSecretStore } from '../../main/auth/keychain-secret-store';
import type { Api } from '../../shared/ipc/api';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startFakeGoogle, type FakeGoogle } from '../fake-google';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { bookingAt } from './support/seed';
import { seedWeek, shiftDay } from './support/week-seed';

/**
 * The To-confirm queue offline, as the details panel: Confirm and Cancel
 * are accepted into the outbox, each row says what will happen (es, then
 * en), and when Google answers again they are sent with no click, once:
 * one event, one Meet link.
 */
const ZONE = DEFAULT_TIME_ZONE;
test.use({ timezoneId: 'Asia/Tokyo', locale: 'es-AR', viewport: { width: 1280, height: 900 } });

const ACCOUNT = 'profe.ana@example.com';
const fakeBrowser = resolve(import.meta.dirname, 'support/fake-browser.mjs');
const service = `Teacher Desk e2e ${process.pid}-${randomBytes(4).toString('hex')}`;

// Next week: always ahead, whatever day the test runs.
const nextWeek = weekContaining(shiftDay(localDateOf(new Date(), ZONE), 7), ZONE).days;
const lucia = bookingAt(nextWeek[1]!, '17:00', ZONE, { bookedBy: { name: 'Lucía Offline', email: 'lucia@example.com' } });
const marco = bookingAt(nextWeek[2]!, '18:00', ZONE, { bookedBy: { name: 'Marco Offline', email: 'marco@example.com' } });

let google: FakeGoogle;
let harness: HarnessProcess;
let dataDir: string;

test.beforeAll(async () => {
  google = await startFakeGoogle({ email: ACCOUNT });
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-queue-offline-'));
  await seedWeek(dataDir, { bookings: [lucia, marco] });
  harness = await startHarnessProcess({
    dataDir,
    env: { ...google.env(), TZ: 'Asia/Tokyo', BROWSER: fakeBrowser, TEACHER_DESK_KEYCHAIN_SERVICE: service, TEACHER_DESK_SYNC_RETRY_MS: '1000' },
  });
});

test.afterAll(async () => {
  await harness?.stop();
  await google?.close();
  const secrets = createKeychainSecretStore({ service });
  for (const account of await secrets.accounts().catch(() => [])) await secrets.delete(account);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const row = (page: Page, booking: Booking) => page.locator(`[data-testid="queue-row"][data-booking-id="${booking.id}"]`);

test('offline, the queue keeps Confirm and Cancel for later (es/en); when Google is back they are sent once: one event, one Meet link', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(ACCOUNT);

  // Google goes away.
  await google.stop();
  await page.getByTestId('sync-now').click({ force: true });
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });

  await page.getByTestId('open-queue').click();
  const dialog = page.getByTestId('queue-dialog');
  await expect(dialog.getByTestId('queue-row')).toHaveCount(2);
  await expect(dialog.getByTestId('queue-offline-note')).toContainText('lo que hagas queda guardado');
  await expect(dialog).not.toContainText('Necesita conexión');

  await row(page, lucia).getByTestId('queue-confirm').click();
  await expect(row(page, lucia)).toHaveAttribute('data-state', 'waiting');
  await expect(row(page, lucia).getByTestId('queue-row-waiting')).toContainText('Se confirmará cuando vuelva la conexión.');
  // Waiting, the row offers no second Confirm or Cancel, only taking the action back.
  await expect(row(page, lucia).getByTestId('queue-confirm')).toHaveCount(0);
  await expect(row(page, lucia).getByTestId('queue-cancel')).toHaveCount(0);
  await expect(row(page, lucia).getByTestId('outbox-withdraw')).toBeVisible();

  await row(page, marco).getByTestId('queue-cancel').click();
  await row(page, marco).getByTestId('queue-cancel-yes').click();
  await expect(row(page, marco)).toHaveAttribute('data-state', 'waiting');
  await expect(row(page, marco).getByTestId('queue-row-waiting')).toContainText('Se cancelará cuando vuelva la conexión.');
  await expect(page.getByTestId('outbox-list')).toContainText('2 acciones esperando a Google Calendar');

  // Main refuses a second confirm of the class whose confirm waits (from anywhere): nothing can be queued twice.
  const again = await page.evaluate(async (id) => (globalThis as unknown as { api: Api }).api.confirmBooking({ id, sendUpdates: 'none' }), lucia.id);
  expect(again.ok).toBe(false);
  expect(google.calendar.liveEvents(ACCOUNT)).toHaveLength(0);

  // In English, reopened: the rows read what waits from main's outbox.
  await dialog.getByRole('button', { name: 'Cerrar' }).first().click();
  await page.getByTestId('settings-open').click();
  await page.getByTestId('language').selectOption('en');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-queue').click();
  await expect(dialog.getByTestId('queue-offline-note')).toContainText('what you do is kept');
  await expect(row(page, lucia)).toHaveAttribute('data-state', 'waiting');
  await expect(row(page, lucia).getByTestId('queue-row-waiting')).toContainText('Will be confirmed when back online.');
  await expect(row(page, marco).getByTestId('queue-row-waiting')).toContainText('Will be cancelled when back online.');

  // Google is back: sent with no click, and the rows say what became of each class.
  await google.restart();
  await expect(row(page, lucia)).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });
  await expect(row(page, lucia).getByTestId('queue-row-done')).toHaveText('Confirmed, with a Meet link');
  await expect(row(page, marco)).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  await expect(dialog.getByTestId('queue-progress')).toHaveText('2 of 2 done');
  await expect(page.getByTestId('outbox-list')).toHaveCount(0);

  const events = google.calendar.liveEvents(ACCOUNT);
  expect(events).toHaveLength(1);
  expect(google.calendar.count('events.insert')).toBe(1);
  const links = events[0]!.conferenceData?.entryPoints?.filter((e) => e.entryPointType === 'video') ?? [];
  expect(links).toHaveLength(1);
  expect(links[0]!.uri).toMatch(/^https:\/\/meet\.google\.com\//);

  // The class holds that one link; nothing more goes out on the next syncs.
  const reply = await page.evaluate(async (id) => (globalThis as unknown as { api: Api }).api.getBooking({ id }), lucia.id);
  expect(reply.ok && reply.value.meetLink).toBe(links[0]!.uri);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await page.getByTestId('sync-now').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  expect(google.calendar.count('events.insert')).toBe(1);
  expect(google.calendar.liveEvents(ACCOUNT)).toHaveLength(1);
});
