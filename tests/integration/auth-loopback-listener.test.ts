import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AccountService } from '../../main/auth/account-service';
import { startConfiguredAuthWorld, type AuthWorld } from './support/auth-fixture';
import { probeKeychain, reportMissingKeychain } from './support/keychain';
import { rawRequest, tryConnect } from './support/net';

/**
 * The loopback sign-in listener answers only Google's redirect: the callback
 * path, addressed to 127.0.0.1:<port>, with this sign-in's state. Any other
 * local request (a page in the browser probing the port, a rebinding host)
 * gets a plain 400/404 and leaves the teacher's sign-in running; the real
 * redirect still completes it. All over real HTTP.
 */

const keychain = await probeKeychain();
reportMissingKeychain(keychain);

describe.runIf(keychain.ok)('the sign-in listener', () => {
  let world: AuthWorld;
  let service: AccountService;

  beforeEach(async () => {
    ({ world, service } = await startConfiguredAuthWorld());
  });
  afterEach(() => world.close());

  test('wrong or missing state, other paths, other or missing Host: plain 400/404, the flow goes on, and the real redirect connects', async () => {
    const answers: Record<string, { status: number; body: string }> = {};
    world.browser.beforeFollow = async (redirect) => {
      const port = Number(redirect.port);
      const host = `127.0.0.1:${port}`;
      const withState = (state: string | null) => {
        const url = new URL(redirect);
        if (state === null) url.searchParams.delete('state');
        else url.searchParams.set('state', state);
        return `${url.pathname}${url.search}`;
      };
      const real = `${redirect.pathname}${redirect.search}`;
      const get = (path: string, headers: Record<string, string>) => rawRequest(port, `GET ${path} HTTP/1.1`, headers);
      answers.wrongState = await get(withState('forged-by-a-local-page'), { Host: host });
      answers.missingState = await get(withState(null), { Host: host });
      answers.emptyState = await get(withState(''), { Host: host });
      answers.stateWithoutCode = await get(`${redirect.pathname}?state=forged&error=access_denied`, { Host: host });
      // The real code and state, but addressed to another name (DNS rebinding) or to none: not the redirect.
      answers.otherHost = await get(real, { Host: `evil.example:${port}` });
      answers.localhostHost = await get(real, { Host: `localhost:${port}` });
      answers.missingHost = await rawRequest(port, `GET ${real} HTTP/1.0`);
      answers.otherPath = await get(`/somewhere${redirect.search}`, { Host: host });
      answers.favicon = await get('/favicon.ico', { Host: host });
      answers.post = await rawRequest(port, `POST ${real} HTTP/1.1`, { Host: host, 'Content-Length': '0' });
    };

    expect(await service.signIn()).toEqual({ kind: 'connected', email: 'teacher@example.com' });
    expect(Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.status]))).toEqual({
      wrongState: 400,
      missingState: 400,
      emptyState: 400,
      stateWithoutCode: 400,
      otherHost: 400,
      localhostHost: 400,
      missingHost: 400,
      otherPath: 404,
      favicon: 404,
      post: 404,
    });
    // Plain answers: no page, nothing reflected.
    for (const answer of Object.values(answers)) expect(answer.body).toMatch(/^(Bad request|Not found)$/);
    // The code was exchanged once, for the real redirect, which the browser saw succeed.
    expect(world.tokenRequests('authorization_code')).toBe(1);
    await world.browser.settled();
    expect(world.browser.pages.at(-1)).toMatchObject({ status: 200 });
  });

  test('a redirect with a wrong state does not end the sign-in: it waits for the real one (here: times out), no code is exchanged', async () => {
    const quick = world.newService({ signInTimeoutMs: 1_500 });
    await quick.restore();
    world.browser.rewriteRedirect = (url) => url.searchParams.set('state', 'forged-by-someone-else');
    await expect(quick.signIn()).rejects.toMatchObject({ code: 'TIMEOUT' });
    await world.browser.settled();
    expect(world.browser.pages.at(-1)).toMatchObject({ status: 400, body: 'Bad request' });
    expect(world.tokenRequests('authorization_code')).toBe(0);
    expect(quick.state).toEqual({ kind: 'signed-out' });
    expect(await tryConnect('127.0.0.1', world.listeners.at(-1)!.port)).toBe('ECONNREFUSED');
  });
});
