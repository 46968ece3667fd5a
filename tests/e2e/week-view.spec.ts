import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fromZonedTime } from 'date-fns-tz';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { bookingAt } from './support/seed';
import { busyAt, seedWeek, shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * The teacher's week through the browser harness. Browser and harness run
 * in Tokyo; the teacher's zone is Buenos Aires (the default setting), so
 * anything placed by the machine's zone would land on the wrong day or hour.
 */
const ZONE = DEFAULT_TIME_ZONE;
const MACHINE_ZONE = 'Asia/Tokyo';
const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');

test.use({ timezoneId: MACHINE_ZONE, locale: 'es-AR', viewport: { width: 1440, height: 900 } });

const week = weekContaining(localDateOf(new Date(), ZONE), ZONE);
const [monday, tuesday, wednesday, thursday, friday] = week.days as [string, string, string, string, string];
/** The page's clock is fixed at Wednesday 17:40 in Buenos Aires: a now-line among the classes, and stable screenshots. */
const PAGE_NOW = fromZonedTime(`${wednesday}T17:40:00`, ZONE);

const lucia = bookingAt(wednesday, '17:00', ZONE, { bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' } });
const martin = bookingAt(wednesday, '17:30', ZONE, {
  bookedBy: { name: 'Martín Gómez', email: 'martin@example.com' },
  status: 'scheduled',
  googleEventId: 'td0000000001',
  meetLink: 'https://meet.google.com/abc-defg-hij',
  calendarLink: 'https://www.google.com/calendar/event?eid=abc',
  accessCode: 'K7QW2XNP',
  learningFocus: 'Business e-mails',
  classPrice: 15000,
});
const sofia = bookingAt(wednesday, '17:45', ZONE, {
  bookedBy: { name: 'Sofía Romero', email: 'sofia@example.com' },
  status: 'completed',
  googleEventId: 'td0000000002',
  meetLink: 'https://meet.google.com/kmn-pqrs-tuv',
  calendarLink: 'https://www.google.com/calendar/event?eid=def',
  accessCode: 'HX4M9PQR',
});
const group = bookingAt(friday, '19:00', ZONE, {
  bookedBy: { name: 'Camila Sosa', email: 'camila@example.com' },
  status: 'scheduled',
  classType: 'grupal',
  maxParticipants: 4,
  currentParticipants: 3,
  classPrice: 48000,
  participants: [{ name: 'Diego López' }, { name: 'Elena Pérez', email: 'elena@example.com' }],
  learningFocus: 'Travel vocabulary',
  googleEventId: 'td0000000003',
  meetLink: 'https://meet.google.com/xyz-abcd-efg',
  calendarLink: 'https://www.google.com/calendar/event?eid=ghi',
  accessCode: 'Q2W3E4R5',
});
const cancelled = bookingAt(thursday, '18:00', ZONE, { bookedBy: { name: 'Bruno Pérez', email: 'bruno@example.com' }, status: 'cancelled' });
const mondayClass = bookingAt(monday, '20:00', ZONE, { bookedBy: { name: 'Inés Martínez', email: 'ines@example.com' } });
const nextWeek = bookingAt(shiftDay(monday, 7), '18:00', ZONE, { bookedBy: { name: 'Joaquín Next', email: 'joaquin@example.com' } });
const previousWeek = bookingAt(shiftDay(monday, -6), '18:00', ZONE, { bookedBy: { name: 'Gabriela Previous', email: 'gabriela@example.com' } });

let harness: HarnessProcess;
let dataDir: string;
let clipboardFile: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-week-'));
  clipboardFile = join(dataDir, 'clipboard.txt');
  await seedWeek(dataDir, {
    bookings: [lucia, martin, sofia, group, cancelled, mondayClass, nextWeek, previousWeek],
    busyBlocks: [busyAt(tuesday, '15:00', '16:30', ZONE, 'dentist'), busyAt(friday, '09:00', '11:00', ZONE, 'school-meeting')],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  harness = await startHarnessProcess({ dataDir, env: { TZ: MACHINE_ZONE, TEACHER_DESK_CLIPBOARD_FILE: clipboardFile } });
});

test.afterAll(async () => {
  await harness?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function openWeek(page: Page): Promise<void> {
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(harness.url);
  await expect(page.getByTestId('time-zone')).toHaveText(ZONE);
  await expect(shownWeek(page).locator(`[data-day="${wednesday}"]`).getByTestId('booking').first()).toBeVisible();
}

const classBox = (page: Page, name: string): Locator => shownWeek(page).getByTestId('booking').filter({ hasText: name });

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error('element has no box');
  return b;
}

test('places classes at their Buenos Aires times while the browser and the harness run in Tokyo', async ({ page }) => {
  await openWeek(page);
  const wed = shownWeek(page).locator(`[data-day="${wednesday}"]`);
  const rows = wed.getByTestId('booking');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('17:00–18:00');
  await expect(rows.nth(0)).toContainText('Lucía Fernández');
  await expect(rows.nth(0)).toContainText('Pendiente');
  await expect(rows.nth(1)).toContainText('17:30–18:30');
  await expect(rows.nth(1)).toContainText('Programada');
  await expect(rows.nth(2)).toContainText('Completada');
  // In Tokyo these would be Thursday morning: nothing of Wednesday's is there.
  await expect(shownWeek(page).locator(`[data-day="${thursday}"]`).getByTestId('booking')).toHaveCount(1);
  await expect(shownWeek(page).locator(`[data-day="${thursday}"]`).getByTestId('booking')).toContainText('Bruno Pérez');

  // Vertical position: 17:00 in a grid of 08:00-22:00 is 9/14 of the column's height from its top.
  const column = await box(wed);
  const first = await box(classBox(page, 'Lucía Fernández'));
  expect((first.y - column.y) / column.height).toBeCloseTo(9 / 14, 2);
  expect(first.height / column.height).toBeCloseTo(1 / 14, 1);
  // The hour gutter agrees: the "17:00" label sits on that line.
  const label = shownWeek(page).locator('.hour-label', { hasText: /^17:00$/ });
  const labelBox = await box(label);
  expect(Math.abs(labelBox.y + labelBox.height / 2 - first.y)).toBeLessThan(4);
});

test('puts overlapping classes side by side', async ({ page }) => {
  await openWeek(page);
  const boxes = await Promise.all(['Lucía Fernández', 'Martín Gómez', 'Sofía Romero'].map((name) => box(classBox(page, name))));
  const column = await box(shownWeek(page).locator(`[data-day="${wednesday}"]`));
  // Three columns, left to right, none covering another.
  for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBeGreaterThanOrEqual(boxes[i - 1]!.x + boxes[i - 1]!.width - 1);
  for (const b of boxes) expect(b.width).toBeLessThan(column.width / 3 + 1);
  await expect(classBox(page, 'Martín Gómez')).toHaveAttribute('data-columns', '3');
});

test('shows busy time from other calendar events muted, as "Ocupado", not as a class', async ({ page }) => {
  await openWeek(page);
  const busy = shownWeek(page).locator(`[data-day="${tuesday}"]`).getByTestId('busy-block');
  await expect(busy).toHaveCount(1);
  await expect(busy).toContainText('Ocupado');
  await expect(busy).toContainText('15:00–16:30');
  await expect(busy).toHaveAttribute('aria-label', /Ocupado/);
  await expect(busy.locator('button')).toHaveCount(0);
  await expect(shownWeek(page).locator(`[data-day="${tuesday}"]`).getByTestId('booking')).toHaveCount(0);
});

test('moves between weeks with the buttons and the keyboard, and announces the week', async ({ page }) => {
  await openWeek(page);
  const label = page.getByTestId('week-label');
  const thisWeek = await label.textContent();

  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  await expect(classBox(page, 'Joaquín Next')).toBeVisible();
  await expect(shownWeek(page).locator(`[data-day="${shiftDay(monday, 7)}"]`)).toHaveCount(1);
  await expect(label).not.toHaveText(thisWeek!);
  await expect(page.getByTestId('announcer')).toContainText('Semana del');

  // Two quick clicks are two weeks, even before the first week has loaded (main's replies held back here).
  const slowWeeks = '**/ipc/bookings*list-week';
  await page.route(slowWeeks, async (route) => {
    await new Promise((done) => setTimeout(done, 500));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Semana anterior' }).click();
  await page.getByRole('button', { name: 'Semana anterior' }).click();
  await expect(classBox(page, 'Gabriela Previous')).toBeVisible();
  await page.unroute(slowWeeks);

  await page.getByRole('button', { name: 'Hoy' }).click();
  await expect(label).toHaveText(thisWeek!);
  await expect(classBox(page, 'Lucía Fernández')).toBeVisible();

  // Keyboard: → next week, ← back, T today.
  await page.locator('body').press('ArrowRight');
  await expect(classBox(page, 'Joaquín Next')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(classBox(page, 'Gabriela Previous')).toBeVisible();
  await page.locator('body').press('t');
  await expect(classBox(page, 'Lucía Fernández')).toBeVisible();
  await expect(label).toHaveText(thisWeek!);
});

test('walks the classes in time order with the arrows; Enter opens the details', async ({ page }) => {
  await openWeek(page);
  await page.locator('body').press('ArrowDown');
  // Monday 20:00 is the week's first class.
  await expect(classBox(page, 'Inés Martínez')).toBeFocused();
  await expect(page.getByTestId('details-title')).toHaveText('Inés Martínez');
  await page.keyboard.press('ArrowDown');
  await expect(classBox(page, 'Lucía Fernández')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(classBox(page, 'Martín Gómez')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(classBox(page, 'Lucía Fernández')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('details-title')).toBeFocused();
  await expect(page.getByTestId('details-title')).toHaveText('Lucía Fernández');
  // Escape goes back to the class in the grid.
  await page.keyboard.press('Escape');
  await expect(classBox(page, 'Lucía Fernández')).toBeFocused();
  // Every class is a real, labelled button.
  await expect(page.getByRole('button', { name: /Lucía Fernández.*17:00–18:00.*Pendiente/ })).toBeVisible();
});

test('the details panel shows every field of a class', async ({ page }) => {
  await openWeek(page);
  await classBox(page, 'Martín Gómez').click();
  const panel = page.getByTestId('details');
  await expect(panel.getByTestId('details-title')).toHaveText('Martín Gómez');
  await expect(panel.getByTestId('field-student')).toContainText('Martín Gómez');
  await expect(panel.getByTestId('field-student')).toContainText('martin@example.com');
  await expect(panel.getByTestId('field-time')).toContainText('17:30–18:30');
  await expect(panel.getByTestId('field-time')).toContainText(/miércoles/i);
  await expect(panel.getByTestId('field-type')).toContainText('Individual');
  await expect(panel.getByTestId('field-type')).toContainText('1 de 1');
  await expect(panel.getByTestId('field-focus')).toContainText('Business e-mails');
  await expect(panel.getByTestId('field-price')).toContainText(/\$\s?15\.000/);
  await expect(panel.getByTestId('field-access-code')).toContainText('K7QW2XNP');
  await expect(panel.getByTestId('field-status')).toContainText('Programada');
  await expect(panel.getByTestId('field-meet')).toContainText('meet.google.com/abc-defg-hij');
  await expect(panel.getByTestId('field-calendar').getByRole('button', { name: 'Abrir el evento' })).toBeVisible();
  // Actions that fit a scheduled class (allowedActions): copy, open, complete, reschedule, cancel; not confirm.
  for (const name of ['Copiar enlace de Meet', 'Abrir Meet', 'Marcar como completada', 'Reprogramar', 'Cancelar la clase']) {
    await expect(panel.getByRole('button', { name })).toBeVisible();
  }
  await expect(panel.getByRole('button', { name: 'Confirmar y crear enlace de Meet' })).toHaveCount(0);
  await panel.screenshot({ path: join(SCREENSHOTS, 'details-panel.png'), animations: 'disabled' });

  // A group class: participants and price.
  await classBox(page, 'Camila Sosa').click();
  await expect(panel.getByTestId('field-type')).toContainText('Grupal');
  await expect(panel.getByTestId('field-type')).toContainText('3 de 4');
  await expect(panel.getByTestId('field-type')).toContainText('Diego López');
  await expect(panel.getByTestId('field-price')).toContainText(/48\.000/);

  // Reschedule asks for date, start and length in the teacher's zone.
  await panel.getByRole('button', { name: 'Reprogramar' }).click();
  await expect(panel.getByLabel('Fecha')).toHaveValue(friday);
  await expect(panel.getByLabel('Hora de inicio')).toHaveValue('19:00');
  await expect(panel.getByLabel('Duración')).toHaveValue('60');
  await panel.getByRole('button', { name: 'Volver' }).click();

  // Cancel asks first and offers to e-mail the student.
  await panel.getByRole('button', { name: 'Cancelar la clase' }).click();
  await expect(panel.getByRole('heading', { name: '¿Cancelar esta clase?' })).toBeFocused();
  await expect(panel.getByLabel('Avisar al alumno por e-mail')).not.toBeChecked();
  await panel.getByRole('button', { name: 'No, mantenerla' }).click();
  await expect(panel.getByTestId('cancel-form')).toHaveCount(0);
});

test('confirm, with no Google account set up, shows main\'s NOT_CONFIGURED answer as a readable error', async ({ page }) => {
  // The harness has no Google OAuth client configured: free/busy (the first step of confirm) answers NOT_CONFIGURED.
  await openWeek(page);
  await classBox(page, 'Lucía Fernández').click();
  const panel = page.getByTestId('details');
  await panel.getByRole('button', { name: 'Confirmar y crear enlace de Meet' }).click();
  const error = panel.getByTestId('error');
  await expect(error).toBeVisible();
  await expect(error).toHaveAttribute('data-error-code', 'NOT_CONFIGURED');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toContainText('Google Calendar todavía no está configurado');
  await expect(error).toContainText('Configurá y conectá Google Calendar');
  // The class is untouched and can be tried again.
  await expect(panel.getByTestId('field-status')).toContainText('Pendiente');
  await expect(error.getByRole('button', { name: 'Reintentar' })).toBeVisible();
});

// Main copies the cached link itself (no Google needed): the harness writes the clipboard to TEACHER_DESK_CLIPBOARD_FILE.
test('copy Meet link puts exactly the link on the clipboard and says so, by button and by C', async ({ page }) => {
  await openWeek(page);
  await classBox(page, 'Martín Gómez').click();
  await page.getByTestId('details').getByRole('button', { name: 'Copiar enlace de Meet' }).click();
  await expect(page.getByTestId('toast')).toHaveText('Enlace de Meet copiado');
  await expect(page.getByTestId('toast')).toHaveAttribute('aria-live', 'polite');
  expect(await readFile(clipboardFile, 'utf8')).toBe(martin.meetLink);

  // C copies the selected class's link from the keyboard.
  await rm(clipboardFile, { force: true });
  await classBox(page, 'Camila Sosa').click();
  await page.keyboard.press('c');
  await expect(page.getByTestId('toast')).toHaveText('Enlace de Meet copiado');
  await expect.poll(() => readFile(clipboardFile, 'utf8').catch(() => '')).toBe(group.meetLink);

  // A class without a link says so instead of copying.
  await classBox(page, 'Lucía Fernández').click();
  await page.keyboard.press('c');
  await expect(page.getByTestId('toast')).toHaveText('Esta clase todavía no tiene enlace de Meet.');
});

test('offline: a banner, and actions that need Google still accepted, with a note that they wait for it', async ({ page, context }) => {
  await openWeek(page);
  await classBox(page, 'Lucía Fernández').click();
  await context.setOffline(true);
  await expect(page.getByTestId('offline-banner')).toContainText('Sin conexión');
  const confirm = page.getByTestId('details').getByRole('button', { name: 'Confirmar y crear enlace de Meet' });
  // The outbox keeps what the teacher does offline and sends it when Google is back (tests/e2e/outbox.spec.ts).
  await expect(confirm).not.toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('details').locator('.action-reason')).toHaveText(/queda guardado y se envía solo cuando vuelva/);
  // Viewing still works.
  await classBox(page, 'Martín Gómez').click();
  await expect(page.getByTestId('details').getByRole('button', { name: 'Copiar enlace de Meet' })).not.toHaveAttribute('aria-disabled', 'true');
  await context.setOffline(false);
  await expect(page.getByTestId('offline-banner')).toHaveCount(0);
});

test('screenshots of the week, light and dark', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openWeek(page);
  await classBox(page, 'Lucía Fernández').click();
  await page.screenshot({ path: join(SCREENSHOTS, 'week-light.png'), animations: 'disabled' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('.week')).toHaveCSS('background-color', 'rgb(21, 27, 36)');
  await page.screenshot({ path: join(SCREENSHOTS, 'week-dark.png'), animations: 'disabled' });
});

test('switches the language to English in the preferences', async ({ page }) => {
  await openWeek(page);
  await page.getByRole('button', { name: 'Preferencias' }).click();
  await page.getByLabel('Idioma').selectOption('en');
  await expect(page.getByTestId('week-label')).toContainText('Week of');
  await expect(classBox(page, 'Lucía Fernández')).toContainText('Pending');
  await expect(page.getByRole('button', { name: 'Next week' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // Saved by main: still English after a reload; then back to Spanish.
  await page.reload();
  await expect(classBox(page, 'Lucía Fernández')).toContainText('Pending');
  await page.getByRole('button', { name: 'Preferences' }).click();
  await page.getByLabel('Language').selectOption('es');
  await expect(classBox(page, 'Lucía Fernández')).toContainText('Pendiente');
});
