#!/usr/bin/env node
// Reads the output of `npm test` and prints one closing line over all its
// runners (Vitest projects, Playwright suites): "N passed, N failed, N skipped".
import { readFileSync } from 'node:fs';

const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const text = readFileSync(process.argv[2], 'utf8').replace(ansiColour, '');
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const line of text.split('\n')) {
  // Vitest: "      Tests  422 passed | 2 skipped (424)"
  const vitest = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (vitest) {
    for (const [, n, kind] of vitest[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) totals[kind === 'todo' ? 'skipped' : kind] += Number(n);
    continue;
  }
  // Playwright: "  16 passed (51.9s)", "  1 failed", "  4 skipped"
  const playwright = /^\s{2}(\d+) (passed|failed|skipped|flaky)(?: \(.*\))?\s*$/.exec(line);
  if (playwright) totals[playwright[2] === 'flaky' ? 'passed' : playwright[2]] += Number(playwright[1]);
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
