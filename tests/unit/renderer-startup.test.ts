import { describe, expect, it } from 'vitest';
import type { Api } from '../../shared/ipc/api';
import type { Result } from '../../shared/ipc/errors';
import { firstRequests } from '../../renderer/src/first-requests';

/**
 * The renderer's first requests (renderer/src/first-requests.ts, sent by
 * startup.ts as the page's script starts): taken once by whoever needs them,
 * and never used stale. The api is played by the test (main's answers held
 * until it says).
 */

type Answer = (reply: Result<unknown>) => void;

function fakeApi() {
  const asked: { method: string; answer: Answer }[] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const api = new Proxy(
    {},
    {
      get: (_target, method: string) =>
        method === 'on'
          ? (event: string, listener: (payload: unknown) => void) => {
              listeners.set(event, listener);
              return () => listeners.delete(event);
            }
          : () => new Promise<Result<unknown>>((resolve) => asked.push({ method, answer: resolve })),
    },
  );
  const answer = (method: string, reply: Result<unknown>) => asked.find((a) => a.method === method)!.answer(reply);
  return { api, asked, answer, emit: (event: string) => listeners.get(event)?.({ reason: 'test' }) };
}

function loadStartup() {
  const main = fakeApi();
  const startup = firstRequests(main.api as Pick<Api, 'getSettings' | 'listWeek' | 'on'>, true);
  return { main, startup };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const SETTINGS = { locale: 'es', timeZone: 'America/Argentina/Buenos_Aires' };
const WEEK = { week: { start: '2026-11-23' }, bookings: [] };

describe('the first requests, sent as the page starts', () => {
  it('asks main for the settings and this week at once, before anything renders; the baseline build asks nothing', () => {
    const { main } = loadStartup();
    expect(main.asked.map((a) => a.method)).toEqual(['getSettings', 'listWeek']);
    const baseline = fakeApi();
    const off = firstRequests(baseline.api as Pick<Api, 'getSettings' | 'listWeek' | 'on'>, false);
    expect(baseline.asked).toEqual([]);
    expect(off.takeEarlyWeek()).toBeNull();
  });

  it('once answered, the first render has both; each request is taken once, then the app asks main itself', async () => {
    const { main, startup } = loadStartup();
    const ready = startup.earlyAnswers(10_000);
    expect(startup.arrivedSettings()).toBeNull();
    main.answer('getSettings', { ok: true, value: SETTINGS });
    main.answer('listWeek', { ok: true, value: WEEK });
    await ready;
    expect(startup.arrivedSettings()).toEqual(SETTINGS);
    expect(startup.arrivedWeek()).toEqual(WEEK);
    expect(await startup.takeEarlySettings()).toEqual({ ok: true, value: SETTINGS });
    expect(startup.takeEarlySettings()).toBeNull();
    expect(await startup.takeEarlyWeek()).toEqual({ ok: true, value: WEEK });
    expect(startup.takeEarlyWeek()).toBeNull();
  });

  it('an error is not "arrived": the app takes the request and shows the error as before', async () => {
    const { main, startup } = loadStartup();
    main.answer('getSettings', { ok: false, error: { code: 'STORE_ERROR', message: 'x' } });
    await tick();
    expect(startup.arrivedSettings()).toBeNull();
    expect(await startup.takeEarlySettings()).toEqual({ ok: false, error: { code: 'STORE_ERROR', message: 'x' } });
  });

  it('bookings that change in main before the week is taken make the early week unused: the app asks again', async () => {
    const { main, startup } = loadStartup();
    main.answer('listWeek', { ok: true, value: WEEK });
    await tick();
    expect(startup.weekChanged()).toBe(false);
    main.emit('bookingsChanged');
    // The week cache, seeded at the first render, is told (useWeeks invalidates it) before it listens itself.
    expect(startup.weekChanged()).toBe(true);
    expect(startup.arrivedWeek()).toBeNull();
    expect(startup.takeEarlyWeek()).toBeNull();
  });

  it('the first render waits for main at most the time it is given', async () => {
    const { startup } = loadStartup();
    const started = Date.now();
    await startup.earlyAnswers(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(startup.arrivedWeek()).toBeNull();
  });
});
