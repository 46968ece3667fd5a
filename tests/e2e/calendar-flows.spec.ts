import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fromZonedTime } from 'date-fns-tz';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startGoogleDesk, type GoogleDesk } from './support/google-desk';
import { bookingAt } from './support/seed';
import { seedWeek } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * The teacher's day with Google: confirm a pending class into an event with
 * a Meet link, copy it, lose the network and restart (the cached week and
 * links stay usable), and get the network back (the app syncs on its own).
 * Browser and harness run in Tokyo; the teacher's zone is Buenos Aires.
 */
const ZONE = DEFAULT_TIME_ZONE;
const MACHINE_ZONE = 'Asia/Tokyo';
test.use({ timezoneId: MACHINE_ZONE, locale: 'es-AR', viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

const week = weekContaining(localDateOf(new Date(), ZONE), ZONE);
const wednesday = week.days[2]!;
const thursday = week.days[3]!;
const lucia = bookingAt(wednesday, '18:00', ZONE, { bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' } });

/** The fake keeps the account's own calendar under its e-mail, as Google does for "primary". */
const ACCOUNT = 'profe.ana@example.com';
let desk: GoogleDesk;
let clipboardFile: string;

const classBox = (page: Page, name: string) => shownWeek(page).getByTestId('booking').filter({ hasText: name });

test.beforeAll(async () => {
  desk = await startGoogleDesk({
    name: 'flows',
    email: ACCOUNT,
    seed: (dir) => seedWeek(dir, { bookings: [lucia] }),
    env: (dir) => ({
      TZ: MACHINE_ZONE,
      TEACHER_DESK_CLIPBOARD_FILE: join(dir, 'clipboard.txt'),
      // Retry quickly while offline, so "back online" is seen within the test.
      TEACHER_DESK_SYNC_RETRY_MS: '1000',
    }),
  });
  // Google answers the conference as pending for a few reads, as it does in life.
  desk.google.calendar.conference = { pendingReads: 2, outcome: 'success' };
  clipboardFile = join(desk.dir, 'clipboard.txt');
});

test.afterAll(async () => {
  await desk?.close();
});

test('confirm a pending booking: one event, one Meet link, shown and copied', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText('profe.ana@example.com');

  await classBox(page, 'Lucía Fernández').click();
  await page.getByTestId('details').getByRole('button', { name: 'Confirmar y crear enlace de Meet' }).click();
  await expect(page.getByTestId('confirm-done')).toContainText('meet.google.com/', { timeout: 30_000 });

  const events = desk.google.calendar.liveEvents(ACCOUNT);
  expect(events).toHaveLength(1);
  const meetLink = events[0]!.conferenceData!.entryPoints!.find((e) => e.entryPointType === 'video')!.uri!;
  expect(events[0]!.start).toEqual({ dateTime: expect.stringMatching(/T18:00:00-03:00$/), timeZone: ZONE });
  await expect(classBox(page, 'Lucía Fernández')).toContainText('Programada');
  await expect(page.getByTestId('field-meet')).toContainText(meetLink.replace(/^https:\/\//, ''));

  await page.getByTestId('details').getByRole('button', { name: 'Copiar enlace de Meet' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Enlace de Meet copiado');
  expect(await readFile(clipboardFile, 'utf8')).toBe(meetLink);
});

test('offline: Google gone and the app restarted, the cached week, details and links still work', async ({ page }) => {
  const meetLink = desk.google.calendar.liveEvents(ACCOUNT)[0]!.conferenceData!.entryPoints![0]!.uri!;
  await desk.harness.stop();
  await desk.google.stop();
  await rm(clipboardFile, { force: true });
  await desk.restartHarness();

  await page.goto(desk.harness.url);
  await expect(page.getByTestId('offline-banner')).toContainText('Sin conexión', { timeout: 20_000 });
  await expect(classBox(page, 'Lucía Fernández')).toContainText('Programada');
  await classBox(page, 'Lucía Fernández').click();
  await expect(page.getByTestId('field-meet')).toContainText(meetLink.replace(/^https:\/\//, ''));
  await expect(page.getByTestId('field-access-code')).toHaveText(/^[A-Z2-9]{8}$/);
  await page.getByTestId('details').getByRole('button', { name: 'Copiar enlace de Meet' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Enlace de Meet copiado');
  expect(await readFile(clipboardFile, 'utf8')).toBe(meetLink);
});

test('back online, the app syncs on its own and shows what changed in Google Calendar', async ({ page }) => {
  await page.goto(desk.harness.url);
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
  // Meanwhile, in Google Calendar: a dentist appointment on Thursday.
  desk.google.calendar.addEvent(ACCOUNT, {
    id: 'dentist00001',
    summary: 'Dentista',
    start: { dateTime: fromZonedTime(`${thursday}T15:00:00`, ZONE).toISOString(), timeZone: ZONE },
    end: { dateTime: fromZonedTime(`${thursday}T16:00:00`, ZONE).toISOString(), timeZone: ZONE },
  });
  await desk.google.restart();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle');
  await expect(shownWeek(page).locator(`[data-day="${thursday}"]`).getByText('Ocupado')).toBeVisible();
});
