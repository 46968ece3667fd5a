/**
 * Navigation and new-window decisions for the app's window, as plain
 * functions (main/electron/window.ts only calls them).
 *
 * - The window shows the app's own page and nothing else: navigating
 *   anywhere else (another file, a web page, a link the page was tricked
 *   into following) is blocked, and so is any frame navigating off it.
 * - No new windows, ever (window.open, target=_blank, middle-click). Links
 *   the teacher may open are opened by main itself, through the allow-list
 *   (external-url.ts), never by the page.
 */

/** Whether `url` is the app's page itself (same scheme, host and path; a #route is fine). */
export function isAppPage(url: string, pageUrl: string): boolean {
  try {
    const target = new URL(url);
    const page = new URL(pageUrl);
    return target.protocol === page.protocol && target.host === page.host && target.pathname === page.pathname && target.search === '';
  } catch {
    return false;
  }
}

export type NavigationDecision = 'allow' | 'block';

export function navigationDecision(url: string, pageUrl: string): NavigationDecision {
  return isAppPage(url, pageUrl) ? 'allow' : 'block';
}

/** What setWindowOpenHandler answers: always deny. */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests (camera, notifications from the page, geolocation…) and checks: the page needs none. */
export function permissionDecision(_permission: string): boolean {
  return false;
}
