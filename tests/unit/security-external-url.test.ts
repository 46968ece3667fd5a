import { describe, expect, it } from 'vitest';
import { checkExternalUrl, checkSignInUrl, guardOpenExternal, guardPlatform, isAllowedExternalUrl } from '../../main/desktop/external-url';
import { memoryLogger } from '../../main/logger';
import { AppError } from '../../shared/ipc/errors';

describe('open-external allow-list', () => {
  // Exactly a Meet room or a Google Calendar event link, as given: nothing is normalised before the check.
  it.each([
    'https://meet.google.com/abc-defg-hij',
    'https://www.google.com/calendar/event?eid=M2RkN2Y1ZjBnbWM0b2E1dmM0a2lmYnB0YzggdGVhY2hlckBleGFtcGxlLmNvbQ',
    'https://calendar.google.com/calendar/event?eid=abc123',
    'https://calendar.google.com/calendar/u/0/event?eid=abc123',
    'https://www.google.com/calendar/u/1/event?eid=abc_123-x',
  ])('accepts %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it('hands on the link exactly as given', () => {
    expect(checkExternalUrl('https://meet.google.com/abc-defg-hij')).toEqual({ ok: true, url: 'https://meet.google.com/abc-defg-hij' });
  });

  // What the outside test of issue 10 got through, and look-alikes of the same tricks.
  const issue10: [string, string][] = [
    ['a climb out of the host root (opened as /url?q=…)', 'https://calendar.google.com/../../url?q=https://evil.com'],
    ['an encoded slash after .. under /calendar/', 'https://www.google.com/calendar/..%2furl?q=https://evil.com'],
    ['%2e in the host', 'https://meet%2egoogle.com/abc-defg-hij'],
    ['%2E in the host', 'https://calendar.google%2Ecom/calendar/event?eid=abc'],
    ['a fullwidth dot in the host', 'https://meet\uff0egoogle.com/abc-defg-hij'],
    ['an ideographic full stop in the host', 'https://meet.google\u3002com/abc-defg-hij'],
    ['a halfwidth ideographic full stop in the host', 'https://meet\uff61google.com/abc-defg-hij'],
    ['a soft hyphen in the host', 'https://meet.goo\u00adgle.com/abc-defg-hij'],
    ['a zero-width space in the host', 'https://meet.\u200bgoogle.com/abc-defg-hij'],
    ['a zero-width joiner in the path', 'https://meet.google.com/abc-defg-hij\u200d'],
    ['a zero-width non-joiner', 'https://calendar.google.com/calendar/event?eid=abc\u200c'],
    ['a word joiner', 'https://meet.google.com/\u2060abc-defg-hij'],
    ['a byte-order mark', '\ufeffhttps://meet.google.com/abc-defg-hij'],
    ['a right-to-left override', 'https://meet.google.com/\u202eabc-defg-hij'],
  ];
  const lookAlikes: [string, string][] = [
    ['upper case scheme and host', 'HTTPS://Meet.Google.com/abc-defg-hij'],
    ['an upper case host', 'https://MEET.GOOGLE.COM/abc-defg-hij'],
    ['an upper case room code', 'https://meet.google.com/ABC-DEFG-HIJ'],
    ['the default port written out', 'https://meet.google.com:443/abc-defg-hij'],
    ['another port', 'https://meet.google.com:8443/abc-defg-hij'],
    ['an empty port', 'https://meet.google.com:/abc-defg-hij'],
    ['a query on a Meet room', 'https://meet.google.com/abc-defg-hij?authuser=0'],
    ['a fragment on a Meet room', 'https://meet.google.com/abc-defg-hij#x'],
    ['a trailing slash', 'https://meet.google.com/abc-defg-hij/'],
    ['a Meet lookup page', 'https://meet.google.com/lookup/abcdef'],
    ['a room code too short', 'https://meet.google.com/abc-defg-hi'],
    ['a room code with digits', 'https://meet.google.com/abc-defg-h1j'],
    ['a room code with en dashes', 'https://meet.google.com/abc\u2013defg\u2013hij'],
    ['a dot segment before the room', 'https://meet.google.com/./abc-defg-hij'],
    ['a dot-dot segment after the room', 'https://meet.google.com/abc-defg-hij/..'],
    ['an encoded dot-dot', 'https://www.google.com/calendar/%2e%2e/url?q=https://evil.example'],
    ['an encoded slash in the room', 'https://meet.google.com/abc-defg-hij%2f..%2f..%2furl'],
    ['a semicolon after the room', 'https://meet.google.com/abc-defg-hij;x'],
    ['a path climbing out of /calendar/', 'https://www.google.com/calendar/../url?q=https://evil.example'],
    ['a climb after the event path', 'https://www.google.com/calendar/event/../../url?eid=abc'],
    ['a doubled slash', 'https://www.google.com//calendar/event?eid=abc'],
    ['a Calendar page that is not an event link', 'https://calendar.google.com/calendar/r/eventedit/abc123'],
    ['the Calendar root', 'https://calendar.google.com/'],
    ['www.google.com outside /calendar/', 'https://www.google.com/url?q=https://evil.example'],
    ['a second parameter after eid', 'https://www.google.com/calendar/event?eid=abc&continue=https://evil.example'],
    ['eid twice', 'https://calendar.google.com/calendar/event?eid=abc&eid=def'],
    ['an encoded & in eid', 'https://www.google.com/calendar/event?eid=abc%26q%3Dx'],
    ['an empty eid', 'https://www.google.com/calendar/event?eid='],
    ['no eid', 'https://www.google.com/calendar/event'],
    ['EID in capitals', 'https://www.google.com/calendar/event?EID=abc'],
    ['a fragment after eid', 'https://www.google.com/calendar/event?eid=abc#@evil.example'],
    ['an account index that is no number', 'https://calendar.google.com/calendar/u/x/event?eid=abc'],
    ['credentials', 'https://user:pass@meet.google.com/abc-defg-hij'],
    ['a user name only', 'https://user@meet.google.com/abc-defg-hij'],
    ['an empty user', 'https://@meet.google.com/abc-defg-hij'],
    ['the authority trick', 'https://meet.google.com@evil.example/abc-defg-hij'],
    ['the authority trick on Calendar', 'https://calendar.google.com@evil.example/calendar/event?eid=abc'],
    ['an encoded @', 'https://meet.google.com%40evil.example/abc-defg-hij'],
    ['a NUL in the host', 'https://meet.google.com%00.evil.example/abc-defg-hij'],
    ['a trailing dot', 'https://meet.google.com./abc-defg-hij'],
    ['a trailing dot on Calendar', 'https://calendar.google.com./calendar/event?eid=abc'],
    ['a look-alike suffix', 'https://meet.google.com.evil.example/abc-defg-hij'],
    ['a look-alike with a dash', 'https://meet-google.com/abc-defg-hij'],
    ['a look-alike subdomain', 'https://evilmeet.google.com.example/abc'],
    ['Calendar under a look-alike host', 'https://www.google.com.evil.example/calendar/event?eid=abc'],
    ['punycode (xn--) look-alike', 'https://xn--meet-gqa.google.com/abc-defg-hij'],
    ['a Unicode homoglyph (Cyrillic e)', 'https://m\u0435et.google.com/abc-defg-hij'],
    ['google.com itself', 'https://google.com/calendar/event?eid=abc'],
    ['an IP address', 'https://142.250.0.1/abc-defg-hij'],
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file://C:/Windows/System32/calc.exe'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['plain http', 'http://meet.google.com/abc-defg-hij'],
    ['another scheme', 'smb://meet.google.com/share'],
    ['one slash after the scheme', 'https:/meet.google.com/abc-defg-hij'],
    ['no slash after the scheme', 'https:meet.google.com/abc-defg-hij'],
    ['a backslash', 'https://meet.google.com\\@evil.example/'],
    ['a backslash for a slash', 'https://meet.google.com\\abc-defg-hij'],
    ['a newline', 'https://meet.google.com/abc-defg-hij\n'],
    ['a tab', 'https://meet.\tgoogle.com/abc-defg-hij'],
    ['a space', 'https://meet.google.com/abc-defg-hij '],
    ['leading spaces', '  https://meet.google.com/abc-defg-hij'],
    ['a no-break space', 'https://meet.google.com/abc-defg-hij\u00a0'],
    ['no scheme', 'meet.google.com/abc-defg-hij'],
    ['protocol-relative', '//meet.google.com/abc-defg-hij'],
    ['an empty string', ''],
    ['a very long link', `https://www.google.com/calendar/event?eid=${'a'.repeat(3000)}`],
  ];
  it.each([...issue10, ...lookAlikes])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, { href: 'https://meet.google.com/abc' }, new URL('https://meet.google.com/abc-defg-hij')]) expect(isAllowedExternalUrl(value)).toBe(false);
  });

  it('says in the log why a link was refused', () => {
    expect(checkExternalUrl('https://user:pass@meet.google.com/abc-defg-hij')).toEqual({ ok: false, reason: 'credentials in the link' });
    expect(checkExternalUrl('https://meet.google.com:443/abc-defg-hij')).toEqual({ ok: false, reason: 'a port in the link' });
    expect(checkExternalUrl('http://meet.google.com/abc-defg-hij')).toEqual({ ok: false, reason: 'only https links are opened' });
    expect(checkExternalUrl('https://meet\uff0egoogle.com/abc-defg-hij')).toEqual({ ok: false, reason: 'a character that is not plain ASCII in the link' });
    expect(checkExternalUrl('https://calendar.google.com/../../url?q=https://evil.com')).toEqual({ ok: false, reason: 'not exactly a Google Meet room or a Google Calendar event link' });
  });
});

