import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppPage, navigationDecision, permissionDecision, windowOpenDecision } from '../../main/desktop/navigation';
import { mainWindowOptions } from '../../main/desktop/window-options';

const root = join(import.meta.dirname, '../..');
const source = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the main window (Electron security checklist)', () => {
  const { webPreferences } = mainWindowOptions({ preload: '/app/out/preload/index.cjs' });

  it('isolates the page: context isolation and the sandbox on, no Node anywhere in the page', () => {
    expect(webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps web security on and everything risky off', () => {
    expect(webPreferences).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      preload: '/app/out/preload/index.cjs',
    });
    // Nothing that re-opens a door: no enableBlinkFeatures, no additionalArguments, no custom session.
    expect(Object.keys(webPreferences).sort()).toEqual(
      ['allowRunningInsecureContent', 'contextIsolation', 'experimentalFeatures', 'navigateOnDragDrop', 'nodeIntegration', 'nodeIntegrationInSubFrames', 'nodeIntegrationInWorker', 'preload', 'sandbox', 'spellcheck', 'webSecurity', 'webviewTag'].sort(),
    );
  });

  it('is built from these options in main/electron/window.ts, with the checklist flags restated at the call', () => {
    const window = source('main/electron/window.ts');
    expect(window).toMatch(/mainWindowOptions\(/);
    expect(window).toMatch(/new BrowserWindow\(\{\s*\.\.\.options,\s*webPreferences: \{ \.\.\.options\.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false \}/);
    expect(window).toMatch(/setWindowOpenHandler\(/);
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview']) expect(window).toContain(`'${event}'`);
    expect(window).toMatch(/setPermissionRequestHandler\(/);
    expect(window).toMatch(/setPermissionCheckHandler\(/);
    // The renderer sandbox for every renderer, and IPC through the sender check.
    const main = source('main/electron/main.ts');
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
    expect(main).toMatch(/registerIpc\(ipcMain,/);
    // shell.openExternal only behind the allow-list.
    expect(source('main/electron/platform.ts')).toMatch(/guardPlatform\(/);
  });
});

describe('navigation and new windows', () => {
  const page = 'file:///opt/Teacher%20Desk/resources/app.asar/out/renderer/index.html';

  it("allows only the app's own page", () => {
    expect(navigationDecision(page, page)).toBe('allow');
    expect(navigationDecision(`${page}#/week/2026-11-24`, page)).toBe('allow');
    expect(isAppPage(page, page)).toBe(true);
  });

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a Meet link (opened by main in the browser, never in the window)', 'https://meet.google.com/abc-defg-hij'],
    ['another local file', 'file:///etc/passwd'],
    ['a sibling file', 'file:///opt/Teacher%20Desk/resources/app.asar/out/renderer/other.html'],
    ['the page with a query', `${page}?inject=1`],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hi'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
  ])('blocks navigating to %s', (_name, url) => {
    expect(navigationDecision(url, page)).toBe('block');
  });

  it('denies every new window and every permission', () => {
    for (const url of ['https://meet.google.com/abc-defg-hij', 'about:blank', page]) expect(windowOpenDecision(url)).toEqual({ action: 'deny' });
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'fullscreen']) expect(permissionDecision(permission)).toBe(false);
  });
});
