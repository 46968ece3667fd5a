import { join } from 'node:path';
import { app, BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { systemClock } from '../clock';
import { createCore } from '../core';
import { resolveDataDir } from '../paths';
import { createFileLogger } from '../file-logger';
import { forwardEvents, registerIpc } from './ipc';
import { electronPlatform } from './platform';
import { createMainWindow, denyAllPermissions, pageUrl } from './window';

/**
 * Electron's entry: a thin shell. It resolves the data directory, injects
 * Electron's store, shell and clipboard into the plain-Node core, and opens
 * the window. Everything else lives in the core and is tested without
 * Electron.
 */
if (!app.requestSingleInstanceLock()) app.quit();

app.enableSandbox();

void app.whenReady().then(async () => {
  const dataDir = resolveDataDir(process.env, app.getPath('userData'));
  const log = createFileLogger(join(dataDir, 'logs', 'main.log'));
  denyAllPermissions();
  const core = await createCore({
    dataDir,
    appVersion: app.getVersion(),
    // electron-store is conf with Electron's defaults; same file name as the harness uses.
    settingsBackend: new ElectronStore({ cwd: dataDir, name: 'settings' }),
    platform: electronPlatform,
    clock: systemClock,
    log,
  });
  const trusted = { webContentsIds: new Set<number>(), pageUrl };
  registerIpc(core, trusted, log);

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

  app.on('second-instance', () => {
    if (window.isDestroyed()) window = open();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = open();
  });
  app.on('before-quit', () => void core.close());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
