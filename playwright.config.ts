import { defineConfig } from '@playwright/test';

/** End-to-end tests drive the browser harness in Debian's Chromium; Playwright never downloads a browser here. */
export default defineConfig({
  testDir: 'tests/e2e',
  // A committed `.only` would shrink the run and still pass: refused always, not only when CI is set.
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
