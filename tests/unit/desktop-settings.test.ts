import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, desktopSettingsFrom, isValidGlobalAccelerator } from '../../main/desktop/desktop-settings';

describe('desktop settings', () => {
  it('defaults to reminders 10 minutes before and no global shortcut', () => {
    expect(DEFAULT_DESKTOP_SETTINGS).toEqual({ reminderMinutes: 10, nextClassShortcut: null });
    expect(desktopSettingsFrom({ calendarId: 'primary' })).toEqual(DEFAULT_DESKTOP_SETTINGS);
    expect(desktopSettingsFrom(undefined)).toEqual(DEFAULT_DESKTOP_SETTINGS);
  });

  it('takes valid values and falls back field by field', () => {
    expect(desktopSettingsFrom({ reminderMinutes: 0, nextClassShortcut: 'CmdOrCtrl+Shift+M' })).toEqual({ reminderMinutes: 0, nextClassShortcut: 'CmdOrCtrl+Shift+M' });
    expect(desktopSettingsFrom({ reminderMinutes: -5, nextClassShortcut: 'CmdOrCtrl+Shift+M' })).toEqual({ reminderMinutes: 10, nextClassShortcut: 'CmdOrCtrl+Shift+M' });
    expect(desktopSettingsFrom({ reminderMinutes: 15, nextClassShortcut: 'M' })).toEqual({ reminderMinutes: 15, nextClassShortcut: null });
    expect(desktopSettingsFrom({ reminderMinutes: 2.5 }).reminderMinutes).toBe(10);
  });

  it.each(['CmdOrCtrl+Shift+M', 'Alt+F2', 'F9', 'Control+Alt+Space', 'Super+Plus', 'CommandOrControl+,'])('accepts %s as a global shortcut', (accelerator) => {
    expect(isValidGlobalAccelerator(accelerator)).toBe(true);
  });

  it.each(['', 'M', 'Shift+M', 'CmdOrCtrl+', 'CmdOrCtrl+Shift', 'Ctrl+Ctrl+M', 'Hyper+M', 'CmdOrCtrl+M+K', ' CmdOrCtrl+M', 'CmdOrCtrl+Shift+Ñ'])('refuses %j', (accelerator) => {
    expect(isValidGlobalAccelerator(accelerator)).toBe(false);
  });
});
