import { AppError } from '../../shared/ipc/errors';
import type { Logger } from '../logger';
import type { Platform } from '../platform';

/**
 * The open-external allow-list: the only links Teacher Desk hands to the
 * system browser. `shell.openExternal` gives a string to the OS (xdg-open,
 * LaunchServices, ShellExecute), which will happily run `file:` paths or
 * other handlers, so anything that is not plainly a Google Meet or Google
 * Calendar page over https is refused.
 *
 * Accepted, after WHATWG parsing, with nothing else in the authority
 * (no user, no password, no port but the default):
 *   https://meet.google.com/<anything>                 a Meet room (hangoutLink: /abc-defg-hij)
 *   https://calendar.google.com/<anything>             Calendar pages (/calendar/event?eid=…, /calendar/r/…)
 *   https://www.google.com/calendar/<anything>         the event's htmlLink (/calendar/event?eid=…)
 * www.google.com is accepted under /calendar/ only: the rest of it holds
 * redirectors (/url?q=…) that would turn the allow-list into "anywhere".
 *
 * The URL that is opened is the normalised one this check parsed
 * (`checked.url`), never the raw string, so the OS cannot read the text
 * differently from how it was checked.
 */

export const ALLOWED_EXTERNAL = [
  { host: 'meet.google.com', pathPrefix: '/' },
  { host: 'calendar.google.com', pathPrefix: '/' },
  { host: 'www.google.com', pathPrefix: '/calendar/' },
] as const;

const MAX_URL_LENGTH = 2048;

export type ExternalUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkExternalUrl(raw: unknown): ExternalUrlCheck {
  if (typeof raw !== 'string' || raw.length === 0) return { ok: false, reason: 'not a link' };
  if (raw.length > MAX_URL_LENGTH) return { ok: false, reason: 'link too long' };
  // WHATWG parsing silently drops tabs and newlines and trims spaces, and reads
  // "\" as "/" in https URLs; the OS may not. A link that needs any of that is refused.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(raw)) return { ok: false, reason: 'whitespace, control character or backslash in the link' };
  if (!/^https:\/\//i.test(raw)) return { ok: false, reason: 'only https links are opened' };
  const authority = raw.slice('https://'.length).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return { ok: false, reason: 'credentials in the link' };

  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid link' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'only https links are opened' };
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'credentials in the link' };
  // URL drops the default port (":443"), so anything left is another port.
  if (url.port !== '') return { ok: false, reason: 'a port other than the default' };
  // hostname is lower-cased and punycoded: "meet.google.com." or a homoglyph never equals an entry.
  const rule = ALLOWED_EXTERNAL.find((entry) => entry.host === url.hostname);
  if (!rule) return { ok: false, reason: 'not a Google Meet or Google Calendar host' };
  // pathname is normalised ("/calendar/../url" is "/url"), so a prefix check holds.
  if (!url.pathname.startsWith(rule.pathPrefix)) return { ok: false, reason: `only ${rule.pathPrefix} links on ${rule.host}` };
  return { ok: true, url: url.href };
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
 * with AppError NOT_ALLOWED, and what is opened is the normalised link.
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
