import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fromZonedTime } from 'date-fns-tz';
import type { Booking } from '../../shared/booking';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startGoogleDesk, type GoogleDesk } from './support/google-desk';
import { seriousAxeViolations, textProblems, unreadableBoxes } from './support/layout-audit';
import { bookingAt } from './support/seed';
import { busyAt, seedWeek, shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * The week read at a glance (issue 13), measured rather than looked at: at
 * three window sizes, in Spanish and English, light and dark, no text
 * overflows, is cut or is drawn over other text; the week's title shows its
 * year; two classes in the same hour keep their time and student readable
 * at 1280×800; axe-core finds nothing serious. Screenshots go to
 * tests/screenshots/ for a person to look at too.
 */
const ZONE = DEFAULT_TIME_ZONE;
const SCREENSHOTS = resolve(import.meta.dirname, '../screenshots');
const SIZES = [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

test.use({ timezoneId: 'Asia/Tokyo', locale: 'es-AR' });

const week = weekContaining(localDateOf(new Date(), ZONE), ZONE);
const [monday, tuesday, wednesday, thursday, friday] = week.days as [string, string, string, string, string];
/** Wednesday morning: the evening's classes must still be in view when the week opens. */
const PAGE_NOW = fromZonedTime(`${wednesday}T10:25:00`, ZONE);
const yearOf = (day: string) => day.slice(0, 4);

const meet = (n: number) => ({
  googleEventId: `td00000000${String(n).padStart(2, '0')}`,
  meetLink: `https://meet.google.com/abc-defg-h${n}j`,
  calendarLink: null,
});
const paid = { state: 'paid', amount: 15000, at: new Date(PAGE_NOW.getTime() - 50 * 3_600_000).toISOString(), source: 'platform' } as const;
/** Waiting for three days by the page's clock: stale (shared/business/stale.ts waits 48 h). */
const waiting = { state: 'waiting', amount: 15000, at: new Date(PAGE_NOW.getTime() - 72 * 3_600_000).toISOString(), source: 'platform' } as const;

const person = (name: string) => ({ bookedBy: { name, email: `${name.split(' ')[0]!.normalize('NFD').replace(/[^a-z]/gi, '').toLowerCase()}@example.com` } });
const bookings: Booking[] = [
  // Two classes in the same hour, with long names: both must stay readable at 1280×800.
  bookingAt(wednesday, '17:00', ZONE, { ...person('Ana Sofía Quiroga'), payment: paid }),
  bookingAt(wednesday, '17:00', ZONE, { ...person('Tomás Rodríguez'), status: 'scheduled', ...meet(1), payment: paid }),
  bookingAt(wednesday, '19:00', ZONE, { ...person('Lucía Fernández'), payment: waiting }),
  bookingAt(monday, '09:00', ZONE, { ...person('Inés Martínez'), status: 'completed', ...meet(2), payment: paid }),
  bookingAt(monday, '20:00', ZONE, { ...person('Martín Gómez'), status: 'scheduled', ...meet(3) }),
  bookingAt(tuesday, '18:00', ZONE, { ...person('Bruno Pérez'), status: 'cancelled', payment: { ...paid, state: 'rejected' } }),
  bookingAt(thursday, '18:00', ZONE, {
    ...person('Camila Sosa'),
    status: 'scheduled',
    classType: 'grupal',
    maxParticipants: 4,
    currentParticipants: 3,
    participants: [{ name: 'Diego López' }, { name: 'Elena Pérez' }],
    ...meet(4),
    payment: paid,
  }),
  bookingAt(thursday, '18:30', ZONE, { ...person('Valentina Ruiz') }),
  // A half-hour class made by hand (the platform's are an hour).
  bookingAt(tuesday, '19:30', ZONE, { ...person('Pablo Corto'), source: 'manual', preferenceId: null, endTime: fromZonedTime(`${tuesday}T20:00:00`, ZONE).toISOString() }),
  bookingAt(friday, '17:00', ZONE, { ...person('Joaquín Álvarez'), status: 'scheduled', ...meet(5), payment: paid }),
  bookingAt(friday, '17:00', ZONE, { ...person('María José Benítez'), payment: waiting }),
  // Next week: one early class widens its hours; a new class is created there late in the evening.
  bookingAt(shiftDay(monday, 7), '06:30', ZONE, { ...person('Gabriela Temprano') }),
  // Three weeks on, found by search; that week starts at 05:00 (an early class), so its hours differ from this week's.
  bookingAt(shiftDay(monday, 23), '21:00', ZONE, { ...person('Rocío Lejana'), status: 'scheduled', ...meet(6) }),
  bookingAt(shiftDay(monday, 22), '05:00', ZONE, { ...person('Olga Madrugada') }),
];

let desk: GoogleDesk;
const ACCOUNT = 'teacher@example.com';

// Google is set up (the fake Google), so the app looks as a teacher's does, not like its first run.
test.beforeAll(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  desk = await startGoogleDesk({
    name: 'glance',
    email: ACCOUNT,
    seed: (dir) => seedWeek(dir, { bookings, busyBlocks: [busyAt(tuesday, '15:00', '16:30', ZONE, 'dentist')] }),
    env: () => ({ TZ: 'Asia/Tokyo' }),
  });
});

test.afterAll(async () => {
  await desk?.close();
});

const classBox = (page: Page, name: string): Locator => shownWeek(page).getByTestId('booking').filter({ hasText: name });

async function setLocale(page: Page, locale: 'es' | 'en'): Promise<void> {
  await page.evaluate(async (l) => {
    const api = (globalThis as unknown as { api: { updateSettings(p: object): Promise<{ ok: boolean }> } }).api;
    const reply = await api.updateSettings({ locale: l });
    if (!reply.ok) throw new Error('locale not saved');
  }, locale);
}

async function openWeek(page: Page): Promise<void> {
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(desk.harness.url);
  await expect(classBox(page, 'Ana Sofía Quiroga')).toBeVisible();
}

/** The class box lies inside the part of the week's scroller that is in view (under its sticky head). */
async function inView(page: Page, box: Locator): Promise<boolean> {
  return box.evaluate((el) => {
    const scroller = el.closest('.week-scroll')!;
    const view = scroller.getBoundingClientRect();
    const head = scroller.querySelector('.week-pane.is-shown .week-head')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return r.top >= head.bottom - 1 && r.bottom <= view.bottom + 1 && r.height > 0;
  });
}

for (const locale of ['es', 'en'] as const) {
  test(`${locale}: every size and theme reads at a glance — nothing cut or overlapping, the year in the title, axe clean`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(SIZES[1]);
    await page.clock.setFixedTime(PAGE_NOW);
    await page.goto(desk.harness.url);
    await setLocale(page, locale);
    try {
      for (const size of SIZES) {
        await page.setViewportSize(size);
        for (const theme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: theme });
          await openWeek(page);
          const where = `${locale} ${size.width}×${size.height} ${theme}`;
          // The week's classes are in view on a Wednesday morning: the evening's too, not only "now".
          await expect.poll(() => inView(page, classBox(page, 'Ana Sofía Quiroga')), where).toBe(true);
          await classBox(page, 'Tomás Rodríguez').click();
          await page.mouse.move(0, size.height - 1);
          await page.screenshot({ path: join(SCREENSHOTS, `glance-${locale}-${size.width}x${size.height}-${theme}.png`), animations: 'disabled' });

          const title = page.getByTestId('week-label');
          await expect(title, where).toContainText(yearOf(wednesday));
          const titleFits = await title.evaluate((el) => {
            const r = el.getBoundingClientRect();
            return el.scrollWidth <= el.clientWidth + 1 && r.left >= 0 && r.right <= (globalThis as unknown as { innerWidth: number }).innerWidth;
          });
          expect(titleFits, `${where}: the week's title is cut`).toBe(true);
          expect(await textProblems(page), where).toEqual([]);
          if (size.width === 1280) expect(await unreadableBoxes(page), where).toEqual([]);
          expect(await seriousAxeViolations(page), where).toEqual([]);
        }
      }
    } finally {
      await setLocale(page, 'es');
    }
  });
}

