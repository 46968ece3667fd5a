import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startGoogleDesk, type GoogleDesk } from './support/google-desk';
import { bookingAt } from './support/seed';
import { seedWeek } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * The outbox in Chromium: confirm while Google is away, see the class
 * waiting, restart the app (still away: still waiting), bring Google back,
 * and watch the class become scheduled with its Meet link with no click.
 */
const ZONE = DEFAULT_TIME_ZONE;
test.use({ timezoneId: 'Asia/Tokyo', locale: 'es-AR', viewport: { width: 1440, height: 900 } });
test.describe.configure({ mode: 'serial' });

const week = weekContaining(localDateOf(new Date(), ZONE), ZONE);
const friday = week.days[4]!;
const thursday = week.days[3]!;
const sofia = bookingAt(friday, '17:00', ZONE, { bookedBy: { name: 'Sofía Romero', email: 'sofia@example.com' } });
const tomas = bookingAt(thursday, '19:00', ZONE, { bookedBy: { name: 'Tomás Ibarra', email: 'tomas@example.com' } });
const julia = bookingAt(thursday, '09:00', ZONE, { bookedBy: { name: 'Julia Paz', email: 'julia@example.com' } });
const ACCOUNT = 'profe.ana@example.com';
let desk: GoogleDesk;

const classBox = (page: Page, name = 'Sofía Romero') => shownWeek(page).getByTestId('booking').filter({ hasText: name });

test.beforeAll(async () => {
  desk = await startGoogleDesk({
    name: 'outbox',
    email: ACCOUNT,
    seed: (dir) => seedWeek(dir, { bookings: [sofia, tomas, julia] }),
    env: () => ({ TZ: 'Asia/Tokyo', TEACHER_DESK_SYNC_RETRY_MS: '1000' }),
  });
});

test.afterAll(async () => {
  await desk?.close();
});

test('confirm while offline waits, survives a restart, and is scheduled with its Meet link when Google returns', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(ACCOUNT);

  // Google goes away.
  await desk.google.stop();
  await page.getByTestId('sync-now').click({ force: true });
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });

  await classBox(page).click();
  await page.getByTestId('details').getByRole('button', { name: 'Confirmar y crear enlace de Meet' }).click();
  await expect(page.getByTestId('details-waiting')).toContainText('Se confirmará cuando vuelva la conexión');
  await expect(classBox(page).getByTestId('booking-waiting')).toBeVisible();
  await expect(page.getByTestId('outbox-list')).toContainText('1 acción esperando a Google Calendar');
  await expect(classBox(page)).toContainText('Pendiente');

  // The app restarts, still offline: the action is still there.
  await desk.restartHarness();
  await page.goto(desk.harness.url);
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
  await expect(classBox(page).getByTestId('booking-waiting')).toBeVisible();
  await classBox(page).click();
  await expect(page.getByTestId('details-waiting')).toContainText('Se confirmará cuando vuelva la conexión');
  expect(desk.google.calendar.liveEvents(ACCOUNT)).toHaveLength(0);

  // Google is back: no click.
  await desk.google.restart();
  await expect(classBox(page)).toContainText('Programada', { timeout: 30_000 });
  const events = desk.google.calendar.liveEvents(ACCOUNT);
  expect(events).toHaveLength(1);
  const meetLink = events[0]!.conferenceData!.entryPoints!.find((e) => e.entryPointType === 'video')!.uri!;
  await expect(page.getByTestId('field-meet')).toContainText(meetLink.replace(/^https:\/\//, ''));
  await expect(page.getByTestId('details-waiting')).toHaveCount(0);
  await expect(page.getByTestId('outbox-list')).toHaveCount(0);
  await expect(classBox(page).getByTestId('booking-waiting')).toHaveCount(0);
});

test('a confirm whose slot became busy stops and shows both sides; a withdrawn cancel sends nothing', async ({ page }) => {
  await page.goto(desk.harness.url);
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'idle', { timeout: 20_000 });
  await desk.google.stop();
  // Ask for a sync so the app finds Google gone; forced, because a sync of its own may be under way
  // ("Sync now" then says it is busy), which finds the same.
  await page.getByTestId('sync-now').click({ force: true });
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 20_000 });
  // Only Google is gone, not the machine's network: "Sync now" stays the way to try again.
  await expect(page.getByTestId('sync-now')).not.toHaveAttribute('aria-disabled', 'true');

  // Confirm Tomás and cancel Julia while offline.
  await classBox(page, 'Tomás Ibarra').click();
  await page.getByTestId('details').getByRole('button', { name: 'Confirmar y crear enlace de Meet' }).click();
  await expect(page.getByTestId('details-waiting')).toContainText('Se confirmará cuando vuelva la conexión');
  await classBox(page, 'Julia Paz').click();
  await page.getByTestId('action-cancel').click();
  await page.getByTestId('cancel-yes').click();
  await expect(page.getByTestId('details-waiting')).toContainText('Se cancelará cuando vuelva la conexión');
  await expect(page.getByTestId('outbox-list')).toContainText('2 acciones esperando a Google Calendar');

  // The teacher changes her mind about Julia: withdrawn from the list, nothing will be sent.
  await page.getByTestId('outbox-list').locator('summary').click();
  await page.getByTestId('outbox-list').getByTestId('waiting-action').filter({ hasText: 'Julia Paz' }).getByTestId('outbox-withdraw').click();
  await expect(page.getByTestId('outbox-list')).toContainText('1 acción esperando a Google Calendar');

  // Meanwhile, in Google Calendar, something takes Tomás's hour.
  desk.google.calendar.addEvent(ACCOUNT, { summary: 'Médico', start: { dateTime: tomas.startTime, timeZone: ZONE }, end: { dateTime: tomas.endTime, timeZone: ZONE } });
  await desk.google.restart();
  await classBox(page, 'Tomás Ibarra').click();
  const stopped = page.getByTestId('details-waiting').getByTestId('waiting-action');
  await expect(stopped).toHaveAttribute('data-state', 'conflict', { timeout: 30_000 });
  await expect(stopped).toContainText('el calendario ocupó ese horario con otra cosa');
  await expect(stopped.getByTestId('side-asked')).toContainText('Programada');
  await expect(stopped.getByTestId('side-now')).toContainText('Pendiente');
  await expect(stopped.getByTestId('side-now')).toContainText('Ocupado');
  await expect(classBox(page, 'Julia Paz')).toContainText('Pendiente');

  await stopped.getByTestId('outbox-send-anyway').click();
  // The box may read Programada while the confirm still waits (it shows what the class will be): the list empties when it is sent.
  await expect(page.getByTestId('outbox-list')).toHaveCount(0, { timeout: 30_000 });
  await expect(classBox(page, 'Tomás Ibarra')).toContainText('Programada');
  expect(desk.google.calendar.liveEvents(ACCOUNT).filter((e) => e.summary === 'Clase de Inglés')).toHaveLength(2);
});
