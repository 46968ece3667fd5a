/**
 * Whether an IPC message comes from the app's own window: its top frame,
 * showing the app's own page. Messages from anything else (an iframe, a
 * page the window was somehow navigated to, another webContents) are
 * dropped. Plain data in, so it is tested without Electron.
 */
export interface SenderInfo {
  webContentsId: number;
  frameUrl: string | null;
  isMainFrame: boolean;
}

export interface TrustedRenderer {
  webContentsIds: ReadonlySet<number>;
  /** The URL of the app's page (file:///…/out/renderer/index.html). */
  pageUrl: string;
}

export function isTrustedSender(sender: SenderInfo, trusted: TrustedRenderer): boolean {
  if (!trusted.webContentsIds.has(sender.webContentsId) || !sender.isMainFrame || !sender.frameUrl) return false;
  try {
    const url = new URL(sender.frameUrl);
    const page = new URL(trusted.pageUrl);
    return url.protocol === page.protocol && url.host === page.host && url.pathname === page.pathname;
  } catch {
    return false;
  }
}
