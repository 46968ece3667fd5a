import { z } from 'zod';
import { DEFAULT_REMINDER_MINUTES, NextClassShortcutSchema, ReminderMinutesSchema } from '../../shared/accelerator';

export { isValidGlobalAccelerator, DEFAULT_REMINDER_MINUTES } from '../../shared/accelerator';

/**
 * The settings the desktop layer reads (reminderMinutes, nextClassShortcut;
 * their schemas are in shared/ and part of SettingsSchema). Each field falls
 * back to its default on its own, so a bad value never stops reminders.
 */
export const DesktopSettingsSchema = z.object({
  reminderMinutes: ReminderMinutesSchema,
  nextClassShortcut: NextClassShortcutSchema,
});
export type DesktopSettings = z.infer<typeof DesktopSettingsSchema>;

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = { reminderMinutes: DEFAULT_REMINDER_MINUTES, nextClassShortcut: null };

/** Reads the desktop fields from the core's settings; a missing or unusable one takes its default. */
export function desktopSettingsFrom(settings: unknown): DesktopSettings {
  const source = typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  const minutes = ReminderMinutesSchema.safeParse(source.reminderMinutes);
  const shortcut = NextClassShortcutSchema.safeParse(source.nextClassShortcut);
  return {
    reminderMinutes: minutes.success ? minutes.data : DEFAULT_DESKTOP_SETTINGS.reminderMinutes,
    nextClassShortcut: shortcut.success ? shortcut.data : DEFAULT_DESKTOP_SETTINGS.nextClassShortcut,
  };
}
