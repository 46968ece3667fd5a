import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';
import { COUNT, crashSteps } from '../support/journal-crash-child';
import { killAtTrace, stepOf, stepsSeen } from '../support/stepping-child';
import { useTempDir } from '../support/temp-dir';

/**
 * Kills a real child process (SIGKILL) while it appends to the journal and
 * while it compacts, at least 20 times, each kill proven to have landed
 * inside one (the child's trace says the write had started and not ended).
 * After every kill the store must reopen to a state that existed (the state
 * after some step k, known from k alone), with every committed step there:
 * k is the last step the child saw committed, or the one it had started.
 */

const root = resolve(import.meta.dirname, '../..');
const CHILD = join(root, 'tests/support/journal-crash-child.ts');
/** Kills that landed inside a write, and of them at least this many inside each kind (one kill can be inside both). */
const NEEDED_KILLS = 20;
const NEEDED = { append: 8, compact: 8 };
const MAX_ATTEMPTS = 90;

type Target = 'append' | 'compact';

interface Run {
  lines: string[];
  /** The op whose write was open when the kill landed, if any. */
  inside: Set<Target>;
  lastCommitted: number;
  lastStarted: number;
}

async function runAndKill(dataDir: string, target: Target, occurrence: number, delayMs: number): Promise<Run> {
  // The guard never lets a child hang the suite.
  const lines = await killAtTrace({ script: CHILD, dataDir, at: `T ${target} start`, occurrence, delayMs, guardMs: 20_000 });
  const inside = new Set<Target>();
  for (const op of ['append', 'compact'] as const) {
    const last = lines.filter((line) => line.startsWith(`T ${op} `)).at(-1);
    if (last !== undefined && last !== `T ${op} end`) inside.add(op);
  }
  return { lines, inside, ...stepsSeen(lines) };
}

let dir: string;
useTempDir('td-journal-crash-', (made) => (dir = made), 'all');

describe('journaled store: killed during appends and compactions', () => {
  it('always reopens to a state that existed, nothing committed lost', { timeout: 400_000 }, async () => {
    const dataDir = join(dir, 'data');
    const original = makeBookings(COUNT);
    const landed = { append: 0, compact: 0 };
    let attempts = 0;
    let inside = 0;
    let committedSoFar = -1;
    while ((inside < NEEDED_KILLS || landed.append < NEEDED.append || landed.compact < NEEDED.compact) && attempts < MAX_ATTEMPTS) {
      attempts++;
      // Aim at whichever kind still needs kills; vary which occurrence and how long after its start.
      const target: Target = landed.compact < NEEDED.compact && (attempts % 2 === 0 || landed.append >= NEEDED.append) ? 'compact' : 'append';
      const occurrence = 1 + Math.floor(Math.random() * 3);
      const delayMs = Math.floor(Math.random() * (target === 'compact' ? 25 : 3));
      const run = await runAndKill(dataDir, target, occurrence, delayMs);
      for (const op of run.inside) landed[op]++;
      if (run.inside.size) inside++;

      const store = await openBookingStore({ dataDir, clock: () => new Date() });
      expect(store.notices).toEqual([]);
      const k = stepOf(store.calendarState().calendarId);
      // Nothing committed is lost, and nothing appears that was never started.
      expect(k).toBeGreaterThanOrEqual(Math.max(run.lastCommitted, committedSoFar));
      expect(k).toBeLessThanOrEqual(Math.max(run.lastStarted, run.lastCommitted));
      committedSoFar = k;
      // The state is exactly the one after step k.
      const expected = crashSteps(k);
      const byId = new Map(store.list().map((b) => [b.id, b]));
      expect(byId.size).toBe(COUNT);
      original.forEach((b, i) => expect(byId.get(b.id)?.summary, `booking ${i} after step ${k}`).toBe(expected.get(i) ?? b.summary));
      // No temporary file survives a start.
      expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      expect((await readdir(dataDir)).every((name) => name === 'bookings.json' || name === 'bookings.journal')).toBe(true);
    }
    console.info(`journal crash test: ${attempts} kills, ${inside} inside a write: ${landed.append} inside an append, ${landed.compact} inside a compaction`);
    expect(inside).toBeGreaterThanOrEqual(NEEDED_KILLS);
    expect(landed.append).toBeGreaterThanOrEqual(NEEDED.append);
    expect(landed.compact).toBeGreaterThanOrEqual(NEEDED.compact);
  });
});
