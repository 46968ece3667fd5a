/**
 * Plays the system browser for sign-in tests: "opens" the consent URL by
 * GETting it without following redirects (the fake's consent answers 302),
 * then GETs the Location on the app's loopback listener, like a browser
 * coming back. Hooks let a test tamper with either URL or never come back.
 */
export interface BrowserPage {
  url: string;
  status: number;
  body: string;
}

export interface TestBrowser {
  openUrl(url: string): Promise<void>;
  /** Consent URLs the app opened, oldest first. */
  readonly opened: string[];
  /** What the browser was shown (the fake's error pages and the app's answer pages). */
  readonly pages: BrowserPage[];
  /** Changes the consent URL before it is visited. */
  rewriteAuthUrl: ((url: URL) => void) | null;
  /** Changes Google's redirect before it is followed. */
  rewriteRedirect: ((url: URL) => void) | null;
  /** The teacher wanders off: the consent page is never answered. */
  stall: boolean;
  /** Resolves with the redirect the browser was about to follow, then follows it (tests that act in between). */
  beforeFollow: ((redirect: URL) => Promise<void>) | null;
  /** Waits until every visit started so far is over (the app may settle before the browser has read its page). */
  settled(): Promise<void>;
}

async function visit(url: string): Promise<BrowserPage> {
  const res = await fetch(url, { redirect: 'manual' });
  return { url, status: res.status, body: await res.text() };
}

export function createTestBrowser(): TestBrowser {
  const visits: Promise<unknown>[] = [];

  async function visitConsent(url: string): Promise<void> {
    browser.opened.push(url);
    if (browser.stall) return;
    const consent = new URL(url);
    browser.rewriteAuthUrl?.(consent);
    const res = await fetch(consent, { redirect: 'manual' });
    const location = res.headers.get('location');
    if (res.status !== 302 || !location) {
      browser.pages.push({ url: consent.toString(), status: res.status, body: await res.text() });
      return;
    }
    await res.arrayBuffer();
    const back = new URL(location);
    browser.rewriteRedirect?.(back);
    await browser.beforeFollow?.(back);
    browser.pages.push(await visit(back.toString()));
  }

  const browser: TestBrowser = {
    opened: [],
    pages: [],
    rewriteAuthUrl: null,
    rewriteRedirect: null,
    stall: false,
    beforeFollow: null,
    async settled() {
      await Promise.allSettled(visits);
    },
    openUrl(url) {
      const visit = visitConsent(url);
      visits.push(visit);
      return visit;
    },
  };
  return browser;
}
