import { expect, test } from '@playwright/test';
import { DEFAULT_TIME_ZONE } from '../../shared/time-zone';
import { localDateOf, weekContaining } from '../../shared/week';
import { startHarnessProcess, type HarnessProcess } from './support/harness-process';
import { bookingAt, seedBookings } from './support/seed';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shownWeek } from './support/shown-week';

// The harness process and the browser both run in Tokyo; the teacher's zone is Buenos Aires.
const OTHER_ZONE = 'Asia/Tokyo';
test.use({ timezoneId: OTHER_ZONE, locale: 'es-AR' });

let harness: HarnessProcess;
const week = weekContaining(localDateOf(new Date(), DEFAULT_TIME_ZONE), DEFAULT_TIME_ZONE);
const wednesday = week.days[2]!;
const first = bookingAt(wednesday, '17:00', DEFAULT_TIME_ZONE, { bookedBy: { name: 'Lucía Fernández', email: 'lucia@example.com' } });
const second = bookingAt(wednesday, '20:00', DEFAULT_TIME_ZONE, { bookedBy: { name: 'Martín Gómez', email: 'martin@example.com' }, status: 'scheduled', googleEventId: 'td0000000001', meetLink: 'https://meet.google.com/abc-defg-hij', calendarLink: 'https://www.google.com/calendar/event?eid=abc', accessCode: 'K7QW2XNP' });

test.beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-e2e-'));
  await seedBookings(dataDir, [first, second]);
  harness = await startHarnessProcess({ dataDir, env: { TZ: OTHER_ZONE } });
});

test.afterAll(async () => {
  await harness?.stop();
});

test('bookings from the data directory show at their Buenos Aires times while browser and process run in Tokyo', async ({ page }) => {
  await page.goto(harness.url);
  await expect(page.getByTestId('time-zone')).toHaveText(DEFAULT_TIME_ZONE);
  const day = shownWeek(page).locator(`[data-day="${wednesday}"]`);
  const rows = day.getByTestId('booking');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('17:00–18:00');
  await expect(rows.nth(0)).toContainText('Lucía Fernández');
  await expect(rows.nth(0)).toContainText('Pendiente');
  await expect(rows.nth(1)).toContainText('20:00–21:00');
  await expect(rows.nth(1)).toContainText('Martín Gómez');
  // In Tokyo, 20:00 in Buenos Aires is 08:00 the next morning: make sure nothing was placed by the machine's zone.
  await expect(shownWeek(page).locator(`[data-day="${week.days[3]}"]`).getByTestId('booking')).toHaveCount(0);
});
