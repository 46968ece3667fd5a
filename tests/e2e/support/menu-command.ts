import type { Page, Route } from '@playwright/test';
import { events, type EventPayload } from '../../../shared/ipc/contract';

type MenuCommand = EventPayload<'menuCommand'>['command'];

/**
 * The app menu lives in Electron's main process, which the browser harness
 * does not have; what reaches the page is the `menuCommand` push. This
 * plays main's part: the page's next event stream (the harness bridge's
 * GET /events) is held until `send()`, then answered with the one command,
 * after which the bridge reconnects to the real stream. Arm it while no
 * app page is open (about:blank), so the stream held is the next load's.
 */
export async function menuCommandOnNextLoad(page: Page, command: MenuCommand): Promise<{ send(): void }> {
  let release!: () => void;
  const gate = new Promise<void>((done) => (release = done));
  let used = false;
  const handler = async (route: Route) => {
    if (used) return route.fallback();
    used = true;
    await gate;
    const frame = `data: ${JSON.stringify({ channel: events.menuCommand.channel, payload: { command } })}\n\n`;
    // The page may be gone by now (the test ended, or the next command reloaded it): then there is nothing to answer or unroute.
    await route.fulfill({ status: 200, headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' }, body: frame }).catch(() => undefined);
    await page.unroute('**/events', handler).catch(() => undefined);
  };
  await page.route('**/events', handler);
  return { send: release };
}