test('a class box says status, paid or not, group size, Meet ready and stale unpaid, in words for screen readers', async ({ page }) => {
  await page.setViewportSize(SIZES[1]);
  await openWeek(page);
  await expect(classBox(page, 'Camila Sosa')).toHaveAccessibleName(/^Camila Sosa, 18:00–19:00, Programada, jueves.*Pagada.*Grupal, 3 de 4.*Enlace de Meet listo/);
  await expect(classBox(page, 'Camila Sosa').locator('.booking-marks')).toHaveAttribute('data-group', '3/4');
  await expect(classBox(page, 'Camila Sosa')).toContainText('Programada');
  // Lucía's payment has waited three days: flagged stale (shared/business/stale.ts).
  await expect(classBox(page, 'Lucía Fernández')).toHaveAccessibleName(/Pendiente.*Pago en espera, Pago en espera hace demasiado/);
  await expect(classBox(page, 'Lucía Fernández')).toHaveClass(/is-stale/);
  await expect(classBox(page, 'Martín Gómez')).not.toHaveAccessibleName(/Pagada|Pago/);
  await expect(classBox(page, 'Bruno Pérez')).toHaveAccessibleName(/Cancelada.*Pago rechazado/);
  // The day headings' counts of classes to confirm are said in words by their day.
  await expect(shownWeek(page).locator(`[data-day="${wednesday}"]`)).toHaveAttribute('aria-label', /2 por confirmar/);
  // Same-time classes: left to right is the order ↑ ↓ walk (time, then name).
  const fridayBoxes = shownWeek(page).locator(`[data-day="${friday}"]`).getByTestId('booking');
  await expect(fridayBoxes.nth(0)).toContainText('Joaquín Álvarez');
  await expect(fridayBoxes.nth(0)).toHaveAttribute('data-column', '0');
  await expect(fridayBoxes.nth(1)).toHaveAttribute('data-column', '1');
  await classBox(page, 'Joaquín Álvarez').click();
  await page.keyboard.press('ArrowDown');
  await expect(classBox(page, 'María José Benítez')).toBeFocused();
});

