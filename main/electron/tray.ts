import { join } from 'node:path';
import { app, Menu, nativeImage, Notification, powerMonitor, Tray, type BrowserWindow, type NativeImage } from 'electron';
import { events } from '../../shared/ipc/contract';
import type { Clock } from '../clock';
import type { Core } from '../core';
import { createDesktopService, type DesktopService } from '../desktop/desktop-service';
import { iconPng } from '../desktop/icon';
import { trayMenuSpec, trayTitle, type DesktopAction } from '../desktop/menu-spec';
import type { ClassEntry } from '../desktop/next-classes';
import { fileTextStorage, openReminderLog } from '../desktop/reminders';
import type { StaleEntry } from '../desktop/stale-classes';
import type { DesktopStrings } from '../desktop/strings';
import type { Logger } from '../logger';
import type { Platform } from '../platform';
import { installApplicationMenu, toElectronTemplate } from './menu';
import { createReminderNotifier } from './reminders';
import { createNextClassShortcut } from './shortcut';

/**
 * The tray (menu-bar on macOS) icon: today's next classes, each with "Copy
 * Meet link" and "Join"; the list and its order come from
 * main/desktop/next-classes.ts and the menu from main/desktop/menu-spec.ts.
 */
function trayImage(): NativeImage {
  const mac = process.platform === 'darwin';
  const style = mac ? 'template' : 'color';
  // 16 pt, with a @2x representation for HiDPI screens.
  const image = nativeImage.createFromBuffer(iconPng(32, style), { scaleFactor: 2 });
  image.addRepresentation({ scaleFactor: 1, buffer: iconPng(16, style) });
  if (mac) image.setTemplateImage(true);
  return image;
}

export interface DesktopTray {
  show(entries: readonly ClassEntry[], strings: DesktopStrings, stale: readonly StaleEntry[]): void;
  destroy(): void;
}

export function createDesktopTray(onAction: (action: DesktopAction) => void): DesktopTray {
  const tray = new Tray(trayImage());
  let shown = '';
  return {
    show(entries, strings, stale) {
      if (tray.isDestroyed()) return;
      const { tooltip, title } = trayTitle(entries, strings);
      const spec = trayMenuSpec(entries, strings, process.platform, stale);
      // Refreshed every minute; rebuilt only when it changed, so an open menu is not pulled away.
      const next = JSON.stringify([tooltip, title, spec]);
      if (next === shown) return;
      shown = next;
      tray.setToolTip(tooltip);
      if (process.platform === 'darwin') tray.setTitle(title);
      tray.setContextMenu(Menu.buildFromTemplate(toElectronTemplate(spec, onAction)));
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

// ---------------------------------------------------------------------------
// startDesktop: the tray, reminders, global shortcut and application menu,
// wired to the plain-Node desktop service (main/desktop/desktop-service.ts).

export interface StartDesktopOptions {
  core: Pick<Core, 'dispatch' | 'events'>;
  /** The guarded platform (createElectronPlatform): openExternal is allow-listed. */
  platform: Platform;
  dataDir: string;
  clock: Clock;
  log: Logger;
  isPackaged: boolean;
  /** Shows (re-creating if needed) and focuses the app's window. */
  showWindow(): BrowserWindow;
  quit(): void;
}

export async function startDesktop(options: StartDesktopOptions): Promise<{ service: DesktopService; stop(): void }> {
  const { log } = options;
  // Windows shows toasts only for an app with a user model id, the appId the installer registers (electron-builder.yml).
  if (process.platform === 'win32') app.setAppUserModelId('ar.speakenglishnow.teacherdesk');
  const reminderLog = await openReminderLog(fileTextStorage(join(options.dataDir, 'reminders.json')), log);
  // The tray, notifications and shortcut call into `service` (made below) only on a click or key press.
  const report = (what: string) => (error: unknown) => log.warn(`${what} failed`, { error: error instanceof Error ? error.message : String(error) });

  const onAction = (action: DesktopAction) => {
    switch (action.kind) {
      case 'copy-meet-link':
        void service.copyMeetLink(action.bookingId).catch(report('copy Meet link'));
        break;
      case 'join':
        void service.join(action.bookingId).catch(report('join'));
        break;
      case 'open-app':
        options.showWindow();
        break;
      case 'quit':
        options.quit();
        break;
      case 'menu-command':
        break;
      case 'mark-paid':
        void service.markPaid(action.bookingId).catch(report('mark paid'));
        break;
      case 'open-queue': {
        const window = options.showWindow();
        const send = () => window.webContents.send(events.menuCommand.channel, { command: 'queue' });
        if (window.webContents.isLoading()) window.webContents.once('did-finish-load', send);
        else send();
        break;
      }
    }
  };
  const tray = createDesktopTray(onAction);
  let menuStrings: DesktopStrings | null = null;
  const installMenu = (strings: DesktopStrings) =>
    installApplicationMenu({
      strings,
      isPackaged: options.isPackaged,
      log,
      sendCommand(channel, payload) {
        const window = options.showWindow();
        if (window.webContents.isLoading()) window.webContents.once('did-finish-load', () => window.webContents.send(channel, payload));
        else window.webContents.send(channel, payload);
      },
    });
  const notifier = createReminderNotifier(
    {
      join: (id) => onAction({ kind: 'join', bookingId: id }),
      copyMeetLink: (id) => onAction({ kind: 'copy-meet-link', bookingId: id }),
      openApp: () => options.showWindow(),
    },
    log,
  );
  const shortcut = createNextClassShortcut(() => {
    void service
      .copyNextMeetLink()
      .then((entry) => {
        if (!Notification.isSupported()) return;
        const strings = service.strings();
        new Notification(entry ? { title: strings.copiedTitle, body: strings.copiedBody(entry.time, entry.student), silent: true } : { title: strings.appName, body: strings.nothingToCopy, silent: true }).show();
      })
      .catch(report('next-class shortcut'));
  }, log);

  const service: DesktopService = createDesktopService({
    dispatch: options.core.dispatch,
    events: options.core.events,
    platform: options.platform,
    clock: options.clock,
    log,
    reminderLog,
    view: {
      showClasses: (entries, strings, stale) => {
        tray.show(entries, strings, stale);
        // The application menu speaks the app's language: (re)built when it changes.
        if (strings !== menuStrings) {
          menuStrings = strings;
          installMenu(strings);
        }
      },
      remind: (reminder, strings) => notifier.show(reminder, strings),
      shortcutChanged: (accelerator) => shortcut.set(accelerator),
    },
  });
  await service.start();
  // Still the default language if the first refresh failed.
  if (!menuStrings) installMenu(service.strings());

  // After sleep the minute timer may be late: catch up at once.
  const onResume = () => void service.refresh();
  powerMonitor.on('resume', onResume);

  return {
    service,
    stop() {
      powerMonitor.off('resume', onResume);
      service.stop();
      shortcut.dispose();
      tray.destroy();
    },
  };
}
