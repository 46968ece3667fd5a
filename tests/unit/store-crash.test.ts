import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openBookingStore } from '../../main/store/booking-store';
import { killDuringWrites } from '../support/crash-child';
import { useTempDir } from '../support/temp-dir';

/**
 * A process killed in the middle of a save must leave the previous complete
 * file. A child process saves 1,000 and 3,000 bookings in turn, in a loop, and
 * is killed with SIGKILL at varying moments; every time, the file must open
 * cleanly with one of the two sizes. The child marks when it is inside a
 * write (tests/support/crash-phase.ts), and the test keeps killing
 * (tests/support/crash-child.ts) until at least two kills landed there, or
 * fails. (This covers a crash of the app; a power cut is
 * what the fsync in writeFileAtomic is for, and a test cannot cut power.)
 */

const root = resolve(import.meta.dirname, '../..');
const url = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
const CHILD = `
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { writePhase } from ${url('tests/support/crash-phase.ts')};
import { makeBookings } from ${url('tests/bench/fixtures.ts')};
const phase = writePhase();
// Inside a write = the store's temporary file is open and not yet renamed over bookings.json
// (writeFileAtomic in main/store/store-file.ts). Seen by wrapping fs/promises before the store loads.
const fsp = createRequire(import.meta.url)('node:fs/promises');
const { open, rename } = fsp;
const temporary = (path) => String(path).endsWith('.tmp');
fsp.open = async (path, ...rest) => {
  const handle = await open(path, ...rest);
  if (temporary(path)) phase.enter();
  return handle;
};
fsp.rename = async (from, to) => {
  if (temporary(from)) phase.leave();
  return rename(from, to);
};
syncBuiltinESMExports();
const { openBookingStore } = await import(${url('main/store/booking-store.ts')});
const store = await openBookingStore({ dataDir: process.argv[2], clock: () => new Date() });
// Validate once, then reuse the stored objects so each loop is nearly all writing.
await store.mutate((draft) => { draft.bookings = makeBookings(3000); });
const stored = await store.mutate((draft) => draft.bookings);
phase.ready();
for (let i = 0; ; i++) {
  await store.mutate((draft) => { draft.bookings = i % 2 ? stored : stored.slice(0, 1000); });
}
`;

let dir: string;
useTempDir('td-crash-', (made) => (dir = made));

const temporaryFiles = async (dataDir: string) => (await readdir(dataDir)).filter((name) => name.endsWith('.tmp'));

describe('booking store: crash during a save', () => {
  it('always leaves a complete file, with kills that landed inside a write', { timeout: 180_000 }, async () => {
    const script = join(dir, 'saver.mts');
    await writeFile(script, CHILD);
    const dataDir = join(dir, 'data');
    const kills = await killDuringWrites({
      script,
      args: [dataDir],
      wanted: 2,
      check: async (kill) => {
        // The child's mark agrees with the disk: a kill inside a write leaves its temporary file.
        if (kill.insideWrite) expect(await temporaryFiles(dataDir)).toHaveLength(1);
        const store = await openBookingStore({ dataDir, clock: () => new Date() });
        expect(store.notices).toEqual([]);
        expect([1000, 3000]).toContain(store.list().length);
        expect(await temporaryFiles(dataDir)).toEqual([]);
      },
    });
    expect(kills.filter((kill) => kill.insideWrite).length).toBeGreaterThanOrEqual(2);
    console.info(`crash test: ${kills.filter((kill) => kill.insideWrite).length} of ${kills.length} kills landed inside a write`);
  });
});