test('the details panel: a confirmed class is on the calendar even without the event\'s link, and its Meet link is shown whole', async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await openWeek(page);
  await classBox(page, 'Tomás Rodríguez').click();
  const panel = page.getByTestId('details');
  await expect(panel.getByTestId('field-calendar')).toHaveText('En el calendario (evento creado).');
  const link = panel.getByTestId('field-meet').locator('.link-text');
  await expect(link).toHaveText('meet.google.com/abc-defg-h1j');
  expect(await link.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await classBox(page, 'Ana Sofía Quiroga').click();
  await expect(panel.getByTestId('field-calendar')).toHaveText('Todavía no está en el calendario.');
});

test('the zone by its name in the teacher\'s language', async ({ page }) => {
  await openWeek(page);
  await expect(page.getByTestId('zone-name')).toHaveText(/hora .*Argentina/);
  await expect(page.getByTestId('time-zone')).toHaveText(ZONE);
  await setLocale(page, 'en');
  await page.reload();
  try {
    await expect(page.getByTestId('zone-name')).toHaveText(/Argentina .*Time/);
  } finally {
    await setLocale(page, 'es');
  }
});

test('after a language switch the live region speaks the new language', async ({ page }) => {
  await openWeek(page);
  await page.getByTestId('week-next').click();
  await expect(page.getByTestId('announcer')).toContainText('Semana del');
  await page.getByRole('button', { name: 'Preferencias' }).click();
  await page.getByLabel('Idioma').selectOption('en');
  try {
    await expect(page.getByTestId('announcer')).toContainText('Week of');
  } finally {
    await setLocale(page, 'es');
  }
});

