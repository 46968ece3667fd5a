import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { ndjson, virtualClassDoc } from './support/platform-export';
import { shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * A large export (20,000 classes, ~16 MB) through the whole path: the page
 * reads the file, main parses and checks it in slices and reports progress,
 * and the window keeps answering while it works.
 */
const ZONE = DEFAULT_TIME_ZONE;
const ROWS = 20_000;
test.use({ timezoneId: 'Asia/Tokyo', locale: 'es-AR' });
test.setTimeout(180_000);

let harness: HarnessProcess;
let dir: string;
let file: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-large-'));
  const monday = weekContaining(localDateOf(new Date(), ZONE), ZONE).start;
  const docs = Array.from({ length: ROWS }, (_, i) =>
    virtualClassDoc({
      oid: `6${i.toString(16).padStart(23, '0')}`,
      preferenceId: `large-${i}`,
      student: { name: `Alumno ${i}`, email: `alumno${i}@example.com` },
      // Five classes an evening, Monday to Saturday, from this week on.
      day: shiftDay(monday, Math.floor(i / 30) * 7 + (Math.floor(i / 5) % 6)),
      time: `${17 + (i % 5)}:00`.padStart(5, '0'),
      timeZone: ZONE,
    }),
  );
  file = join(dir, 'virtualclasses-large.json');
  await writeFile(file, ndjson(docs));
  harness = await startHarnessProcess({ dataDir: join(dir, 'data'), env: { TZ: 'Asia/Tokyo' } });
});

test.afterAll(async () => {
  await harness?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('20,000 rows: progress is shown, the window keeps answering, and every valid row is imported', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('week-label')).toContainText('Semana del');
  await page.getByRole('button', { name: 'Importar…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importar clases de la plataforma' });
  // Every figure the progress bar shows, and whether the page kept painting (animation frames) meanwhile.
  await page.evaluate(() => {
    // This runs in the page; the Node-side tsconfig has no DOM types, so name what is used.
    const page = globalThis as unknown as {
      requestAnimationFrame(callback: () => void): number;
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void };
      document: { body: unknown; querySelector(selector: string): { getAttribute(name: string): string | null } | null };
    };
    const { requestAnimationFrame, MutationObserver, document } = page;
    const seen: string[] = [];
    let frames = 0;
    const tick = () => {
      frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver(() => {
      const value = document.querySelector('[data-testid="import-progress"] [role="progressbar"]')?.getAttribute('aria-valuenow');
      if (value) seen.push(value);
    }).observe(document.body, { subtree: true, attributes: true, childList: true });
    Object.assign(globalThis, { progressSeen: seen, framesSeen: () => frames });
  });
  await dialog.getByTestId('import-file').setInputFiles(file);
  const framesAtStart = await page.evaluate(() => (globalThis as unknown as { framesSeen(): number }).framesSeen());

  await expect(dialog.getByTestId('import-count-new')).toHaveAttribute('data-count', String(ROWS), { timeout: 120_000 });
  await expect(dialog.getByTestId('import-count-invalid')).toHaveAttribute('data-count', '0');
  const seen = await page.evaluate(() => (globalThis as unknown as { progressSeen: string[] }).progressSeen);
  expect(seen.some((value) => Number(value) > 0)).toBe(true);
  expect(await page.evaluate(() => (globalThis as unknown as { framesSeen(): number }).framesSeen())).toBeGreaterThan(framesAtStart + 10);
  await dialog.getByTestId('import-commit').click();
  await expect(dialog.getByTestId('import-result')).toContainText(/20[.\s\u00a0]?000 creadas/, { timeout: 120_000 });
  await dialog.getByRole('button', { name: 'Cerrar' }).last().click();
  await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Alumno 0' })).toBeVisible();
});
