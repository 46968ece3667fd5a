import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fromZonedTime } from 'date-fns-tz';
import type { Booking, Payment } from '../../shared/booking';
import type { Api } from '../../shared/ipc/api';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startGoogleDesk, type GoogleDesk } from './support/google-desk';
import { bookingAt } from './support/seed';
import { seedWeek, shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * The teacher's business views against the fake Google, in Chromium: the
 * To-confirm queue confirms three classes in a row (three events, three
 * Meet links, no duplicates) and cancels a stale unpaid one; the earnings
 * view shows known totals with its charts (screenshots in es/en,
 * light/dark); a student's history opens from the students' search.
 */
const ZONE = DEFAULT_TIME_ZONE;
test.use({ locale: 'es-AR', viewport: { width: 1280, height: 900 } });
test.describe.configure({ mode: 'serial' });

const ACCOUNT = 'profe.ana@example.com';
const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');

const paid = (amount: number): Payment => ({ state: 'paid', amount, at: '2025-03-01T12:00:00.000Z', source: 'platform' });
const waiting = (amount: number): Payment => ({ state: 'waiting', amount, at: '2025-03-01T12:00:00.000Z', source: 'platform' });
const person = (name: string) => ({ name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` });

// Next week's Monday to Wednesday: always ahead, whatever day the test runs.
const nextWeek = weekContaining(shiftDay(localDateOf(new Date(), ZONE), 7), ZONE).days;
const toConfirm = [
  bookingAt(nextWeek[0]!, '17:00', ZONE, { bookedBy: person('Uno Paga'), payment: paid(15000) }),
  bookingAt(nextWeek[1]!, '18:00', ZONE, { bookedBy: person('Dos Paga'), payment: paid(15000) }),
  bookingAt(nextWeek[2]!, '19:00', ZONE, { bookedBy: person('Tres Paga'), payment: paid(15000) }),
];
// Scheduled, payment unknown: the teacher was paid in cash.
const cash = bookingAt(nextWeek[3]!, '17:00', ZONE, { status: 'scheduled', bookedBy: person('Cuatro Efectivo') });
// Starts within the day without payment: stale by the default 24 h rule.
const soon = new Date(Math.ceil((Date.now() + 5 * 3_600_000) / 3_600_000) * 3_600_000);
const stale: Booking = { ...toConfirm[0]!, id: crypto.randomUUID(), preferenceId: 'pref-stale', bookedBy: person('Sin Pago'), startTime: soon.toISOString(), endTime: new Date(soon.getTime() + 3_600_000).toISOString() };
delete stale.payment;
// Pending, its payment waiting 30 h, starting days ahead: stale only once the teacher's waiting threshold is under 30 h (default 48 h).
const waitingLong = bookingAt(nextWeek[4]!, '17:00', ZONE, { bookedBy: person('Espera Larga'), payment: { state: 'waiting', amount: 15000, at: new Date(Date.now() - 30 * 3_600_000).toISOString(), source: 'platform' } });

/** A week and month of 2025 with known totals. Week of 10 March: 3 given, 5 students, 1 cancelled, 51,000 received, 15,000 waiting. */
const past = [
  bookingAt('2025-03-10', '17:00', ZONE, { status: 'completed', bookedBy: person('Ana Alumna'), payment: paid(15000) }),
  bookingAt('2025-03-12', '18:00', ZONE, {
    status: 'scheduled',
    classType: 'grupal',
    maxParticipants: 3,
    currentParticipants: 3,
    classPrice: 36000,
    bookedBy: person('Beatriz Grupo'),
    participants: [{ email: 'bruno@example.com', name: 'Bruno' }, { email: 'berta@example.com', name: 'Berta' }],
    payment: paid(36000),
  }),
  bookingAt('2025-03-14', '19:00', ZONE, { status: 'scheduled', bookedBy: person('Carla Espera'), payment: waiting(15000) }),
  bookingAt('2025-03-15', '17:00', ZONE, { status: 'cancelled', bookedBy: person('Ana Alumna'), payment: paid(15000) }),
  bookingAt('2025-03-25', '17:00', ZONE, { status: 'scheduled', bookedBy: person('Dario Marzo'), payment: paid(15000) }),
];

let desk: GoogleDesk;

test.beforeAll(async () => {
  desk = await startGoogleDesk({
    name: 'business',
    email: ACCOUNT,
    seed: (dir) => seedWeek(dir, { bookings: [...toConfirm, stale, waitingLong, cash, ...past] }),
    env: (dir) => ({ TEACHER_DESK_CLIPBOARD_FILE: join(dir, 'clipboard.txt') }),
  });
  desk.google.calendar.conference = { pendingReads: 1, outcome: 'success' };
});

test.afterAll(async () => {
  await desk?.close();
});

const row = (page: Page, booking: Booking) => page.locator(`[data-testid="queue-row"][data-booking-id="${booking.id}"]`);

test('the pending count opens the queue, which confirms three classes in a row: three events, three Meet links, no duplicates', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.getByRole('button', { name: 'Conectar Google Calendar' }).click();
  await expect(page.getByTestId('account-email')).toHaveText(ACCOUNT);
  await page.getByTestId('week-next').click();
  await page.getByTestId('pending-pill').click();

  const dialog = page.getByTestId('queue-dialog');
  await expect(dialog.getByTestId('queue-row')).toHaveCount(5);
  // Earliest first: the stale class starts within the day.
  await expect(dialog.getByTestId('queue-row').first()).toHaveAttribute('data-booking-id', stale.id);
  await expect(row(page, toConfirm[0]!).getByTestId('payment-state')).toHaveAttribute('data-state', 'paid');

  // Two by click, one from the keyboard (arrow to the row, Enter), without leaving the queue.
  await row(page, toConfirm[0]!).getByTestId('queue-confirm').click();
  await row(page, toConfirm[1]!).getByTestId('queue-confirm').click();
  await row(page, toConfirm[1]!).focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, toConfirm[2]!)).toBeFocused();
  await page.keyboard.press('Enter');
  for (const b of toConfirm) await expect(row(page, b)).toHaveAttribute('data-state', 'confirmed', { timeout: 30_000 });
  // Confirming keeps the payment.
  for (const b of toConfirm) await expect(row(page, b).getByTestId('payment-state')).toHaveAttribute('data-state', 'paid');
  await expect(dialog.getByTestId('queue-progress')).toHaveText('3 de 5 resueltas');
  await dialog.screenshot({ path: join(SCREENSHOTS, 'queue-es-light.png'), animations: 'disabled' });

  const events = desk.google.calendar.liveEvents(ACCOUNT);
  expect(events).toHaveLength(3);
  const links = events.map((e) => e.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri);
  expect(new Set(links).size).toBe(3);
  expect(links.every((l) => l?.startsWith('https://meet.google.com/'))).toBe(true);
  expect(new Set(events.map((e) => e.id)).size).toBe(3);
});

test('a stale unpaid class is flagged in the queue and cancelled from it', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.getByTestId('week-next').click();
  const waitingBox = shownWeek(page).getByTestId('booking').filter({ hasText: 'Espera Larga' });
  await expect(waitingBox).toBeVisible();
  await expect(waitingBox).not.toHaveClass(/is-stale/);
  await page.getByTestId('open-queue').click();
  const dialog = page.getByTestId('queue-dialog');
  // The three confirmed classes left the queue; the stale one is still there, flagged, and the one whose payment waits 30 h is not (yet).
  await expect(dialog.getByTestId('queue-row')).toHaveCount(2);
  await expect(row(page, waitingLong)).not.toHaveAttribute('data-stale');
  const staleRow = row(page, stale);
  await expect(staleRow).toHaveAttribute('data-stale', 'starts-soon-unpaid');
  await expect(staleRow.getByTestId('stale-flag')).toHaveText('Empieza en menos de 24 h sin pago');
  await expect(staleRow.getByTestId('queue-mark-paid')).toBeVisible();
  // The threshold is the teacher's, from the preferences.
  await dialog.getByRole('button', { name: 'Cerrar' }).first().click();
  await page.getByTestId('settings-open').click();
  await page.getByTestId('stale-start-hours').selectOption('48');
  // Saved (main answered) before the next change, which is made from the saved rules.
  await expect(page.getByTestId('stale-start-hours')).toHaveValue('48');
  await page.getByTestId('stale-waiting-hours').selectOption('24');
  await expect(page.getByTestId('stale-waiting-hours')).toHaveValue('24');
  await page.keyboard.press('Escape');
  // The week's class box follows the same thresholds as the queue (and the tray).
  await expect(waitingBox).toHaveClass(/is-stale/);
  await page.getByTestId('open-queue').click();
  await expect(staleRow.getByTestId('stale-flag')).toHaveText('Empieza en menos de 48 h sin pago');
  await expect(row(page, waitingLong)).toHaveAttribute('data-stale', 'payment-waiting-too-long');
  await row(page, waitingLong).getByTestId('queue-cancel').click();
  await row(page, waitingLong).getByTestId('queue-cancel-yes').click();
  await expect(row(page, waitingLong)).toHaveAttribute('data-state', 'cancelled');
  await staleRow.getByTestId('queue-cancel').click();
  await staleRow.getByTestId('queue-cancel-yes').click();
  await expect(staleRow).toHaveAttribute('data-state', 'cancelled');
  await dialog.getByRole('button', { name: 'Cerrar' }).first().click();

  await page.getByTestId('open-queue').click();
  await expect(page.getByTestId('queue-empty')).toBeVisible();
  expect(desk.google.calendar.liveEvents(ACCOUNT)).toHaveLength(3);
});

test('the details panel shows the payment, the teacher marks it paid, and search shows it', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.getByTestId('week-next').click();
  await shownWeek(page).getByTestId('booking').filter({ hasText: 'Cuatro Efectivo' }).first().click();
  const field = page.getByTestId('field-payment');
  await expect(field.getByTestId('payment-state')).toHaveText('Pago desconocido');
  await field.getByTestId('action-mark-paid').click();
  await expect(field.getByTestId('payment-state')).toHaveText('Pagada · $ 15.000 · marcado por vos');
  await expect(field.getByTestId('action-mark-unpaid')).toBeVisible();

  await page.getByRole('combobox').fill('Cuatro');
  await expect(page.getByTestId('search-results').getByTestId('search-payment')).toContainText('Pagada');
});

async function openEarnings(page: Page) {
  await page.getByTestId('open-earnings').click();
  const dialog = page.getByTestId('earnings-dialog');
  await dialog.getByTestId('earnings-anchor').fill('2025-03-12');
  return dialog;
}

test('the earnings view shows the known totals and its charts render, in Spanish and English, light and dark', async ({ page }) => {
  for (const locale of ['es', 'en'] as const) {
    await page.goto(desk.harness.url);
    await page.evaluate(async ([l, name]) => void (await (globalThis as unknown as Record<string, Api>)[name]!.updateSettings({ locale: l })), [locale, 'api'] as const);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      const dialog = await openEarnings(page);
      const cell = (id: string) => dialog.getByTestId(`earnings-${id}`);
      await expect(cell('week-classes')).toHaveText('3');
      await expect(cell('week-hours')).toHaveText('3');
      await expect(cell('week-students')).toHaveText('5');
      await expect(cell('week-cancelled')).toHaveText('1');
      await expect(cell('week-received')).toContainText(locale === 'es' ? '51.000' : '51,000');
      await expect(cell('week-waiting')).toContainText(locale === 'es' ? '15.000' : '15,000');
      await expect(cell('month-classes')).toHaveText('4');
      await expect(cell('month-students')).toHaveText('6');
      await expect(cell('month-received')).toContainText(locale === 'es' ? '66.000' : '66,000');
      await expect(cell('year-classes')).toHaveText('4');
      for (const chart of ['chart-income', 'chart-hours', 'chart-kinds']) {
        await expect(dialog.getByTestId(chart).locator('.recharts-bar-rectangle').first()).toBeVisible();
      }
      // March's bar is there: income per month has a non-empty bar for it.
      await expect(dialog.getByTestId('chart-income').locator('.recharts-bar-rectangle path')).not.toHaveCount(0);
      await dialog.screenshot({ path: join(SCREENSHOTS, `earnings-${locale}-${scheme}.png`), animations: 'disabled' });
      await page.keyboard.press('Escape');
    }
  }
  await page.evaluate(async () => void (await (globalThis as unknown as { api: Api }).api.updateSettings({ locale: 'es' })));
});

test('a student’s history opens from the students’ search', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  // The narrowest window the week supports: the entries stay whole and clickable beside the search.
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(desk.harness.url);
  for (const id of ['open-queue', 'open-earnings', 'open-students']) {
    const box = (await page.getByTestId(id).boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(900);
  }
  await page.locator('header.app-header').screenshot({ path: join(SCREENSHOTS, 'header-900.png'), animations: 'disabled' });
  await page.getByTestId('open-students').click();
  const dialog = page.getByTestId('students-dialog');
  await dialog.getByTestId('students-search').fill('beatriz');
  await expect(dialog.getByTestId('student-row')).toHaveCount(1);
  await dialog.getByTestId('student-open').click();
  const history = dialog.getByTestId('student-history');
  await expect(dialog.getByRole('heading', { name: 'Beatriz Grupo' })).toBeVisible();
  await expect(history.getByTestId('student-past').getByTestId('student-class')).toHaveCount(1);
  await expect(history.getByTestId('student-past')).toContainText('12');
  await expect(history.getByTestId('payment-state')).toHaveAttribute('data-state', 'paid');
  await dialog.screenshot({ path: join(SCREENSHOTS, 'student-history-es-light.png'), animations: 'disabled' });
  await history.getByTestId('student-copy-email').click();
  await expect(page.getByTestId('toast')).toHaveText('E-mail copiado');
  expect(await readFile(join(desk.dir, 'clipboard.txt'), 'utf8')).toBe('beatriz@example.com');
  await history.getByTestId('students-back').click();
  await expect(dialog.getByTestId('students-search')).toBeVisible();
});

test('a payments file whose class is not in the desk yet is kept, and the class comes in paid', async ({ page }) => {
  const later = fromZonedTime(`${nextWeek[4]}T17:00:00`, ZONE).getTime();
  const payment = { _id: { $oid: 'c'.repeat(24) }, userId: { $oid: 'b'.repeat(24) }, preferenceId: 'pref-later', price: 15000, type: 'individual', status: 'approved' };
  const virtualClass = {
    _id: { $oid: 'a'.repeat(24) },
    bookedBy: { name: 'Quinta Llega', email: 'quinta@example.com' },
    startTime: { $date: new Date(later).toISOString() },
    endTime: { $date: new Date(later + 3_600_000).toISOString() },
    classType: 'individual',
    maxParticipants: 1,
    classPrice: 15000,
    status: 'pending',
    preferenceId: 'pref-later',
  };
  await page.goto(desk.harness.url);
  const importFile = async (name: string, doc: unknown) => {
    await page.getByRole('button', { name: 'Importar…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importar clases de la plataforma' });
    await dialog.getByLabel('Archivo para importar').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(`${JSON.stringify(doc)}\n`) });
    await expect(dialog.getByTestId('import-preview')).toBeVisible();
    return dialog;
  };

  const payments = await importFile('PaymentMercadoPago.json', payment);
  await expect(payments.getByTestId('import-notes').locator('[data-kind="payment-without-booking"]')).toContainText('pref-later');
  await payments.getByRole('button', { name: 'Guardar el pago para cuando llegue su clase' }).click();
  await expect(payments.getByTestId('import-result')).toBeVisible();
  await payments.getByRole('button', { name: 'Cerrar' }).first().click();

  const classes = await importFile('VirtualClass.json', virtualClass);
  await classes.getByRole('button', { name: 'Importar 1 clase válida' }).click();
  await expect(classes.getByTestId('import-result')).toBeVisible();
  await classes.getByRole('button', { name: 'Cerrar' }).first().click();

  await page.getByRole('combobox').fill('Quinta');
  await expect(page.getByTestId('search-results').getByTestId('search-payment')).toContainText('Pagada');
});