test('a class created in another week is scrolled into view once that week has loaded', async ({ page }) => {
  await page.setViewportSize(SIZES[1]);
  await openWeek(page);
  // The next week's reply comes late, so that a scroll computed before it arrives would be visibly wrong.
  await page.route('**/ipc/bookings*list-week', async (route) => {
    await new Promise((done) => setTimeout(done, 300));
    await route.continue();
  });
  await page.getByRole('button', { name: 'Nueva clase' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nueva clase' });
  await dialog.getByLabel('Nombre y apellido').fill('Nora Tarde');
  await dialog.getByLabel('E-mail').fill('nora@example.com');
  await dialog.getByLabel('Fecha').fill(shiftDay(wednesday, 7));
  await dialog.getByLabel('Hora de inicio').selectOption('21:30');
  await dialog.getByRole('button', { name: 'Crear clase pendiente' }).click();
  await expect(dialog).toBeHidden();
  const created = classBox(page, 'Nora Tarde');
  await expect(created).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => inView(page, created)).toBe(true);
  await page.unroute('**/ipc/bookings*list-week');
});

test('a class found by search in another week is scrolled into view', async ({ page }) => {
  await page.setViewportSize(SIZES[0]);
  await openWeek(page);
  const search = page.getByRole('combobox', { name: 'Buscar clases' });
  await search.fill('rocío lejana');
  await page.getByRole('listbox', { name: 'Clases encontradas' }).getByRole('option').first().click();
  const found = classBox(page, 'Rocío Lejana');
  await expect(found).toHaveAttribute('aria-current', 'true');
  await expect.poll(() => inView(page, found)).toBe(true);
});

// Chromium's offline emulation would cut the harness's loopback too (the page could not even load), so the
// system's signal (navigator.onLine and its events) is set from before the first script instead.
test('offline from the first second: the header says so and "Sync now" says why it cannot', async ({ page }) => {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __online: boolean; navigator: object };
    w.__online = false;
    Object.defineProperty(w.navigator, 'onLine', { get: () => w.__online, configurable: true });
  });
  await page.clock.setFixedTime(PAGE_NOW);
  await page.goto(desk.harness.url);
  const started = Date.now();
  const status = page.getByTestId('sync-status');
  await expect(status).toHaveAttribute('data-state', 'offline', { timeout: 1000 });
  await expect(status).toHaveText('Sin conexión', { timeout: 1000 });
  expect(Date.now() - started).toBeLessThan(1000);
  await expect(page.getByTestId('offline-banner')).toBeVisible();
  await expect(page.locator('.app-header')).toHaveAttribute('data-offline', 'true');
  await expect(page.getByTestId('sync-now')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('sync-now')).toHaveAccessibleDescription('Sincronizar necesita conexión.');
  await page.screenshot({ path: join(SCREENSHOTS, 'glance-offline-header.png'), clip: { x: 0, y: 0, width: 1280, height: 160 } });
  // In the panel, the offline note sits by the actions that wait for Google (the outbox), not under Copy and Open Meet.
  await classBox(page, 'Tomás Rodríguez').click();
  const panel = page.getByTestId('details');
  await expect(panel.getByTestId('action-copy')).not.toHaveAttribute('aria-disabled', 'true');
  await expect(panel.locator('.details-actions .action-reason')).toHaveCount(0);
  await expect(panel.locator('.details-more .action-reason')).toContainText('queda guardado y se envía solo');
  await expect(panel.getByTestId('action-reschedule')).not.toHaveAttribute('aria-disabled', 'true');
  // Back online: the header follows at once.
  await page.evaluate(() => {
    const w = globalThis as unknown as { __online: boolean; dispatchEvent(e: unknown): void; Event: new (type: string) => unknown };
    w.__online = true;
    w.dispatchEvent(new w.Event('online'));
  });
  await expect(page.getByTestId('sync-status')).not.toHaveAttribute('data-state', 'offline');
  await expect(page.getByTestId('sync-now')).not.toHaveAttribute('aria-disabled', 'true');
});

test('Europe/Madrid: the day the clocks change is marked with its new offset, last Sunday of March and of October', async ({ page }) => {
  await page.goto(desk.harness.url);
  await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: { updateSettings(p: object): Promise<{ ok: boolean }> } }).api;
    await api.updateSettings({ timeZone: 'Europe/Madrid' });
  });
  try {
    const cases = [
      { now: '2027-03-24T12:00:00Z', sunday: '2027-03-28', before: 'GMT+1', after: 'GMT+2' },
      { now: '2027-10-27T12:00:00Z', sunday: '2027-10-31', before: 'GMT+2', after: 'GMT+1' },
    ];
    for (const c of cases) {
      await page.clock.setFixedTime(new Date(c.now));
      await page.goto(desk.harness.url);
      await expect(page.getByTestId('time-zone')).toHaveText('Europe/Madrid');
      const marks = shownWeek(page).getByTestId('zone-change');
      await expect(marks).toHaveCount(1);
      await expect(shownWeek(page).locator(`[data-day-head="${c.sunday}"]`).getByTestId('zone-change')).toHaveText(c.after);
      await expect(shownWeek(page).getByTestId('zone-offset')).toHaveText(c.before);
      await page.screenshot({ path: join(SCREENSHOTS, `glance-dst-${c.sunday}.png`), clip: { x: 0, y: 0, width: 1280, height: 260 } });
      await expect(shownWeek(page).locator(`[data-day="${c.sunday}"]`)).toHaveAttribute('aria-label', new RegExp(`Cambio de hora: ${c.before.replace('+', '\\+')} → ${c.after.replace('+', '\\+')}`));
      // The week before has none.
      const label = await page.getByTestId('week-label').textContent();
      await page.getByTestId('week-previous').click();
      await expect(page.getByTestId('week-label')).not.toHaveText(label!);
      await expect(marks).toHaveCount(0);
    }
  } finally {
    await page.evaluate(async (zone) => {
      const api = (globalThis as unknown as { api: { updateSettings(p: object): Promise<{ ok: boolean }> } }).api;
      await api.updateSettings({ timeZone: zone });
    }, ZONE);
  }
});
