import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';
import { BATCH_ROWS, COUNT, summaryAfter } from '../support/group-crash-child';
import { killAtTrace, stepOf, stepsSeen } from '../support/stepping-child';
import { useTempDir } from '../support/temp-dir';

/**
 * Kills a real child process (SIGKILL) while the store writes large changes
 * (half the bookings each, like an import) as groups of journal lines, at
 * least 20 times inside a group (its trace says the group had started and
 * not committed), many of them with some of its lines already on disk.
 * After every kill the store must reopen to the state after some whole
 * step k: never part of a step, nothing committed lost.
 */

const root = resolve(import.meta.dirname, '../..');
const CHILD = join(root, 'tests/support/group-crash-child.ts');
const NEEDED_INSIDE = 20;
/** Kills after at least one of the group's lines was durable: the case a commit line exists for. */
const NEEDED_PARTIAL = 8;
const MAX_ATTEMPTS = 80;

interface Run {
  inside: boolean;
  /** Lines of the open group that were durable when the kill landed. */
  linesWritten: number;
  lastCommitted: number;
  lastStarted: number;
}

async function runAndKill(dataDir: string, occurrence: number, delayMs: number): Promise<Run> {
  const lines = await killAtTrace({ script: CHILD, dataDir, at: 'T group start', occurrence, delayMs, guardMs: 30_000 });
  const groupStart = lines.lastIndexOf('T group start');
  const after = groupStart < 0 ? [] : lines.slice(groupStart + 1);
  const inside = groupStart >= 0 && !after.includes('T group commit');
  return { inside, linesWritten: after.filter((l) => l === 'T append end').length, ...stepsSeen(lines) };
}

let dir: string;
useTempDir('td-group-crash-', (made) => (dir = made), 'all');

describe('a large change (an import) killed while its lines are written', () => {
  it('reopens to none or all of it, never part, nothing committed lost', { timeout: 400_000 }, async () => {
    const dataDir = join(dir, 'data');
    const original = makeBookings(COUNT);
    let attempts = 0;
    let inside = 0;
    let partial = 0;
    let committedSoFar = -1;
    while ((inside < NEEDED_INSIDE || partial < NEEDED_PARTIAL) && attempts < MAX_ATTEMPTS) {
      attempts++;
      const run = await runAndKill(dataDir, 1 + Math.floor(Math.random() * 2), Math.floor(Math.random() * 60));
      if (run.inside) inside++;
      if (run.inside && run.linesWritten > 0) partial++;

      const store = await openBookingStore({ dataDir, clock: () => new Date(), batchRows: BATCH_ROWS });
      // A kill inside a group may leave its lines without a commit line: dropped, and said once.
      expect(store.notices.every((n) => n.kind === 'store-journal-torn')).toBe(true);
      const k = stepOf(store.calendarState().calendarId);
      expect(k).toBeGreaterThanOrEqual(Math.max(run.lastCommitted, committedSoFar));
      expect(k).toBeLessThanOrEqual(Math.max(run.lastStarted, run.lastCommitted));
      committedSoFar = k;
      // Every booking as step k left it: a half-written step would leave some with the step before's summary.
      const byId = new Map(store.list().map((b) => [b.id, b]));
      expect(byId.size).toBe(COUNT);
      original.forEach((b, i) => expect(byId.get(b.id)?.summary, `booking ${i} after step ${k}`).toBe(summaryAfter(i, k) ?? b.summary));
      await store.close();
      expect((await readdir(dataDir)).every((name) => name === 'bookings.json' || name === 'bookings.journal')).toBe(true);
    }
    console.info(`group crash test: ${attempts} kills, ${inside} inside a group, ${partial} of them with some of its lines on disk`);
    expect(inside).toBeGreaterThanOrEqual(NEEDED_INSIDE);
    expect(partial).toBeGreaterThanOrEqual(NEEDED_PARTIAL);
  });
});
