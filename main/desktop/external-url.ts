import { AppError } from '../../shared/ipc/errors';
import { CALENDAR_EVENT, MEET_ROOM } from '../../shared/links';
import type { Logger } from '../logger';
import type { Platform } from '../platform';

/**
 * The open-external allow-list: the only links Teacher Desk hands to the
 * system browser. `shell.openExternal` gives a string to the OS (xdg-open,
 * LaunchServices, ShellExecute), which will happily run `file:` paths or
 * other handlers, and Google's own hosts hold redirectors (/url?q=…) that
 * would turn "a Google link" into "anywhere". So the link, exactly as
 * given, must be one of these and nothing else:
 *   https://meet.google.com/abc-defg-hij                          a Meet room (hangoutLink)
 *   https://www.google.com/calendar/event?eid=…                   an event's htmlLink
 *   https://calendar.google.com/calendar/event?eid=…              the same on Calendar's own host
 *   https://(www|calendar).google.com/calendar/u/<n>/event?eid=…  the same for the n-th signed-in account
 * where eid is base64url. The check reads the raw text, never what URL
 * parsing makes of it: the parser resolves `..`, decodes %2e, maps
 * fullwidth dots to dots and drops soft hyphens and zero-width spaces in
 * hosts, so a link it would "normalise" into an allowed one is refused,
 * not opened. Lower case, no userinfo, no port, no other parameter, no
 * fragment; what passes is opened as it is.
 */


const MAX_URL_LENGTH = 2048;

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: unknown): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'not a link' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'link too long' };
  if (MEET_ROOM.test(raw) || CALENDAR_EVENT.test(raw)) return { ok: true, url: raw };
  return { ok: false, reason: whyRefused(raw) };
}

/** For the log only (the teacher sees REFUSED_LINK_MESSAGE): the first thing wrong with a refused link. */
function whyRefused(raw: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(raw)) return 'whitespace, control character or backslash in the link';
  if (/[^\u0021-\u007e]/.test(raw)) return 'a character that is not plain ASCII in the link';
  if (!/^https:\/\//.test(raw)) return 'only https links are opened';
  const authority = raw.slice('https://'.length).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return 'credentials in the link';
  if (authority.includes(':')) return 'a port in the link';
  return 'not exactly a Google Meet room or a Google Calendar event link';
}

/** Whether Teacher Desk may hand this link to the system browser. */
export function isAllowedExternalUrl(raw: unknown): boolean {
  return checkExternalUrl(raw).ok;
}

/** What a refused link looks like in the log: its scheme and host, never the whole text (it may carry credentials). */
export function describeForLog(raw: unknown): { scheme: string | null; host: string | null } {
  if (typeof raw !== 'string') return { scheme: null, host: null };
  try {
    const url = new URL(raw);
    return { scheme: url.protocol, host: url.hostname || null };
  } catch {
    return { scheme: /^([a-z][a-z0-9+.-]*):/i.exec(raw)?.[1]?.toLowerCase().concat(':') ?? null, host: null };
  }
}

export const REFUSED_LINK_MESSAGE = 'Teacher Desk opens only Google Meet and Google Calendar links.';

/**
 * Wraps an opener (Electron's shell.openExternal, the harness's $BROWSER) so
 * that only allow-listed links reach it: anything else is logged and refused
 * with AppError NOT_ALLOWED, and what is opened is the link exactly as checked.
 */
export function guardOpenExternal(open: (url: string) => Promise<void>, log: Logger): (url: string) => Promise<void> {
  return async (raw) => {
    const checked = checkExternalUrl(raw);
    if (!checked.ok) {
      log.warn('refused to open a link outside the allow-list', { reason: checked.reason, ...describeForLog(raw) });
      throw new AppError('NOT_ALLOWED', REFUSED_LINK_MESSAGE);
    }
    await open(checked.url);
  };
}

// ---------------------------------------------------------------------------
// The one other page Teacher Desk opens in the browser: Google's consent page
// for sign-in. The account service builds that URL from its configured
// authorization endpoint (https://accounts.google.com/o/oauth2/v2/auth, or
// GOOGLE_OAUTH_AUTH_URL); the page never supplies it. It is still checked:
// same scheme, host, port and path as the endpoint, nothing in the authority.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const MAX_SIGN_IN_URL_LENGTH = 8192;

export function checkSignInUrl(raw: unknown, authorizationEndpoint: string): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'not a link' };
  if (raw.length > MAX_SIGN_IN_URL_LENGTH) return { ok: false, reason: 'link too long' };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return { ok: false, reason: 'whitespace, control character or backslash in the link' };
  let url: URL;
  let endpoint: URL;
  try {
    url = new URL(raw);
    endpoint = new URL(authorizationEndpoint);
  } catch {
    return { ok: false, reason: 'not a valid link' };
  }
  // https, or plain http to this machine only (the fake Google of the tests), as the account service allows.
  const endpointOk = endpoint.protocol === 'https:' || (endpoint.protocol === 'http:' && LOOPBACK_HOSTS.has(endpoint.hostname));
  if (!endpointOk) return { ok: false, reason: 'the configured sign-in endpoint is not https' };
  const authority = raw.slice(raw.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@') || url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials in the link' };
  if (url.protocol !== endpoint.protocol || url.host !== endpoint.host || url.pathname !== endpoint.pathname) {
    return { ok: false, reason: 'not the configured Google sign-in page' };
  }
  return { ok: true, url: url.href };
}

/** Wraps the sign-in opener: only the configured authorization endpoint reaches it; anything else is logged and refused. */
export function guardSignInOpener(open: (url: string) => Promise<void>, authorizationEndpoint: () => string, log: Logger): (url: string) => Promise<void> {
  return async (raw) => {
    const checked = checkSignInUrl(raw, authorizationEndpoint());
    if (!checked.ok) {
      log.warn('refused to open a sign-in link that is not the configured Google sign-in page', { reason: checked.reason, ...describeForLog(raw) });
      throw new AppError('NOT_ALLOWED', 'Teacher Desk opens only Google\'s own sign-in page for signing in.');
    }
    await open(checked.url);
  };
}

/**
 * The same Platform with both browser openers guarded: openExternal by the
 * Meet/Calendar allow-list, openSignInPage by the configured authorization
 * endpoint. The clipboard is passed through.
 */
export function guardPlatform(platform: Platform, log: Logger, signInEndpoint: () => string): Platform {
  return {
    ...platform,
    openExternal: guardOpenExternal((url) => platform.openExternal(url), log),
    openSignInPage: guardSignInOpener((url) => platform.openSignInPage(url), signInEndpoint, log),
  };
}
