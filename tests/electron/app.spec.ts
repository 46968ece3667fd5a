import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary, skipReason } from './electron-binary';

const reason = skipReason();
test.skip(reason !== null, reason ?? '');

const root = join(import.meta.dirname, '../..');
let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'teacher-desk-electron-'));
  app = await electron.launch({
    executablePath: electronBinary()!,
    // Chromium's own sandbox refuses to start as root (CI containers).
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
    cwd: root,
    env: { ...process.env, TEACHER_DESK_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('the page has window.api and no Node: context isolation, sandbox, no nodeIntegration', async () => {
  // In the page, globalThis is window (the Node-side tsconfig has no DOM types).
  const seen = await page.evaluate(() => {
    const w = globalThis as unknown as Record<string, unknown>;
    return { api: typeof w.api, require: typeof w.require, process: typeof w.process, module: typeof w.module, buffer: typeof w.Buffer };
  });
  // contextBridge refuses to expose anything without context isolation, so window.api existing means it is on.
  expect(seen).toEqual({ api: 'object', require: 'undefined', process: 'undefined', module: 'undefined', buffer: 'undefined' });
  // The page cannot replace what preload exposed (contextBridge objects are frozen copies).
  expect(await page.evaluate(() => Object.isFrozen((globalThis as unknown as { api: object }).api))).toBe(true);
});

test('the page talks to main only through window.api, and main answers', async () => {
  const status = await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: Record<string, (request?: unknown) => Promise<unknown>> }).api;
    return api.getAppStatus!({});
  });
  expect(status).toMatchObject({ ok: true });
});

test('the window is the only one, on the app page, and cannot open another', async () => {
  const before = app.windows().length;
  await page.evaluate(() => (globalThis as unknown as { open(url: string, target: string): unknown }).open('https://example.com/', '_blank'));
  await page.waitForTimeout(500);
  expect(app.windows().length).toBe(before);
  expect(page.url()).toMatch(/^file:.*\/out\/renderer\/index\.html/);
});

test('the application menu has Import, Export, Sync now and Settings with accelerators', async () => {
  const items = await app.evaluate(({ Menu }) => {
    const out: { label: string; accelerator: string | null }[] = [];
    const walk = (menu: Electron.Menu | null | undefined) => {
      for (const item of menu?.items ?? []) {
        out.push({ label: item.label, accelerator: item.accelerator ?? null });
        walk(item.submenu);
      }
    };
    walk(Menu.getApplicationMenu());
    return out;
  });
  for (const accelerator of ['CmdOrCtrl+O', 'CmdOrCtrl+Shift+E', 'CmdOrCtrl+R', 'CmdOrCtrl+,']) {
    expect(items.map((item) => item.accelerator)).toContain(accelerator);
  }
});
