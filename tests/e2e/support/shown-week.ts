import type { Locator, Page } from '@playwright/test';

/**
 * The week on screen. The grid also holds the weeks either side of it, drawn
 * ahead in hidden panes (renderer/src/week/panes.ts), so what a test reads
 * of "the week" it reads here.
 */
export const shownWeek = (page: Page): Locator => page.locator('.week-pane.is-shown');
