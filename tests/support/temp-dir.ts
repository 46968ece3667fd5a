import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/**
 * A temporary folder for each test ('each') or one for the whole file
 * ('all'), handed to the file by `use` and removed afterwards.
 */
export function useTempDir(prefix: string, use: (dir: string) => void, scope: 'each' | 'all' = 'each'): void {
  let dir: string | undefined;
  const [before, after] = scope === 'each' ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    use(dir);
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });
}
