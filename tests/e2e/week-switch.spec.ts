import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { ndjson, virtualClassDoc } from './support/platform-export';
import { bookingAt } from './support/seed';
import { seedWeek, shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * The neighbouring weeks are fetched ahead, so switching needs no round trip
 * to main; and a change main makes while a neighbour sits prefetched (here
 * an import through the app) is what the teacher sees on arriving there,
 * from the very first frame of that week, never the copy fetched before;
 * and a neighbour is drawn ahead, so showing it creates no element.
 */
const ZONE = DEFAULT_TIME_ZONE;

test.use({ locale: 'es-AR', viewport: { width: 1280, height: 800 } });

const monday = weekContaining(localDateOf(new Date(), ZONE), ZONE).start;
const nextMonday = shiftDay(monday, 7);
const lucia = bookingAt(shiftDay(monday, 2), '17:00', ZONE, { bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' } });
const joaquin = bookingAt(shiftDay(nextMonday, 1), '18:00', ZONE, { bookedBy: { name: 'Joaquín Next', email: 'joaquin@example.com' } });
/** Two weeks later and the one after: three classes each on Tuesday, all different, for the reuse check. */
const later = shiftDay(monday, 14);
const laterClasses = [0, 7].flatMap((offset) => ['09:00', '11:00', '15:00'].map((time, i) => bookingAt(shiftDay(later, offset + 1), time, ZONE, { bookedBy: { name: `Student ${offset}-${i}`, email: `s${offset}${i}@example.com` } })));
/** The platform's export, imported while next week is already prefetched: one new class in it. */
const exportFile = ndjson([
  virtualClassDoc({ oid: 'a5f1c0de00000000000000e1', preferenceId: '162275027-ws01', student: { name: 'Julieta Navarro', email: 'julieta@example.com' }, day: shiftDay(nextMonday, 3), time: '17:00', timeZone: ZONE }),
]);

let harness: HarnessProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-week-switch-'));
  await seedWeek(join(dataDir, 'app'), { bookings: [lucia, joaquin, ...laterClasses] });
  await writeFile(join(dataDir, 'virtualclasses.json'), exportFile, 'utf8');
  harness = await startHarnessProcess({ dataDir: join(dataDir, 'app') });
});

test.afterAll(async () => {
  await harness?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Which pane is on top at the middle of an element: what the teacher sees, and what a click there hits. */
function topmostPane(el: unknown): string | null {
  const g = globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { closest(s: string): { classList: { contains(c: string): boolean } } | null } | null } };
  const r = (el as { getBoundingClientRect(): { left: number; top: number; width: number; height: number } }).getBoundingClientRect();
  const pane = g.document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)?.closest('.week-pane');
  return pane ? (pane.classList.contains('is-shown') ? 'shown' : 'ahead') : null;
}

const isWeekRequest = (url: string) => decodeURIComponent(url).includes('/ipc/bookings:list-week');

/** The weeks main was asked for (listWeek, by a day of each), in order, and how many of those requests are unanswered. */
function weekRequests(page: Page): { days: string[]; open(): number } {
  const days: string[] = [];
  let open = 0;
  page.on('request', (request) => {
    if (!isWeekRequest(request.url())) return;
    open++;
    // No day: this week, asked for at start with the settings (main knows the zone).
    days.push((JSON.parse(request.postData() ?? '{}') as { day?: string }).day ?? monday);
  });
  page.on('requestfinished', (request) => {
    if (isWeekRequest(request.url())) open--;
  });
  return { days, open: () => open };
}

interface Arrival {
  names: string[];
}

/**
 * Records the classes in the grid at the very commit that first shows the
 * week starting `day` (a MutationObserver runs before that frame is painted).
 */
