import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { fromZonedTime } from 'date-fns-tz';
import type { Booking } from '../../shared/booking';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { aBooking } from '../support/booking-fixture';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { seedWeek, shiftDay } from './support/week-seed';
import { shownWeek } from './support/shown-week';

/**
 * Issue 14: the class box's variant (what fits) is chosen in JS from the
 * layout's sizes, not by container queries. These checks measure every box
 * in the page and compare its size classes with the room it really has, at
 * three window sizes, after a week switch (other day widths) and after a
 * resize; and they check that the first week is asked for with the
 * settings, not after them.
 */
const ZONE = DEFAULT_TIME_ZONE;
const monday = weekContaining(localDateOf(new Date(), ZONE), ZONE).start;

function at(day: string, time: string, minutes: number, name: string): Booking {
  const start = fromZonedTime(`${day}T${time}:00`, ZONE);
  return aBooking({ startTime: start.toISOString(), endTime: new Date(start.getTime() + minutes * 60_000).toISOString(), bookedBy: { name, email: `${name.replace(/\W/g, '').toLowerCase()}@example.com` } });
}

/** Per week: one to four classes sharing an hour, of 30, 45, 60 and 90 minutes, so every size class shows up somewhere. */
function week(first: string, seed: number): Booking[] {
  const out: Booking[] = [];
  [1, 2, 3, 4].forEach((crowd, d) => {
    for (let i = 0; i < crowd; i++) out.push(at(shiftDay(first, d), '10:00', [30, 45, 60, 90][(i + seed) % 4]!, `Alumna ${seed}${d}${i} Pérez`));
  });
  out.push(at(shiftDay(first, 4), '12:00', 60, `Solo ${seed}`), at(shiftDay(first, 5), '12:00', 30, `Media ${seed}`));
  return out;
}

let harness: HarnessProcess;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-box-size-'));
  await seedWeek(dataDir, { bookings: [...week(monday, 0), ...week(shiftDay(monday, 7), 1)] });
  harness = await startHarnessProcess({ dataDir });
});

test.afterAll(async () => {
  await harness?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Boxes whose size classes disagree with their measured content box (the thresholds box-size.ts and the old container queries share). */
async function mismatches(page: Page): Promise<string[]> {
  return shownWeek(page).locator('.item').evaluateAll((items) =>
    items.flatMap((item) => {
      const el = item as unknown as { clientWidth: number; clientHeight: number; classList: { contains(c: string): boolean }; textContent: string | null; getBoundingClientRect(): { width: number; height: number } };
      const r = el.getBoundingClientRect();
      const w = r.width - 2;
      const h = r.height - 3;
      const rules: [string, number, number][] = [
        ['is-slim', w, 104],
        ['is-narrow', w, 84],
        ['is-tiny', w, 60],
        ['is-short', h, 58],
        ['is-half', h, 40],
      ];
      // Within half a pixel of a threshold either answer is right (sub-pixel layout).
      return rules.filter(([name, size, max]) => Math.abs(size - max) > 0.5 && el.classList.contains(name) !== size <= max).map(([name, size]) => `${el.textContent ?? ''}: ${name} at ${size.toFixed(1)}px`);
    }),
  );
}

for (const viewport of [
  { width: 1024, height: 640 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`${viewport.width}×${viewport.height}: every box's size classes match the room it has, this week, the next, and after a resize`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(harness.url);
    await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Solo 0' })).toBeVisible();
    const classes = await shownWeek(page).locator('.item').evaluateAll((items) => items.map((i) => (i as unknown as { className: string }).className).join(' '));
    expect(classes).toContain('is-narrow');
    expect(classes).toContain('is-half');
    expect(await mismatches(page)).toEqual([]);
    await page.getByRole('button', { name: 'Semana siguiente' }).click();
    await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Solo 1' })).toBeVisible();
    expect(await mismatches(page)).toEqual([]);
    await page.setViewportSize({ width: viewport.width - 150, height: viewport.height });
    await expect.poll(() => mismatches(page)).toEqual([]);
  });
}

test('at start this week is asked for together with the settings, once, not after them', async ({ page }) => {
  const order: string[] = [];
  const channel = (url: string) => decodeURIComponent(url).split('/ipc/')[1] ?? '';
  page.on('request', (r) => {
    if (r.url().includes('/ipc/')) order.push(`ask ${channel(r.url())} ${r.postData() ?? ''}`);
  });
  page.on('requestfinished', (r) => {
    if (r.url().includes('/ipc/')) order.push(`got ${channel(r.url())}`);
  });
  await page.goto(harness.url);
  await expect(shownWeek(page).getByTestId('booking').filter({ hasText: 'Solo 0' })).toBeVisible();
  const askWeek = order.findIndex((e) => e.startsWith('ask bookings:list-week'));
  expect(order[askWeek]).toBe('ask bookings:list-week {}');
  expect(askWeek).toBeLessThan(order.indexOf('got settings:get'));
  // This week is not asked for a second time by its day.
  expect(order.filter((e) => e.startsWith('ask bookings:list-week') && e.includes(monday))).toEqual([]);
});
