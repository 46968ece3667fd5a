import { Menu, type MenuItemConstructorOptions } from 'electron';
import { events as eventContract } from '../../shared/ipc/contract';
import { applicationMenuSpec, type DesktopAction, type MenuCommand, type MenuSpecItem } from '../desktop/menu-spec';
import type { DesktopStrings } from '../desktop/strings';
import type { Logger } from '../logger';

/** Turns a plain menu spec (main/desktop/menu-spec.ts) into Electron's template; actions become clicks. */
export function toElectronTemplate(items: readonly MenuSpecItem[], onAction: (action: DesktopAction) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    const action = item.action;
    return {
      ...(item.label !== undefined ? { label: item.label } : {}),
      ...(item.role ? { role: item.role } : {}),
      ...(item.accelerator ? { accelerator: item.accelerator } : {}),
      ...(item.enabled === false ? { enabled: false } : {}),
      ...(item.submenu ? { submenu: toElectronTemplate(item.submenu, onAction) } : {}),
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}

/**
 * The renderer's channel for menu commands. The IPC contract is the only
 * place that names channels; until it declares `menuCommand` (payload
 * `{ command: 'import' | 'export' | 'sync' | 'settings' }`) a menu command
 * is logged instead of sent.
 */
export function menuCommandChannel(): string | null {
  const entry = (eventContract as Record<string, { channel: string } | undefined>).menuCommand;
  return entry?.channel ?? null;
}

export interface ApplicationMenuDeps {
  strings: DesktopStrings;
  isPackaged: boolean;
  /** Sends a command to the app's window (showing it first). */
  sendCommand(channel: string, payload: { command: MenuCommand }): void;
  log: Logger;
}

export function installApplicationMenu(deps: ApplicationMenuDeps): void {
  const spec = applicationMenuSpec({ platform: process.platform, strings: deps.strings, isPackaged: deps.isPackaged });
  const template = toElectronTemplate(spec, (action) => {
    if (action.kind !== 'menu-command') return;
    const channel = menuCommandChannel();
    if (channel) deps.sendCommand(channel, { command: action.command });
    else deps.log.warn('menu command has no channel in the IPC contract yet', { command: action.command });
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
