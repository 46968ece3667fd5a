/**
 * What the app asks Google for. `calendar.events` is the narrowest scope that
 * lets the desk create, move and cancel class events (with Meet links) on the
 * teacher's calendar: it cannot touch calendar settings, sharing, or other
 * Google data. `openid email` only add an id_token naming the account, so the
 * app can show who is connected and key the keychain entry by it.
 */
export const CALENDAR_EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';

/** Free/busy is a separate API: `calendar.events` does not cover it, and this is its narrowest scope (availability only, no event details). */
export const CALENDAR_FREEBUSY_SCOPE = 'https://www.googleapis.com/auth/calendar.events.freebusy';

export const SIGN_IN_SCOPES: readonly string[] = ['openid', 'email', CALENDAR_EVENTS_SCOPE, CALENDAR_FREEBUSY_SCOPE];
