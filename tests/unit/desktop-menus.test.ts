import { describe, expect, it } from 'vitest';
import { applicationMenuSpec, MENU_COMMANDS, menuText, trayMenuSpec, trayTitle, type MenuSpecItem } from '../../main/desktop/menu-spec';
import type { ClassEntry } from '../../main/desktop/next-classes';
import { desktopStrings } from '../../main/desktop/strings';

const en = desktopStrings('en');
const entries: ClassEntry[] = [
  { id: 'a', startTime: '', endTime: '', time: '17:00', student: 'Ana & Bea', meetLink: 'https://meet.google.com/abc-defg-hij', inProgress: false },
  { id: 'b', startTime: '', endTime: '', time: '19:00', student: 'Bruno', meetLink: null, inProgress: false },
];

function flatten(items: readonly MenuSpecItem[]): MenuSpecItem[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

describe('tray menu', () => {
  it('lists the next classes first, each with Copy Meet link and Join', () => {
    const spec = trayMenuSpec(entries, en, 'linux');
    expect(spec[0]).toEqual({ label: 'Next class', enabled: false });
    expect(spec[1]?.label).toBe('17:00 · Ana && Bea');
    expect(spec[1]?.submenu).toEqual([
      { label: 'Copy Meet link', action: { kind: 'copy-meet-link', bookingId: 'a' } },
      { label: 'Join', action: { kind: 'join', bookingId: 'a' } },
    ]);
    // No link yet: the actions are there but disabled.
    expect(spec[2]?.submenu?.every((item) => item.enabled === false && !item.action)).toBe(true);
    expect(spec.slice(-2).map((item) => item.action)).toEqual([{ kind: 'open-app' }, { kind: 'quit' }]);
  });

  it('says when there is nothing left today, and titles the icon with the next class', () => {
    expect(trayMenuSpec([], en, 'darwin')[0]).toEqual({ label: 'No more classes today', enabled: false });
    expect(trayTitle(entries, en)).toEqual({ tooltip: 'Teacher Desk — Next class: 17:00 · Ana & Bea', title: '17:00' });
    expect(trayTitle([], desktopStrings('es')).tooltip).toBe('Teacher Desk — No hay más clases hoy');
  });

  it('keeps "&" in names as written (mnemonics on Windows and Linux)', () => {
    expect(menuText('Ana & Bea', 'win32')).toBe('Ana && Bea');
    expect(menuText('Ana & Bea', 'darwin')).toBe('Ana & Bea');
  });
});

describe('application menu', () => {
  for (const platform of ['darwin', 'win32', 'linux'] as const) {
    it(`has Import, Export, Sync now and Settings with accelerators, and the standard roles (${platform})`, () => {
      const items = flatten(applicationMenuSpec({ platform, strings: en, isPackaged: true }));
      for (const command of MENU_COMMANDS) {
        const found = items.filter((item) => item.action?.kind === 'menu-command' && item.action.command === command);
        expect(found, command).toHaveLength(1);
        expect(found[0]?.accelerator, command).toMatch(/^CmdOrCtrl\+/);
      }
      const roles = new Set(items.map((item) => item.role).filter(Boolean));
      for (const role of ['editMenu', 'windowMenu', 'quit', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']) expect(roles.has(role as never), role).toBe(true);
      if (platform === 'darwin') for (const role of ['about', 'services', 'hide', 'hideOthers', 'unhide', 'close']) expect(roles.has(role as never), role).toBe(true);
      // Packaged: no developer tools; never a Reload (CmdOrCtrl+R is Sync now).
      expect(roles.has('toggleDevTools')).toBe(false);
      expect(items.some((item) => (item.role as string) === 'reload' || (item.role as string) === 'forceReload')).toBe(false);
    });
  }

  it('gives no two items the same accelerator, nor one a standard role already uses', () => {
    const taken = ['CmdOrCtrl+Q', 'CmdOrCtrl+W', 'CmdOrCtrl+M', 'CmdOrCtrl+H', 'CmdOrCtrl+Z', 'CmdOrCtrl+Shift+Z', 'CmdOrCtrl+X', 'CmdOrCtrl+C', 'CmdOrCtrl+V', 'CmdOrCtrl+A', 'CmdOrCtrl+0', 'CmdOrCtrl+Plus', 'CmdOrCtrl+-', 'F11'];
    const accelerators = flatten(applicationMenuSpec({ platform: 'linux', strings: en, isPackaged: true })).map((item) => item.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    for (const accelerator of accelerators) expect(taken).not.toContain(accelerator);
  });

  it('offers developer tools only in a development build', () => {
    const roles = flatten(applicationMenuSpec({ platform: 'linux', strings: en, isPackaged: false })).map((item) => item.role);
    expect(roles).toContain('toggleDevTools');
  });
});
