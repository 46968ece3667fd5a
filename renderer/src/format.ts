import type { Locale } from '../../shared/settings';

/** Dates and times as the teacher reads them: in the configured zone, in the chosen language. */
export function formatTime(instant: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));
}

export function formatDay(day: string, locale: Locale): string {
  // A calendar day has no zone; noon UTC formatted in UTC shows it as written.
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day}T12:00:00Z`));
}
