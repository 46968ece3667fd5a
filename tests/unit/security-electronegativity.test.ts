import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runElectronegativity } from '../checks/electronegativity';

// `npm run test:checks` runs Electronegativity over the app and fails on a HIGH finding;
// this proves the scan does find one where there is one.
describe('Electronegativity check', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reports an insecure window (no context isolation, no navigation limits) as high severity', async () => {
    dir = await mkdtemp(join(tmpdir(), 'teacher-desk-eng-fixture-'));
    await mkdir(join(dir, 'main'), { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', devDependencies: { electron: '40.0.0' } }));
    await writeFile(
      join(dir, 'main', 'window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true, sandbox: false } });\n",
    );
    const { result } = await runElectronegativity(dir, false);
    const high = result.issues.filter((issue) => issue.severity.name === 'HIGH').map((issue) => issue.id);
    expect(high).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
  }, 60_000);
});
