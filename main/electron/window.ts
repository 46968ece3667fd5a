import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';
import type { Logger } from '../logger';

/** The app's page, next to this bundle after `npm run build` (out/main -> out/renderer). */
export const pageFile = join(__dirname, '../renderer/index.html');
export const pageUrl = pathToFileURL(pageFile).toString();

/**
 * The one window: sandboxed, isolated, no Node, the page's own CSP (in
 * renderer/index.html), no popups and no navigation away from the app.
 */
export function createMainWindow(log: Logger): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Teacher Desk',
    show: false,
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked a new window', { url });
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (url !== pageUrl) {
      event.preventDefault();
      log.warn('blocked navigation away from the app', { url });
    }
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadFile(pageFile);
  return window;
}

/** The app asks for no device or browser permission, so every request is refused. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
