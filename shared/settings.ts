import { z } from 'zod';
import { DEFAULT_REMINDER_MINUTES, NextClassShortcutSchema, ReminderMinutesSchema } from './accelerator';
import { DEFAULT_STALE_RULES } from './business/stale';
import { DEFAULT_TIME_ZONE, TimeZoneSchema } from './time-zone';

export const LOCALES = ['es', 'en'] as const;
export const LocaleSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof LocaleSchema>;

export const ClassDefaultsSchema = z.object({
  summary: z.string().trim().min(1).max(200),
  durationMinutes: z.number().int().min(15).max(240),
});

/** When a pending, unpaid class is flagged as stale (shared/business/stale.ts). */
export const StaleRulesSchema = z
  .object({
    waitingHours: z.number().int().min(1, 'at least 1 hour').max(720, 'at most 720 hours (30 days)'),
    startWithinHours: z.number().int().min(1, 'at least 1 hour').max(336, 'at most 336 hours (14 days)'),
  })
  .strict();

export const SettingsSchema = z.object({
  calendarId: z.string().trim().min(1, 'calendar id is required').max(300),
  timeZone: TimeZoneSchema,
  locale: LocaleSchema,
  classDefaults: ClassDefaultsSchema,
  weekStartsOn: z.union([z.literal(0), z.literal(1)]),
  /** Minutes before a class its reminder shows; 0 turns reminders off. */
  reminderMinutes: ReminderMinutesSchema,
  /** A global shortcut that copies the next class's Meet link, or null for none. */
  nextClassShortcut: NextClassShortcutSchema,
  staleRules: StaleRulesSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  calendarId: 'primary',
  timeZone: DEFAULT_TIME_ZONE,
  locale: 'es',
  classDefaults: { summary: 'Clase de Inglés', durationMinutes: 60 },
  weekStartsOn: 1,
  reminderMinutes: DEFAULT_REMINDER_MINUTES,
  nextClassShortcut: null,
  staleRules: { ...DEFAULT_STALE_RULES },
};

/**
 * A change to settings: any subset, each part validated on its own; unknown keys refused, inside classDefaults
 * and staleRules too. Those two are partial and merged in main over what is stored, so two quick changes of
 * different fields (the two stale thresholds) each keep the other's.
 */
export const SettingsPatchSchema = SettingsSchema.extend({ classDefaults: ClassDefaultsSchema.partial().strict(), staleRules: StaleRulesSchema.partial().strict() })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

/** The app's language from the system's (BCP 47 tag such as "en-US"): English for English, Spanish otherwise, as the platform is Spanish. */
export function localeFromSystem(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('en') ? 'en' : 'es';
}
