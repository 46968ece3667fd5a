import type { Api } from '../../shared/ipc/api';
import type { ReplyOf } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/errors';

type SettingsReply = ReplyOf<'getSettings'>;
type WeekReply = ReplyOf<'listWeek'>;

interface Early<T> {
  asked: Promise<Result<T>> | null;
  /** The answer, once it has come and if it is one (not an error). */
  arrived: T | null;
}

function ask<T>(enabled: boolean, request: () => Promise<Result<T>>): Early<T> {
  const early: Early<T> = { asked: null, arrived: null };
  if (!enabled) return early;
  early.asked = request();
  early.asked.then((reply) => (early.arrived = reply.ok ? reply.value : null)).catch(() => undefined);
  return early;
}

/**
 * What the first week needs (the settings, and this week as main cuts it in
 * the teacher's zone), asked of main as soon as this is called: at the start
 * of the page's script (startup.ts). The answers usually come while the rest
 * of the app's script is evaluated, so React's first render already draws
 * the week (arrived*), with no empty frame and no round trip after it;
 * otherwise the effects that would ask take these requests (takeEarly*)
 * instead of asking again. Plain TS with the api injected (tested in Node).
 */
export function firstRequests(api: Pick<Api, 'getSettings' | 'listWeek' | 'on'>, enabled: boolean) {
  const settings = ask(enabled, () => api.getSettings({}));
  const week = ask(enabled, () => api.listWeek({}));
  // A change in main before the week cache listens makes the early week stale: it is then not used.
  let weekStale = false;
  const stopListening = enabled ? api.on('bookingsChanged', () => (weekStale = true)) : () => undefined;

  return {
    /**
     * Resolves once both answers have come (or failed), or after `waitMs`,
     * whichever is first: the first render waits that little for them, so
     * that it draws the week rather than an empty frame a moment before it.
     */
    earlyAnswers(waitMs: number): Promise<void> {
      if (!settings.asked || !week.asked) return Promise.resolve();
      const both = Promise.allSettled([settings.asked, week.asked]).then(() => undefined);
      return Promise.race([both, new Promise<void>((resolve) => setTimeout(resolve, waitMs))]);
    },
    /** The settings, if they have come already (for the first render's state). */
    arrivedSettings: (): SettingsReply | null => settings.arrived,
    /** This week, if it has come already and nothing changed since (for the week cache's first render). */
    arrivedWeek: (): WeekReply | null => (weekStale ? null : week.arrived),
    /** The settings request, once; null after (or when not enabled). */
    takeEarlySettings(): Promise<Result<SettingsReply>> | null {
      const taken = settings.asked;
      settings.asked = null;
      return taken;
    },
    /** Whether main said bookings changed since this week was asked for (until the week is taken). */
    weekChanged: (): boolean => weekStale,
    /** This week's request, once, unless bookings changed since; null after (or when not enabled). The week cache listens from here on. */
    takeEarlyWeek(): Promise<Result<WeekReply>> | null {
      const taken = weekStale ? null : week.asked;
      week.asked = null;
      stopListening();
      return taken;
    },
  };
}