async function recordArrival(page: Page, day: string): Promise<void> {
  await page.evaluate((first) => {
    const g = globalThis as unknown as {
      document: { querySelector(s: string): { getAttribute(a: string): string | null } | null; querySelectorAll(s: string): ArrayLike<{ getAttribute(a: string): string | null }>; body: unknown };
      MutationObserver: new (cb: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
      __arrival?: Arrival;
    };
    const observer = new g.MutationObserver(() => {
      if (g.document.querySelector('.week-pane.is-shown [data-day]')?.getAttribute('data-day') !== first) return;
      observer.disconnect();
      g.__arrival = { names: Array.from(g.document.querySelectorAll('.week-pane.is-shown [data-testid="booking"]'), (b) => b.getAttribute('aria-label') ?? '') };
    });
    delete g.__arrival;
    observer.observe(g.document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  }, day);
}

async function arrival(page: Page): Promise<Arrival> {
  await page.waitForFunction(() => (globalThis as unknown as { __arrival?: Arrival }).__arrival !== undefined);
  return page.evaluate(() => (globalThis as unknown as { __arrival: Arrival }).__arrival);
}

test('a class imported while next week is prefetched is in that week from its first frame; going back needs no request', async ({ page }) => {
  const asked = weekRequests(page);
  const nextWeekPrefetched = page.waitForResponse((r) => decodeURIComponent(r.url()).includes('/ipc/bookings:list-week') && r.request().postData()?.includes(nextMonday) === true);
  await page.goto(harness.url);
  await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Lucía Fernández' })).toBeVisible();
  await nextWeekPrefetched;

  // The import, through the app, while next week's copy (without Julieta) sits ready.
  await page.getByRole('button', { name: 'Importar…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importar clases de la plataforma' });
  await dialog.getByLabel('Archivo para importar').setInputFiles(join(dataDir, 'virtualclasses.json'));
  await expect(dialog.getByTestId('import-count-new')).toHaveAttribute('data-count', '1');
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-result')).toContainText('1 creada,');
  await dialog.getByRole('button', { name: 'Cerrar' }).last().click();
  await expect(dialog).toBeHidden();

  await recordArrival(page, nextMonday);
  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  const seen = await arrival(page);
  expect(seen.names.some((n) => n.startsWith('Julieta Navarro'))).toBe(true);
  expect(seen.names.some((n) => n.startsWith('Joaquín Next'))).toBe(true);
  await expect(page.getByTestId('announcer')).toContainText('Semana del');

  // This week was fetched again as next week's neighbour: back to it with the keyboard, with no request after the key.
  await expect.poll(() => asked.days.filter((d) => d === monday).length).toBeGreaterThanOrEqual(2);
  await expect.poll(() => asked.open()).toBe(0);
  const before = asked.days.length;
  await recordArrival(page, monday);
  await page.locator('body').press('ArrowLeft');
  expect((await arrival(page)).names.some((n) => n.startsWith('Lucía Fernández'))).toBe(true);
  expect(asked.days.slice(before).filter((d) => d === monday)).toEqual([]);
});

test('the next week is drawn ahead: switching shows the very boxes drawn for it, creating none', async ({ page }) => {
  await page.goto(harness.url);
  await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Lucía' })).toBeVisible();
  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  const tuesday = shownWeek(page).locator(`[data-day="${shiftDay(later, 1)}"]`).getByTestId('booking');
  await expect(tuesday).toHaveCount(3);

  // The week after is drawn ahead, under the week shown: not seen, not hit by the pointer, out of the tab order, hidden from assistive technology.
  const aheadPane = page.locator(`.week-pane.is-ahead[data-week="${shiftDay(later, 7)}"]`);
  await expect(aheadPane).toHaveCount(1);
  await expect(aheadPane).toHaveAttribute('aria-hidden', 'true');
  const drawnAhead = aheadPane.locator(`[data-day="${shiftDay(later, 8)}"]`).getByTestId('booking');
  await expect(drawnAhead).toHaveCount(3);
  for (const box of await drawnAhead.all()) {
    await expect(box).toBeDisabled();
    expect(await box.evaluate((b) => (b as unknown as { checkVisibility(): boolean }).checkVisibility())).toBe(true);
    await box.evaluate((b) => (b as unknown as { scrollIntoView(o: object): void }).scrollIntoView({ block: 'center' }));
    expect(await box.evaluate(topmostPane)).toBe('shown');
  }
  await drawnAhead.evaluateAll((buttons) => buttons.forEach((b) => ((b as unknown as { drawnAhead: boolean }).drawnAhead = true)));
  await page.evaluate(() => {
    const g = globalThis as unknown as { __created: number; document: { body: unknown }; MutationObserver: new (cb: (records: { addedNodes: ArrayLike<{ querySelectorAll?(s: string): ArrayLike<unknown>; matches?(s: string): boolean }> }[]) => void) => { observe(t: unknown, o: object): void } };
    g.__created = 0;
    new g.MutationObserver((records) => {
      for (const record of Array.from(records))
        for (const node of Array.from(record.addedNodes)) g.__created += (node.matches?.('[data-testid="booking"]') ? 1 : 0) + (node.querySelectorAll?.('[data-testid="booking"]').length ?? 0);
    }).observe(g.document.body, { subtree: true, childList: true });
  });

  await page.getByRole('button', { name: 'Semana siguiente' }).click();
  const nextTuesday = shownWeek(page).locator(`[data-day="${shiftDay(later, 8)}"]`).getByTestId('booking');
  await expect(nextTuesday.filter({ hasText: 'Student 7-0' })).toBeVisible();
  await expect(nextTuesday).toContainText(['Student 7-0', 'Student 7-1', 'Student 7-2']);
  expect(await nextTuesday.evaluateAll((buttons) => buttons.map((b) => (b as unknown as { drawnAhead?: boolean }).drawnAhead === true))).toEqual([true, true, true]);
  expect(await page.evaluate(() => (globalThis as unknown as { __created: number }).__created)).toBe(0);
  await expect(page.getByTestId('announcer')).toContainText('Semana del');

  // Focus is never left on a hidden box: after ← it is on the page, or on the same class.
  const focused = nextTuesday.filter({ hasText: 'Student 7-1' });
  await focused.click();
  await expect(focused).toBeFocused();
  const focusedId = await focused.getAttribute('data-booking-id');
  await page.keyboard.press('ArrowLeft');
  await expect(tuesday.filter({ hasText: 'Student 0-0' })).toBeVisible();
  const stillFocused = await page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: { getAttribute(a: string): string | null; checkVisibility(): boolean } | null } }).document.activeElement;
    return active?.getAttribute('data-testid') === 'booking' ? { id: active.getAttribute('data-booking-id'), visible: active.checkVisibility() } : null;
  });
  expect(stillFocused === null || (stillFocused.visible && stillFocused.id === focusedId)).toBe(true);
  await expect(page.getByTestId('announcer')).toContainText('Semana del');
});

test('Tab goes through the week shown and never into a week drawn ahead under it', async ({ page }) => {
  await page.goto(harness.url);
  const lucia = shownWeek(page).getByTestId('booking').filter({ hasText: 'Lucía' });
  await expect(lucia).toBeVisible();
  // Both neighbours drawn ahead; next week's class is under this week's grid, not reachable.
  await expect(page.locator('.week-pane.is-ahead')).toHaveCount(2);
  await expect(page.locator('.week-pane.is-ahead').getByTestId('booking').filter({ hasText: 'Joaquín' })).toBeDisabled();
  await lucia.focus();
  const places: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    places.push(
      await page.evaluate(() => {
        const active = (globalThis as unknown as { document: { activeElement: { closest(s: string): unknown; getAttribute(a: string): string | null } | null } }).document.activeElement;
        if (!active) return 'none';
        return active.closest('.week-pane.is-ahead') ? `ahead: ${active.getAttribute('aria-label') ?? ''}` : 'elsewhere';
      }),
    );
  }
  expect(places.filter((p) => p.startsWith('ahead'))).toEqual([]);
  // Shift+Tab back into the grid lands on the shown week's class.
  await lucia.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(lucia).toBeFocused();
});
