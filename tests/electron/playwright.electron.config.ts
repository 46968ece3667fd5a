import { defineConfig } from '@playwright/test';

/**
 * The Electron tests: Playwright's _electron drives the real app. They run
 * where an Electron binary exists (and a display, on Linux) and say clearly
 * that they skipped elsewhere. Run: npm run test:electron
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  // A committed `.only` would shrink the run and still pass: refused always, not only when CI is set.
  forbidOnly: true,
  globalSetup: './global-setup.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: '../../test-results/electron',
});
