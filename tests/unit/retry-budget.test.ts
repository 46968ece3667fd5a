import { describe, expect, it } from 'vitest';
import { DEFAULT_TUNING } from '../../main/calendar/context';
import { createRetryPolicy, DEFAULT_RETRY_TUNING } from '../../main/calendar/retry-policy';
import { OAUTH_REQUEST_TIMEOUT_MS } from '../../main/auth/oauth-client';
import { silentLogger } from '../../main/logger';

/**
 * The defaults, end to end in simulated time: every try hangs until its
 * time limit (an aborted request, as gaxios reports it), backoff waits pass
 * on the same clock. The call must give up (OFFLINE) within 30 s.
 */
function hangingCall(random: number) {
  let clock = 0;
  const policy = createRetryPolicy({
    sleep: async (ms) => {
      clock += ms;
    },
    random: () => random,
    log: silentLogger,
    tuning: { budgetMs: DEFAULT_TUNING.callBudgetMs, tryTimeoutMs: DEFAULT_TUNING.requestTimeoutMs },
    now: () => clock,
  });
  let tries = 0;
  const run = policy.run(
    'events.list',
    async () => {
      tries++;
      // A token refresh inside the try has its own limit, no longer than a request's.
      clock += Math.max(DEFAULT_TUNING.requestTimeoutMs, OAUTH_REQUEST_TIMEOUT_MS);
      throw Object.assign(new Error('The operation was aborted.'), { config: {}, name: 'AbortError' });
    },
    { refresh: async () => undefined, onGrantRefused: () => undefined },
  );
  return { run, elapsed: () => clock, tries: () => tries };
}

describe('time limits of Google calls (defaults)', () => {
  it('a silent Google is reported offline within 30 s, whatever the jitter', async () => {
    for (const random of [0, 0.5, 0.999]) {
      const call = hangingCall(random);
      await expect(call.run).rejects.toMatchObject({ code: 'OFFLINE' });
      expect(call.elapsed()).toBeLessThanOrEqual(30_000);
      expect(call.tries()).toBeGreaterThanOrEqual(2);
    }
  });

  it('the engine defaults are the policy defaults, and a try fits in the budget', () => {
    expect(DEFAULT_TUNING.requestTimeoutMs).toBe(DEFAULT_RETRY_TUNING.tryTimeoutMs);
    expect(DEFAULT_TUNING.callBudgetMs).toBeLessThanOrEqual(30_000);
    expect(OAUTH_REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(DEFAULT_TUNING.requestTimeoutMs);
  });
});
