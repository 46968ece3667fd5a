#!/usr/bin/env node
// One closing line over the output of `npm test`, for CI:
//   node tests/ci-summary.mjs LOG [EXIT_STATUS]
//   -> "N passed, N failed, N skipped; runners: 8 of 8 started" (CI reads the first three numbers)
// "failed" counts everything that stops a run being green, so a red run never reads "0 failed":
// failed tests; Vitest files that failed or crashed (a throw while loading) and unhandled errors;
// Playwright tests that did not run or were interrupted and errors outside any test; a runner that
// exited with an error and printed no count (typecheck, lint, a crash); and each runner of the
// `npm test` chain that never started. Runners are the `npm run X` steps of package.json's "test"
// script; a step has started when the log holds npm's banner for it ("> teacher-desk@0.1.0 lint").
import { readFileSync } from 'node:fs';

const [logPath, statusArg] = process.argv.slice(2);
if (!logPath) {
  console.error('usage: node tests/ci-summary.mjs LOG [EXIT_STATUS]');
  process.exit(2);
}
/** npm test's exit status, or null when not given. */
const status = statusArg === undefined ? null : Number(statusArg);

const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
/** The runners meant to run, in order: "npm run typecheck && npm run lint && …" -> ['typecheck', 'lint', …]. */
const chain = String(packageJson.scripts.test)
  .split('&&')
  .map((step) => /^\s*npm run (\S+)\s*$/.exec(step)?.[1])
  .filter(Boolean);
const runnerName = (script) => script.replace(/^test:/, '').replace(/:run$/, '');

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
let text = '';
try {
  text = readFileSync(logPath, 'utf8').replace(ansiColour, '');
} catch (error) {
  text = '';
  console.error(`ci-summary: cannot read ${logPath}: ${error.message}`);
}

const newSection = () => ({ passed: 0, failed: 0, skipped: 0, flaky: 0, failedFiles: 0, failedSuites: 0, errors: 0, didNotRun: 0, interrupted: 0, outsideErrors: 0 });
/** Counts per started runner (index in `chain`); output before the first banner counts too, under -1. */
const sections = new Map([[-1, newSection()]]);
let current = -1;

for (const line of text.split(/\r?\n|\r/)) {
  // npm's banner for a step. Only forward: a later `npm run build` inside a runner (Electron's global setup) is not a new step.
  const banner = /^> \S+@\S+ (\S+)$/.exec(line);
  if (banner) {
    const index = chain.indexOf(banner[1]);
    if (index > current) sections.set((current = index), newSection());
    continue;
  }
  const counts = sections.get(current);
  // Vitest: "      Tests  1 failed | 4 passed | 1 skipped | 1 todo (7)", " Test Files  2 failed | 2 passed (4)",
  // "     Errors  1 error", and the header "⎯⎯⎯ Failed Suites 1 ⎯⎯⎯" (files or describe blocks that failed outside a test).
  const vitestTests = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (vitestTests) {
    for (const [, n, kind] of vitestTests[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) counts[kind === 'todo' ? 'skipped' : kind] += Number(n);
    continue;
  }
  const vitestFiles = /^\s*Test Files\s+(.*)\(\d+\)\s*$/.exec(line);
  if (vitestFiles) {
    counts.failedFiles += Number(/(\d+) failed/.exec(vitestFiles[1])?.[1] ?? 0);
    continue;
  }
  const vitestErrors = /^\s*Errors\s+(\d+) errors?\s*$/.exec(line);
  if (vitestErrors) {
    counts.errors += Number(vitestErrors[1]);
    continue;
  }
  const failedSuites = /⎯ Failed Suites (\d+) ⎯/.exec(line);
  if (failedSuites) {
    counts.failedSuites += Number(failedSuites[1]);
    continue;
  }
  // Playwright: "  16 passed (51.9s)", "  1 failed", "  4 skipped", "  1 flaky", "  2 did not run", "  1 interrupted",
  // "  2 errors were not a part of any test, see above for details".
  const playwright = /^\s{2}(\d+) (passed|failed|skipped|flaky|did not run|interrupted)(?: \(.*\))?\s*$/.exec(line);
  if (playwright) {
    const n = Number(playwright[1]);
    const kind = playwright[2];
    if (kind === 'flaky') {
      counts.flaky += n; // passed on a retry: counted as passed, and named
      counts.passed += n;
    } else if (kind === 'did not run') counts.didNotRun += n;
    else counts[kind] += n;
    continue;
  }
  const outside = /^\s{2}(\d+) errors? (?:was|were) not a part of any test/.exec(line);
  if (outside) counts.outsideErrors += Number(outside[1]);
}

/** Everything in a section that makes the run red. A Vitest file counts once, whether a test or its loading failed. */
const failures = (c) => Math.max(c.failed + c.failedSuites, c.failedFiles) + c.errors + c.didNotRun + c.interrupted + c.outsideErrors;

const started = chain.map((_, index) => index).filter((index) => sections.has(index));
const notStarted = chain.filter((_, index) => !sections.has(index)).map(runnerName);
// The `&&` chain stops at the first step that fails: with a red exit, the last step that started is the one that failed.
const lastStarted = started.at(-1) ?? -1;
const silentFailure = status !== null && status !== 0 && failures(sections.get(lastStarted)) === 0;

const totals = { passed: 0, failed: 0, skipped: 0 };
const notes = [];
for (const [index, c] of sections) {
  totals.passed += c.passed;
  totals.skipped += c.skipped;
  totals.failed += failures(c);
  const said = [
    [c.failed, 'test failed', 'tests failed'],
    [c.failedFiles, 'file failed', 'files failed'],
    [c.errors, 'unhandled error', 'unhandled errors'],
    [c.didNotRun, 'did not run', 'did not run'],
    [c.interrupted, 'interrupted', 'interrupted'],
    [c.outsideErrors, 'error outside any test', 'errors outside any test'],
    [c.flaky, 'flaky (passed on a retry)', 'flaky (passed on a retry)'],
  ].filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n === 1 ? one : many}`);
  if (index === lastStarted && silentFailure) said.push(`exited ${status} with no failure counted`);
  if (said.length) notes.push(`${index === -1 ? 'before any runner' : runnerName(chain[index])}: ${said.join(', ')}`);
}
if (silentFailure) totals.failed += 1;
totals.failed += notStarted.length;

const runners = `runners: ${started.length} of ${chain.length} started${notStarted.length ? ` (did not start: ${notStarted.join(', ')})` : ''}`;
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped; ${[runners, ...notes].join('; ')}`);
