import { z } from 'zod';

export const DEFAULT_TIME_ZONE = 'America/Argentina/Buenos_Aires';

/** True when the runtime's ICU knows the IANA zone name. */
export function isValidTimeZone(name: string): boolean {
  if (!name || name.trim() !== name) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .refine(isValidTimeZone, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone (for example America/Argentina/Buenos_Aires)` });
