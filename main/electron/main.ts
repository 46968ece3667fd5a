import { join } from 'node:path';
import { app, BrowserWindow, ipcMain } from 'electron';
import { createKeychainSecretStore, keychainServiceFromEnv } from '../auth/keychain-secret-store';
import { systemClock } from '../clock';
import { createCore } from '../core';
import { resolveDataDir } from '../paths';
import { createFileLogger } from '../file-logger';
import { forwardEvents, registerIpc } from './ipc';
import { createElectronPlatform } from './platform';
import { electronSettingsBackend } from './settings-backend';
import { startDesktop } from './tray';
import { createMainWindow, denyAllPermissions, pageUrl } from './window';

/**
 * Electron's entry: a thin shell. It resolves the data directory, injects
 * Electron's store, shell and clipboard into the plain-Node core, and opens
 * the window. Everything else lives in the core and is tested without
 * Electron.
 */
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.quit();

app.enableSandbox();

void app.whenReady().then(async () => {
  // A second launch only wakes the first one (its 'second-instance' shows the window) and quits.
  if (!isFirstInstance) return;
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const log = createFileLogger(join(dataDir, 'logs', 'main.log'));
  denyAllPermissions();
  const platform = createElectronPlatform(log);
  const core = await createCore({
    dataDir,
    appVersion: app.getVersion(),
    settingsBackend: electronSettingsBackend(dataDir, log),
    secrets: createKeychainSecretStore({ service: keychainServiceFromEnv(process.env) }),
    env: process.env,
    systemLocale: app.getLocale(),
    platform,
    clock: systemClock,
    log,
    // Emitted beside index.cjs by vite.config.ts (mode main).
    importWorkerFile: join(__dirname, 'import-worker.cjs'),
  });
  const trusted = { webContentsIds: new Set<number>(), pageUrl };
  registerIpc(ipcMain, core, trusted, log);

  const open = () => {
    const window = createMainWindow(log);
    const id = window.webContents.id;
    trusted.webContentsIds.add(id);
    const stop = forwardEvents(core, (channel, payload) => window.webContents.send(channel, payload));
    window.on('closed', () => {
      trusted.webContentsIds.delete(id);
      stop();
    });
    return window;
  };
  let window = open();
  const showWindow = () => {
    if (window.isDestroyed()) window = open(); // shows itself once ready
    else {
      if (window.isMinimized()) window.restore();
      window.show();
    }
    window.focus();
    return window;
  };

  app.on('second-instance', () => void showWindow());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = open();
  });
  app.on('before-quit', () => void core.close());

  // Tray, reminders, next-class shortcut and application menu (issue 7).
  const desktop = await startDesktop({ core, platform, dataDir, clock: systemClock, log, isPackaged: app.isPackaged, showWindow, quit: () => app.quit() });
  // Stopped as quitting starts, so no new refresh begins while the core closes its store.
  app.on('before-quit', () => desktop.stop());
});

// Closing the window keeps Teacher Desk in the tray, so reminders still come;
// Quit (tray, app menu) ends it, and launching it again shows the window.
app.on('window-all-closed', () => {});
