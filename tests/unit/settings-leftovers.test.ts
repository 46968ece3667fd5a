import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { memoryLogger } from '../../main/logger';
import { createConfBackend } from '../../main/settings/conf-backend';

/**
 * conf writes settings.json through atomically: a temp file
 * `settings.json.tmp-<10 digits><6 hex>`, then a rename. A kill between the
 * two leaves the temp file, which atomically only purges on a clean exit.
 */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-settings-leftovers-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it("removes conf's temp files left by an interrupted write at start, and nothing else", async () => {
  await writeFile(join(dir, 'settings.json'), JSON.stringify({ language: 'es' }));
  await writeFile(join(dir, 'settings.json.tmp-1764390000a1b2c3'), '{"language":"en"');
  await writeFile(join(dir, 'settings.json.tmp-17643900010f0f0f'), '');
  // Not conf's: a look-alike name, another file's temp, and a directory named like one.
  await writeFile(join(dir, 'settings.json.tmp-mine'), 'keep');
  await writeFile(join(dir, 'bookings.json.tmp-1764390000a1b2c3'), 'keep');
  await mkdir(join(dir, 'settings.json.tmp-1764390002abcdef'));

  const log = memoryLogger();
  const backend = createConfBackend({ dataDir: dir, log });

  expect((await readdir(dir)).sort()).toEqual(['bookings.json.tmp-1764390000a1b2c3', 'settings.json', 'settings.json.tmp-1764390002abcdef', 'settings.json.tmp-mine']);
  expect(backend.get('language')).toBe('es');
  expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual({ language: 'es' });
  expect(backend.notices).toEqual([]);
  expect(log.lines.join('\n')).toMatch(/left alone: named like a settings temp file but not a file/);
});
