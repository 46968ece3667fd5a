import type { ClassEntry } from './next-classes';
import type { StaleEntry } from './stale-classes';
import type { DesktopStrings } from './strings';

/**
 * Menus as plain data: the tray menu and the application menu are built
 * here and tested without Electron; main/electron/ turns a spec into an
 * Electron Menu, mapping each `action` to a click handler.
 */

export const MENU_COMMANDS = ['import', 'export', 'sync', 'settings'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export type DesktopAction =
  | { kind: 'copy-meet-link'; bookingId: string }
  | { kind: 'join'; bookingId: string }
  | { kind: 'open-app' }
  | { kind: 'quit' }
  | { kind: 'menu-command'; command: MenuCommand }
  | { kind: 'mark-paid'; bookingId: string }
  | { kind: 'open-queue' };

/** Electron menu roles the specs use (a subset of MenuItemConstructorOptions['role']). */
export type MenuRole =
  | 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'close' | 'minimize' | 'zoom' | 'front'
  | 'editMenu' | 'windowMenu' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'toggleDevTools';

export interface MenuSpecItem {
  label?: string;
  type?: 'separator';
  role?: MenuRole;
  accelerator?: string;
  enabled?: boolean;
  action?: DesktopAction;
  submenu?: MenuSpecItem[];
}

const separator: MenuSpecItem = { type: 'separator' };

/** On Windows and Linux "&" in a label marks a mnemonic; a student called "Ana & Bea" must show as written. */
export function menuText(text: string, platform: NodeJS.Platform): string {
  return platform === 'darwin' ? text : text.replace(/&/g, '&&');
}

/** The stale unpaid classes' section: mark paid at once, or open the queue to cancel (never cancelled from a menu without the teacher seeing it). */
function staleSection(stale: readonly StaleEntry[], strings: DesktopStrings, platform: NodeJS.Platform): MenuSpecItem[] {
  if (stale.length === 0) return [];
  return [
    separator,
    { label: `${strings.unpaidHeader} (${stale.length})`, enabled: false },
    ...stale.map((entry) => ({
      label: menuText(`${entry.when} · ${entry.student} — ${strings.staleReason(entry.reason)}`, platform),
      submenu: [
        { label: strings.markPaid, action: { kind: 'mark-paid', bookingId: entry.id } },
        { label: strings.reviewInQueue, action: { kind: 'open-queue' } },
      ] satisfies MenuSpecItem[],
    })),
  ];
}

export function trayMenuSpec(entries: readonly ClassEntry[], strings: DesktopStrings, platform: NodeJS.Platform, stale: readonly StaleEntry[] = []): MenuSpecItem[] {
  const classes: MenuSpecItem[] = entries.map((entry) => ({
    label: menuText(`${entry.time} · ${entry.student}${entry.inProgress ? ` (${strings.now})` : ''}`, platform),
    submenu: entry.meetLink
      ? [
          { label: strings.copyMeetLink, action: { kind: 'copy-meet-link', bookingId: entry.id } },
          { label: strings.join, action: { kind: 'join', bookingId: entry.id } },
        ]
      : [
          { label: strings.noMeetLink, enabled: false },
          { label: strings.copyMeetLink, enabled: false },
          { label: strings.join, enabled: false },
        ],
  }));
  const header: MenuSpecItem = { label: entries.length ? strings.nextClass : strings.noMoreClassesToday, enabled: false };
  return [
    header,
    ...classes,
    ...staleSection(stale, strings, platform),
    separator,
    { label: strings.openApp, action: { kind: 'open-app' } },
    { label: strings.quit, action: { kind: 'quit' } },
  ];
}

/** The tray icon's tooltip, and (macOS) the short title next to it in the menu bar. */
export function trayTitle(entries: readonly ClassEntry[], strings: DesktopStrings): { tooltip: string; title: string } {
  const next = entries[0];
  if (!next) return { tooltip: `${strings.appName} — ${strings.noMoreClassesToday}`, title: '' };
  return { tooltip: `${strings.appName} — ${strings.nextClass}: ${next.time} · ${next.student}`, title: next.time };
}

/** Keyboard shortcuts of the menu's own commands. */
export const MENU_ACCELERATORS: Record<MenuCommand, string> = {
  import: 'CmdOrCtrl+O',
  export: 'CmdOrCtrl+Shift+E',
  sync: 'CmdOrCtrl+R',
  settings: 'CmdOrCtrl+,',
};

export interface ApplicationMenuOptions {
  platform: NodeJS.Platform;
  strings: DesktopStrings;
  /** Developer tools only in a development build. */
  isPackaged: boolean;
}

/**
 * The application menu: the standard roles (edit, window, zoom, full screen,
 * and on macOS the app menu) plus Import…, Export…, Sync now and Settings.
 * There is no Reload: the page is the whole app and CmdOrCtrl+R is Sync now.
 */
export function applicationMenuSpec({ platform, strings, isPackaged }: ApplicationMenuOptions): MenuSpecItem[] {
  const command = (name: MenuCommand, label: string): MenuSpecItem => ({ label, accelerator: MENU_ACCELERATORS[name], action: { kind: 'menu-command', command: name } });
  const settings = command('settings', strings.settings);
  const mac = platform === 'darwin';

  const appMenu: MenuSpecItem = {
    label: strings.appName,
    submenu: [
      { role: 'about' }, separator, settings, separator, { role: 'services' }, separator,
      { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' },
    ],
  };
  const fileMenu: MenuSpecItem = {
    label: strings.file,
    submenu: [
      command('import', strings.import),
      command('export', strings.export),
      separator,
      command('sync', strings.syncNow),
      separator,
      ...(mac ? [{ role: 'close' } as MenuSpecItem] : [settings, separator, { role: 'quit' } as MenuSpecItem]),
    ],
  };
  const viewMenu: MenuSpecItem = {
    label: strings.view,
    submenu: [
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' },
      ...(isPackaged ? [] : [separator, { role: 'toggleDevTools' } as MenuSpecItem]),
    ],
  };
  return [...(mac ? [appMenu] : []), fileMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }];
}
