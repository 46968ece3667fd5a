import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * A committed `.only` would shrink the run and still pass. Each runner's real
 * config is run, in a child process and without CI set, on a throwaway
 * directory holding one focused test: the run must fail, saying why.
 * The directory sits under the repo's .tmp/ (git-ignored) so that the test
 * files resolve vitest and @playwright/test from the repo's node_modules.
 */
const root = resolve(import.meta.dirname, '../..');
const FOCUSED = (from: string, api: string) => `import { ${api} } from '${from}';\n${api}.only('a focused test', () => {});\n${api}('the rest of the file', () => {});\n`;

/** The parent's environment without CI and without the running Vitest's own variables. */
const childEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'CI' && !name.startsWith('VITEST') && name !== 'NODE_ENV'));

function run(args: string[], cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, { cwd, env: childEnv, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

let dir: string;
beforeAll(async () => {
  await mkdir(join(root, '.tmp'), { recursive: true });
  dir = await mkdtemp(join(root, '.tmp', 'only-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a committed .only fails the run', () => {
  it('in Vitest (vite.config.ts, unit and integration projects)', { timeout: 60_000 }, async () => {
    for (const project of ['unit', 'integration']) {
      await mkdir(join(dir, `tests/${project}`), { recursive: true });
      await writeFile(join(dir, `tests/${project}/focused.test.ts`), FOCUSED('vitest', 'it'));
    }
    const { status, output } = run([join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(root, 'vite.config.ts'), '--root', dir, '--project', 'unit', '--project', 'integration'], root);
    expect(output.match(/Unexpected \.only modifier/g)).toHaveLength(2); // one per project
    expect(status).not.toBe(0);
  });

  it.each(['playwright.config.ts', 'tests/electron/playwright.electron.config.ts'])('in Playwright (%s)', { timeout: 60_000 }, async (config) => {
    const own = join(dir, config.replaceAll('/', '-'));
    await mkdir(own, { recursive: true });
    await writeFile(join(own, 'focused.spec.ts'), FOCUSED('@playwright/test', 'test'));
    // The real config with only the place of the tests changed (and no global setup, which builds the app).
    const wrapper = `import base from ${JSON.stringify(join(root, config))};\nexport default { ...base, testDir: '.', testMatch: '*.spec.ts', globalSetup: undefined, outputDir: './results' };\n`;
    await writeFile(join(own, 'wrapper.config.ts'), wrapper);
    const { status, output } = run([join(root, 'node_modules/@playwright/test/cli.js'), 'test', '-c', join(own, 'wrapper.config.ts')], own);
    expect(output).toContain("item focused with '.only' is not allowed due to the 'forbidOnly' option");
    expect(status).not.toBe(0);
  });
});
