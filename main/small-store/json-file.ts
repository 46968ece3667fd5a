import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../logger';
import { fileStamp, moveAside, readBytes, removeStaleTempFiles, writeFileAtomic } from '../store/store-file';
import { decodeJsonObject } from '../store/store-json';

/**
 * A small JSON file of the desk's own (the outbox, the platform export's
 * memory), beside the bookings file and kept by the same rules: written
 * atomically (temporary file, fsync, rename), changes serialized, a change
 * that fails leaves memory and disk as they were, and a file that cannot be
 * read is kept aside under a dated name, never overwritten.
 */
export interface JsonFile<T> {
  readonly path: string;
  get(): T;
  /** fn returns the next value (or the same object for "no change": nothing is written). */
  update(fn: (current: T) => T): Promise<T>;
}

export async function openJsonFile<T extends object>(options: { dataDir: string; name: string; schema: z.ZodType<T>; empty: () => T; log: Logger }): Promise<JsonFile<T>> {
  await mkdir(options.dataDir, { recursive: true });
  const path = join(options.dataDir, options.name);
  await removeStaleTempFiles(path);
  let current = options.empty();
  const bytes = await readBytes(path);
  if (bytes) {
    try {
      current = options.schema.parse(decodeJsonObject(bytes));
    } catch (error) {
      const aside = await moveAside(path, `${options.name.replace(/\.json$/, '')}-unreadable-${fileStamp(new Date())}`);
      options.log.warn('a small desk file could not be read; kept aside and started empty', { path, aside, error: String(error) });
    }
  }
  let queue: Promise<unknown> = Promise.resolve();
  return {
    path,
    get: () => current,
    update(fn) {
      const run = queue.then(async () => {
        const next = fn(current);
        if (next === current) return current;
        const checked = options.schema.parse(next);
        await writeFileAtomic(path, `${JSON.stringify(checked, null, 1)}\n`);
        current = checked;
        return current;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
