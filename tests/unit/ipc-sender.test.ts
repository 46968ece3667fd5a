import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../main/ipc/sender';

const trusted = { webContentsIds: new Set([7]), pageUrl: 'file:///opt/Teacher%20Desk/resources/app.asar/out/renderer/index.html' };
const ok = { webContentsId: 7, frameUrl: trusted.pageUrl, isMainFrame: true };

describe('IPC sender check', () => {
  it("accepts the app's own page in its own window", () => {
    expect(isTrustedSender(ok, trusted)).toBe(true);
    expect(isTrustedSender({ ...ok, frameUrl: `${trusted.pageUrl}#/week` }, trusted)).toBe(true);
  });

  it.each([
    ['another webContents', { ...ok, webContentsId: 8 }],
    ['a sub-frame', { ...ok, isMainFrame: false }],
    ['no frame', { ...ok, frameUrl: null }],
    ['a web page', { ...ok, frameUrl: 'https://evil.example/index.html' }],
    ['another local file', { ...ok, frameUrl: 'file:///tmp/index.html' }],
    ['a malformed URL', { ...ok, frameUrl: 'not a url' }],
  ])('drops messages from %s', (_name, sender) => {
    expect(isTrustedSender(sender, trusted)).toBe(false);
  });
});
