import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { killDuringWrites, type Kill } from '../support/crash-child';
import { useTempDir } from '../support/temp-dir';

/** The crash-test helper itself: a crash test whose kills never land inside a write fails. */

const helper = JSON.stringify(pathToFileURL(resolve(import.meta.dirname, '../support/crash-phase.ts')).href);
const child = (loop: string) => `import { writePhase } from ${helper};\nconst phase = writePhase();\nphase.ready();\n${loop}\n`;

let dir: string;
useTempDir('td-crash-helper-', (made) => (dir = made));

describe('killDuringWrites', () => {
  it('fails when none of its kills lands inside a write', { timeout: 60_000 }, async () => {
    const script = join(dir, 'never-writes.mts');
    await writeFile(script, child('setInterval(() => {}, 1000);'));
    const checked: Kill[] = [];
    const run = killDuringWrites({ script, maxKills: 3, timing: (attempt) => ({ after: 'ready', ms: 10 * attempt }), check: async (kill) => void checked.push(kill) });
    await expect(run).rejects.toThrow('only 0 of 3 kills landed inside a write (wanted 1): the crash was not tested where it matters');
    expect(checked.map((kill) => kill.insideWrite)).toEqual([false, false, false]);
  });

  it('sees a kill that landed inside a write, aimed at the write the child announced', { timeout: 60_000 }, async () => {
    const script = join(dir, 'stays-in-a-write.mts');
    await writeFile(script, child('phase.enter();\nsetInterval(() => {}, 1000);'));
    const kills = await killDuringWrites({ script, minKills: 1, timing: () => ({ after: 'enter', nth: 1, ms: 0 }), check: async () => {} });
    expect(kills).toEqual([{ attempt: 0, timing: { after: 'enter', nth: 1, ms: 0 }, insideWrite: true }]);
  });
});
