import type { Settings } from '../../shared/settings';

/** The part of settings the calendar engine reads, fresh on every call (the teacher may change them at any time). */
export type CalendarSettings = Pick<Settings, 'calendarId' | 'timeZone' | 'classDefaults'>;

/** Who Google e-mails about a change: the teacher chooses, and the default is nobody. */
export type SendUpdates = 'none' | 'all';

/** Waits; injected so tests run with tiny delays over real HTTP. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