describe('guarded openExternal', () => {
  it('opens allowed links and refuses, and logs, anything else without reaching the opener', async () => {
    const opened: string[] = [];
    const log = memoryLogger();
    const open = guardOpenExternal(async (url) => void opened.push(url), log);
    await open('https://meet.google.com/abc-defg-hij');
    for (const bad of ['file:///etc/passwd', 'https://user:secret-password@meet.google.com/abc', 'javascript:alert(1)']) {
      await expect(open(bad)).rejects.toSatisfy((error) => error instanceof AppError && error.code === 'NOT_ALLOWED');
    }
    expect(opened).toEqual(['https://meet.google.com/abc-defg-hij']);
    expect(log.lines.filter((line) => line.startsWith('warn refused to open a link outside the allow-list'))).toHaveLength(3);
    // The log says why, and which host, but never repeats credentials from a refused link.
    expect(log.lines.join('\n')).toContain('credentials in the link');
    expect(log.lines.join('\n')).not.toContain('secret-password');
  });

  it('wraps a Platform: both openers guarded, the clipboard passed through', async () => {
    const calls: string[] = [];
    const log = memoryLogger();
    const platform = guardPlatform(
      {
        openExternal: async (url) => void calls.push(`open ${url}`),
        openSignInPage: async (url) => void calls.push(`sign-in ${url}`),
        writeClipboard: async (text) => void calls.push(`copy ${text}`),
        saveFile: async (name) => name,
      },
      log,
      () => GOOGLE_AUTH,
    );
    await platform.writeClipboard('file:///anything');
    await expect(platform.openExternal('http://meet.google.com/x')).rejects.toThrow(/only Google Meet and Google Calendar/);
    await platform.openExternal('https://calendar.google.com/calendar/event?eid=x');
    // The sign-in opener takes the consent page only, and the Meet/Calendar opener never takes it.
    await platform.openSignInPage(`${GOOGLE_AUTH}?client_id=x&scope=openid`);
    await expect(platform.openSignInPage('https://meet.google.com/abc-defg-hij')).rejects.toThrow(/sign-in page/);
    await expect(platform.openExternal(`${GOOGLE_AUTH}?client_id=x`)).rejects.toThrow();
    expect(calls).toEqual(['copy file:///anything', 'open https://calendar.google.com/calendar/event?eid=x', `sign-in ${GOOGLE_AUTH}?client_id=x&scope=openid`]);
    expect(log.lines.filter((line) => line.startsWith('warn refused'))).toHaveLength(3);
  });
});

