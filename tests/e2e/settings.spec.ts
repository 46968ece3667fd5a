import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { bookingAt } from './support/seed';
import { seedWeek } from './support/week-seed';
import { shownWeek } from './support/shown-week';

test.use({ timezoneId: 'Asia/Tokyo', locale: 'es-AR' });

const week = weekContaining(localDateOf(new Date(), DEFAULT_TIME_ZONE), DEFAULT_TIME_ZONE);
const wednesday = week.days[2]!;
// 17:00 in Buenos Aires (UTC-3) is 21:00 in Madrid in November (UTC+1) — and 20:00 or 22:00 near DST changes, so the test reads the offset.
const lucia = bookingAt(wednesday, '17:00', DEFAULT_TIME_ZONE, { bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' } });

let harness: HarnessProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-settings-'));
  await seedWeek(dataDir, { bookings: [lucia] });
  harness = await startHarnessProcess({ dataDir, env: { TZ: 'Asia/Tokyo' } });
});

test.afterAll(async () => {
  await harness?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('an invalid time zone is refused in plain words and changes nothing; a valid one moves the week', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('time-zone')).toHaveText(DEFAULT_TIME_ZONE);
  await page.getByTestId('settings-open').click();
  const zone = page.getByTestId('time-zone-input');

  await zone.fill('Mars/Olympus_Mons');
  await zone.press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Mars/Olympus_Mons' })).toContainText('is not an IANA time zone');
  await expect(page.getByTestId('time-zone')).toHaveText(DEFAULT_TIME_ZONE);

  await zone.fill('Europe/Madrid');
  await zone.press('Enter');
  await expect(page.getByTestId('time-zone')).toHaveText('Europe/Madrid');
  const madrid = new Intl.DateTimeFormat('es', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(lucia.startTime));
  await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Lucía Fernández' })).toContainText(madrid);
});

test('both stale thresholds changed within the same moment are both kept (the second save does not undo the first)', async ({ page }) => {
  await page.goto(harness.url);
  await page.getByTestId('settings-open').click();
  await expect(page.getByTestId('stale-waiting-hours')).toHaveValue('48');
  await expect(page.getByTestId('stale-start-hours')).toHaveValue('24');
  // Both changes in one task: the second runs before main has answered the first (a quick keyboard user, a slow main).
  await page.evaluate(() => {
    const g = globalThis as unknown as {
      document: { querySelector(s: string): { value: string; dispatchEvent(e: unknown): boolean } };
      Event: new (type: string, init: { bubbles: boolean }) => unknown;
    };
    for (const [id, value] of [
      ['stale-waiting-hours', '24'],
      ['stale-start-hours', '48'],
    ] as const) {
      const select = g.document.querySelector(`[data-testid="${id}"]`);
      select.value = value;
      select.dispatchEvent(new g.Event('change', { bubbles: true }));
    }
  });
  await expect(page.getByTestId('stale-waiting-hours')).toHaveValue('24');
  await expect(page.getByTestId('stale-start-hours')).toHaveValue('48');

  // As saved by main, after a restart of the page.
  await page.reload();
  await page.getByTestId('settings-open').click();
  await expect(page.getByTestId('stale-waiting-hours')).toHaveValue('24');
  await expect(page.getByTestId('stale-start-hours')).toHaveValue('48');
});
