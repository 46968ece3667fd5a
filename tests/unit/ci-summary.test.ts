import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The closing line CI prints (tests/ci-summary.mjs), on outputs of `npm test`
 * recorded by really running its chain on tiny throwaway tests (how: see
 * fixtures/ci-summary/README.md). The first three numbers are what CI reads;
 * a red run must never read "0 failed".
 */
const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string) => join(import.meta.dirname, 'fixtures/ci-summary', `npm-test-${name}.txt`);
const summary = (name: string, status?: number) =>
  execFileSync(process.execPath, [join(root, 'tests/ci-summary.mjs'), fixture(name), ...(status === undefined ? [] : [String(status)])], { encoding: 'utf8' }).trim();
const LATER = 'did not start: integration, e2e, checks, electron';

describe('ci-summary: the closing line of a run', () => {
  it.each([
    // [fixture, npm test's exit status, the line]
    ['green', 0, '4 passed, 0 failed, 5 skipped; runners: 8 of 8 started'],
    ['e2e-flaky', 0, '5 passed, 0 failed, 4 skipped; runners: 8 of 8 started; e2e: 1 flaky (passed on a retry)'],
    ['unit-load-throw', 1, `2 passed, 5 failed, 2 skipped; runners: 4 of 8 started (${LATER}); unit: 1 file failed`],
    ['unit-unhandled', 1, `3 passed, 5 failed, 2 skipped; runners: 4 of 8 started (${LATER}); unit: 1 unhandled error`],
    ['unit-red', 1, `4 passed, 7 failed, 2 skipped; runners: 4 of 8 started (${LATER}); unit: 1 test failed, 2 files failed, 1 unhandled error`],
    ['e2e-did-not-run', 1, '4 passed, 6 failed, 3 skipped; runners: 6 of 8 started (did not start: checks, electron); e2e: 2 tests failed, 2 did not run'],
    ['e2e-interrupted', 130, '4 passed, 4 failed, 3 skipped; runners: 6 of 8 started (did not start: checks, electron); e2e: 1 did not run, 1 interrupted'],
    ['e2e-global-timeout', 1, '4 passed, 6 failed, 3 skipped; runners: 6 of 8 started (did not start: checks, electron); e2e: 2 did not run, 2 errors outside any test'],
    ['e2e-load-error', 1, '3 passed, 3 failed, 3 skipped; runners: 6 of 8 started (did not start: checks, electron); e2e: exited 1 with no failure counted'],
    ['lint-fails', 2, '0 passed, 7 failed, 0 skipped; runners: 2 of 8 started (did not start: build, unit, integration, e2e, checks, electron); lint: exited 2 with no failure counted'],
    // Electron's global setup runs `npm run build` again: its banner is not a new step, the counts stay the electron runner's.
    ['electron-red-after-nested-build', 1, '5 passed, 4 failed, 4 skipped; runners: 8 of 8 started; electron: 2 tests failed, 2 did not run'],
    ['green-without-electron', 0, '4 passed, 1 failed, 4 skipped; runners: 7 of 8 started (did not start: electron)'],
  ])('%s (exit %i)', (name, status, line) => {
    expect(summary(name, status)).toBe(line);
  });

  it('counts what failed even when the exit status is not given', () => {
    expect(summary('unit-red')).toMatch(/^4 passed, 7 failed, 2 skipped; /);
    expect(summary('e2e-load-error')).toMatch(/^3 passed, 2 failed, 3 skipped; /); // only the two runners that never started
  });

  it('never says "0 failed" for output it cannot read', () => {
    const line = execFileSync(process.execPath, [join(root, 'tests/ci-summary.mjs'), join(root, 'no-such-log.txt'), '1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(line).toMatch(/^0 passed, 9 failed, 0 skipped; runners: 0 of 8 started \(did not start: typecheck, lint, build, unit, integration, e2e, checks, electron\)/);
  });
});
