import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OutboxFileSchema } from '../../shared/outbox';
import { emptyOutbox, OUTBOX_FILE } from '../../main/outbox/outbox';
import { silentLogger } from '../../main/logger';
import { openJsonFile } from '../../main/small-store/json-file';
import { runUntilKilled } from '../support/crash-child';
import { useTempDir } from '../support/temp-dir';

/**
 * Actions the app accepted offline survive a crash: a child process queues
 * actions through the real outbox (Google away) and says "queued N" after
 * each one is accepted; it is killed with SIGKILL at several moments. Every
 * time the outbox file opens cleanly and holds every action the app had
 * acknowledged (and at most the one being saved when it died).
 */

const root = resolve(import.meta.dirname, '../..');
const url = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
const CHILD = `
import { OutboxFileSchema } from ${url('shared/outbox.ts')};
import { createOutbox, emptyOutbox, OUTBOX_FILE } from ${url('main/outbox/outbox.ts')};
import { silentLogger } from ${url('main/logger.ts')};
import { openJsonFile } from ${url('main/small-store/json-file.ts')};
import { aBooking } from ${url('tests/support/booking-fixture.ts')};
const file = await openJsonFile({ dataDir: process.argv[2], name: OUTBOX_FILE, schema: OutboxFileSchema, empty: emptyOutbox, log: silentLogger });
const booking = aBooking({ id: '5f0c2a1b-2c3d-4e5f-8071-8a9b0c1d2e3f' });
const outbox = createOutbox({ file, engine: {}, store: { get: () => booking }, isOffline: () => true, clock: () => new Date(), log: silentLogger, onChange: () => {} });
let n = file.get().actions.length;
if (n === 0) { await outbox.submit({ kind: 'confirm', bookingId: booking.id }); n++; }
process.stdout.write('ready\\n');
for (;;) {
  const hour = String(8 + (n % 10)).padStart(2, '0');
  await outbox.submit({ kind: 'reschedule', bookingId: booking.id, slot: { startTime: '2026-12-01T' + hour + ':00:00-03:00', endTime: '2026-12-01T' + hour + ':59:00-03:00' } });
  n++;
  process.stdout.write('queued ' + n + '\\n');
}
`;

let dir: string;
useTempDir('td-outbox-crash-', (made) => (dir = made));

/** Runs the child until killed; resolves with the last count it acknowledged. */
async function runAndKill(script: string, dataDir: string, afterReadyMs: number): Promise<number> {
  const lines = await runUntilKilled({
    script,
    args: [dataDir],
    onLine: (line, kill) => {
      if (line === 'ready') kill(afterReadyMs);
    },
  });
  const counts = lines.flatMap((line) => /^queued (\d+)$/.exec(line)?.[1] ?? []).map(Number);
  return counts.at(-1) ?? 0;
}

describe('outbox: crash while actions are being kept', () => {
  it('keeps every acknowledged action, in order, in a file that always opens', { timeout: 60_000 }, async () => {
    const script = join(dir, 'queuer.mts');
    await writeFile(script, CHILD);
    const dataDir = join(dir, 'data');
    let before = 0;
    for (const delay of [40, 90, 160, 250]) {
      const acknowledged = await runAndKill(script, dataDir, delay);
      const file = await openJsonFile({ dataDir, name: OUTBOX_FILE, schema: OutboxFileSchema, empty: emptyOutbox, log: silentLogger });
      const { actions } = file.get();
      expect(actions.length).toBeGreaterThanOrEqual(Math.max(acknowledged, before));
      expect(actions.length).toBeLessThanOrEqual(Math.max(acknowledged, before) + 1);
      expect(actions[0]?.kind).toBe('confirm');
      expect(actions.slice(1).every((a) => a.kind === 'reschedule')).toBe(true);
      // Nothing set aside as unreadable.
      expect((await readdir(dataDir)).filter((n) => n.includes('unreadable'))).toEqual([]);
      before = actions.length;
    }
    expect(before).toBeGreaterThan(1);
  });
});
