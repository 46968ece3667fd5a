import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxFileSchema } from '../../shared/outbox';
import { memoryLogger } from '../../main/logger';
import { emptyOutbox, OUTBOX_FILE } from '../../main/outbox/outbox';
import { openJsonFile } from '../../main/small-store/json-file';

/** The desk's small files (outbox, platform export memory): same rules as the bookings file. */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-small-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (log = memoryLogger()) => openJsonFile({ dataDir: dir, name: OUTBOX_FILE, schema: OutboxFileSchema, empty: emptyOutbox, log });

describe('small JSON files', () => {
  it('keeps an unreadable file aside, byte for byte, starts empty and says so in the log', async () => {
    await writeFile(join(dir, OUTBOX_FILE), '{"version":1,"actions":[{"id":');
    const log = memoryLogger();
    const file = await open(log);
    expect(file.get()).toEqual(emptyOutbox());
    const aside = (await readdir(dir)).filter((n) => n.startsWith('outbox-unreadable-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0] as string), 'utf8')).toBe('{"version":1,"actions":[{"id":');
    expect(log.lines.join('\n')).toContain('kept aside');
  });

  it('a change that does not fit the schema is refused: nothing changes in memory or on disk', async () => {
    const file = await open();
    await file.update(() => ({ version: 1, actions: [] }));
    const before = await readFile(file.path, 'utf8');
    await expect(file.update(() => ({ version: 2, actions: [] }) as never)).rejects.toThrow();
    expect(file.get()).toEqual({ version: 1, actions: [] });
    expect(await readFile(file.path, 'utf8')).toBe(before);
  });

  it('writes nothing when nothing changed', async () => {
    const file = await open();
    await file.update((current) => current);
    expect(await readdir(dir)).toEqual([]);
  });
});
