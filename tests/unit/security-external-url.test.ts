import { describe, expect, it } from 'vitest';
import { checkExternalUrl, checkSignInUrl, guardOpenExternal, guardPlatform, isAllowedExternalUrl } from '../../main/desktop/external-url';
import { memoryLogger } from '../../main/logger';
import { AppError } from '../../shared/ipc/errors';

describe('open-external allow-list', () => {
  it.each([
    'https://meet.google.com/abc-defg-hij',
    'https://meet.google.com/abc-defg-hij?authuser=0',
    'https://meet.google.com/lookup/abcdef',
    'HTTPS://Meet.Google.com/abc-defg-hij',
    'https://meet.google.com:443/abc-defg-hij',
    'https://www.google.com/calendar/event?eid=M2RkN2Y1ZjBnbWM0b2E1dmM0a2lmYnB0YzggdGVhY2hlckBleGFtcGxlLmNvbQ',
    'https://calendar.google.com/calendar/event?eid=abc123',
    'https://calendar.google.com/calendar/r/eventedit/abc123',
  ])('accepts %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it('hands on the normalised link, not the raw text', () => {
    expect(checkExternalUrl('HTTPS://Meet.Google.com:443/abc-defg-hij')).toEqual({ ok: true, url: 'https://meet.google.com/abc-defg-hij' });
  });

  it.each([
    ['file:', 'file:///etc/passwd'],
    ['file: on Windows', 'file://C:/Windows/System32/calc.exe'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['plain http', 'http://meet.google.com/abc-defg-hij'],
    ['another scheme', 'smb://meet.google.com/share'],
    ['a look-alike suffix', 'https://meet.google.com.evil.example/abc-defg-hij'],
    ['a look-alike with a dash', 'https://meet-google.com/abc-defg-hij'],
    ['a look-alike subdomain', 'https://evilmeet.google.com.example/abc'],
    ['punycode (xn--) look-alike', 'https://xn--meet-gqa.google.com/abc-defg-hij'],
    ['a Unicode homoglyph (Cyrillic e)', 'https://m\u0435et.google.com/abc-defg-hij'],
    ['a trailing dot', 'https://meet.google.com./abc-defg-hij'],
    ['credentials', 'https://user:pass@meet.google.com/abc-defg-hij'],
    ['a user name only', 'https://user@meet.google.com/abc-defg-hij'],
    ['an empty user', 'https://@meet.google.com/abc-defg-hij'],
    ['the authority trick', 'https://meet.google.com@evil.example/abc'],
    ['another port', 'https://meet.google.com:8443/abc-defg-hij'],
    ['port 80 on https', 'https://meet.google.com:80/abc-defg-hij'],
    ['an IP address', 'https://142.250.0.1/abc-defg-hij'],
    ['www.google.com outside /calendar/', 'https://www.google.com/url?q=https://evil.example'],
    ['a path climbing out of /calendar/', 'https://www.google.com/calendar/../url?q=https://evil.example'],
    ['an encoded climb out of /calendar/', 'https://www.google.com/calendar/%2e%2e/url?q=https://evil.example'],
    ['google.com itself', 'https://google.com/calendar/event?eid=abc'],
    ['a backslash', 'https://meet.google.com\\@evil.example/'],
    ['a newline', 'https://meet.google.com/abc\n'],
    ['a tab', 'https://meet.\tgoogle.com/abc'],
    ['leading spaces', '  https://meet.google.com/abc-defg-hij'],
    ['no scheme', 'meet.google.com/abc-defg-hij'],
    ['protocol-relative', '//meet.google.com/abc-defg-hij'],
    ['an empty string', ''],
    ['a very long link', `https://meet.google.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, { href: 'https://meet.google.com/abc' }, new URL('https://meet.google.com/abc')]) expect(isAllowedExternalUrl(value)).toBe(false);
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