const GOOGLE_AUTH = 'https://accounts.google.com/o/oauth2/v2/auth';

describe('sign-in page check', () => {
  it("accepts the configured endpoint with its query, Google's or a loopback fake Google", () => {
    expect(checkSignInUrl(`${GOOGLE_AUTH}?client_id=abc&redirect_uri=http%3A%2F%2F127.0.0.1%3A5123&code_challenge=x`, GOOGLE_AUTH).ok).toBe(true);
    expect(checkSignInUrl('http://127.0.0.1:4010/o/oauth2/v2/auth?client_id=abc', 'http://127.0.0.1:4010/o/oauth2/v2/auth').ok).toBe(true);
  });

  it.each([
    ['another path on the host', 'https://accounts.google.com/ServiceLogin'],
    ['another host', 'https://accounts.google.com.evil.example/o/oauth2/v2/auth'],
    ['http to Google', 'http://accounts.google.com/o/oauth2/v2/auth'],
    ['credentials', 'https://a:b@accounts.google.com/o/oauth2/v2/auth'],
    ['another port', 'https://accounts.google.com:444/o/oauth2/v2/auth'],
    ['file:', 'file:///o/oauth2/v2/auth'],
    ['a newline', `${GOOGLE_AUTH}?a=1\n`],
  ])('refuses %s', (_name, url) => {
    expect(checkSignInUrl(url, GOOGLE_AUTH).ok).toBe(false);
  });

  it('refuses everything when the configured endpoint is plain http to another machine', () => {
    expect(checkSignInUrl('http://fake.example/o/oauth2/v2/auth', 'http://fake.example/o/oauth2/v2/auth').ok).toBe(false);
  });
});
