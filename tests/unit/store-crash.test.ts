import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBookingStore } from '../../main/store/booking-store';

/**
 * A process killed in the middle of a save must leave the previous complete
 * file. A child process saves 1,000 and 3,000 bookings in turn, in a loop, and
 * is killed with SIGKILL at several moments; every time, the file must open
 * cleanly with one of the two sizes. (This covers a crash of the app; a power
 * cut is what the fsync in writeFileAtomic is for, and a test cannot cut power.)
 */

const root = resolve(import.meta.dirname, '../..');
const url = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
const CHILD = `
import { openBookingStore } from ${url('main/store/booking-store.ts')};
import { makeBookings } from ${url('tests/bench/fixtures.ts')};
const store = await openBookingStore({ dataDir: process.argv[2], clock: () => new Date() });
// Validate once, then reuse the stored objects so each loop is nearly all writing.
await store.mutate((draft) => { draft.bookings = makeBookings(3000); });
const stored = await store.mutate((draft) => draft.bookings);
process.stdout.write('ready\\n');
for (let i = 0; ; i++) {
  await store.mutate((draft) => { draft.bookings = i % 2 ? stored : stored.slice(0, 1000); });
}
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runAndKill(script: string, dataDir: string, afterReadyMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) setTimeout(() => child.kill('SIGKILL'), afterReadyMs);
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? done() : fail(new Error(`child ended without being killed: ${stderr}`))));
  });
}

describe('booking store: crash during a save', () => {
  it('always leaves a complete file', { timeout: 60_000 }, async () => {
    const script = join(dir, 'saver.mts');
    await writeFile(script, CHILD);
    const dataDir = join(dir, 'data');
    let interrupted = 0; // kills that hit a save halfway (left a temporary file): most of them, not asserted
    for (const delay of [50, 120, 210, 330]) {
      await runAndKill(script, dataDir, delay);
      const leftovers = (await readdir(dataDir)).filter((name) => name.endsWith('.tmp'));
      if (leftovers.length) interrupted++;
      const store = await openBookingStore({ dataDir, clock: () => new Date() });
      expect(store.notices).toEqual([]);
      expect([1000, 3000]).toContain(store.list().length);
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
    console.info(`crash test: ${interrupted} of 4 kills interrupted a save`);
  });
});
