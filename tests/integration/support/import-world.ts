import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { Clock } from '../../../main/clock';
import { createImportService, type ImportService } from '../../../main/import/import-service';
import { memoryLogger } from '../../../main/logger';
import { openBookingStore, type BookingStore } from '../../../main/store/booking-store';

export interface ImportWorld {
  /** A temporary folder of the test's own; the store's data is in `data/` under it. */
  dir: string;
  store: BookingStore;
  /** The import service over that store, with the default settings. */
  imports: ImportService;
}

/** For each test: a temporary folder, a real store in it and an import service; closed and removed after. */
export function useImportWorld(prefix: string, clock: Clock, use: (world: ImportWorld) => void): void {
  let world: ImportWorld | undefined;
  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    const store = await openBookingStore({ dataDir: join(dir, 'data'), clock });
    world = { dir, store, imports: createImportService({ store, settings: () => DEFAULT_SETTINGS, clock, log: memoryLogger() }) };
    use(world);
  });
  afterEach(async () => {
    if (!world) return;
    await world.store.close();
    await rm(world.dir, { recursive: true, force: true });
    world = undefined;
  });
}

/**
 * The i-th of a run of VirtualClasses as mongoexport writes them (relaxed
 * date on startTime, canonical on endTime): one hour each, `everyMs` apart
 * from 2026-12-01 20:00 UTC (17:00 in Buenos Aires).
 */
export function platformClassDoc(i: number, run: { oidBase?: number; everyMs: number; preferencePrefix: string }): Record<string, unknown> {
  const start = Date.parse('2026-12-01T20:00:00Z') + i * run.everyMs;
  return {
    _id: { $oid: ((run.oidBase ?? 0) + i).toString(16).padStart(24, '0') },
    bookedBy: { name: `Alumna ${i}`, email: `alumna${i}@example.com` },
    startTime: { $date: new Date(start).toISOString() },
    endTime: { $date: { $numberLong: String(start + 3_600_000) } },
    classType: 'individual',
    maxParticipants: 1,
    classPrice: 15000,
    status: 'pending',
    preferenceId: `${run.preferencePrefix}${i}`,
  };
}

/** Runs `run` counting the JSON.parse calls on this thread whose text holds `marker` (the import's worker parses on another). */
export async function parsesHere(marker: string, run: () => Promise<void>): Promise<number> {
  const parse = JSON.parse;
  let count = 0;
  JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => {
    if (typeof text === 'string' && text.includes(marker)) count++;
    return parse(text, reviver) as unknown;
  }) as typeof JSON.parse;
  try {
    await run();
  } finally {
    JSON.parse = parse;
  }
  return count;
}
