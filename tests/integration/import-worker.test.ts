import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createImportService, type ImportService } from '../../main/import/import-service';
import { readRowsInWorker } from '../../main/import/worker-rows';
import { memoryLogger } from '../../main/logger';
import type { BookingStore } from '../../main/store/booking-store';
import { parsesHere, platformClassDoc, useImportWorld } from './support/import-world';

/**
 * Import reads files in a worker thread (main/import/import-worker.ts): the
 * main thread never parses, a preview can be stopped, and the Electron build
 * ships the worker as a file plain Node can start.
 */

const NOW = new Date('2026-11-24T15:00:00Z');
const clock = () => NOW;
const settings = () => DEFAULT_SETTINGS;
const root = join(import.meta.dirname, '../..');

let dir: string;
let store: BookingStore;
let imports: ImportService;
useImportWorld('td-import-worker-', clock, (world) => ({ dir, store, imports } = world));

const platformDoc = (i: number) => platformClassDoc(i, { everyMs: 3_600_000, preferencePrefix: 'worker-' });

const ndjson = (count: number) => Array.from({ length: count }, (_, i) => JSON.stringify(platformDoc(i))).join('\n') + '\n';

describe('the import worker', () => {
  it('parses off the main thread: main never JSON.parses a row of the file', async () => {
    const rowsParsedHere = await parsesHere('"preferenceId":"worker-', async () => {
      const preview = await imports.preview({ fileName: 'classes.json', content: ndjson(2_000) });
      expect(preview.counts).toEqual({ new: 2_000, updated: 0, unchanged: 0, invalid: 0 });
      expect(preview.format).toBe('mongoexport');
    });
    expect(rowsParsedHere).toBe(0);
  });

  it('stops a preview still reading when the teacher closes the dialog (discard) or picks another file', async () => {
    const big = { fileName: 'big.json', content: ndjson(30_000) };
    const discarded = imports.preview(big);
    imports.discard();
    await expect(discarded).rejects.toMatchObject({ code: 'CANCELLED' });

    const replaced = imports.preview(big);
    const newer = imports.preview({ fileName: 'small.json', content: ndjson(3) });
    await expect(replaced).rejects.toMatchObject({ code: 'CANCELLED' });
    const preview = await newer;
    expect(preview.counts.new).toBe(3);
    await expect(imports.commit({ previewId: preview.previewId })).resolves.toEqual({ created: 3, updated: 0 });
  });

  it('refuses a file it cannot read with the reason, and reads the next one with the same worker', async () => {
    await expect(imports.preview({ fileName: 'broken.json', content: '[{"a": 1},' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('"broken.json" cannot be imported') });
    await expect(imports.preview({ fileName: 'ok.json', content: ndjson(2) })).resolves.toMatchObject({ counts: { new: 2 } });
  });

  it('says so, and logs why, when the worker cannot start (a broken install), without taking the app down', async () => {
    const log = memoryLogger();
    const broken = createImportService({ store, settings, clock, log, workerFile: join(dir, 'missing-import-worker.cjs') });
    await expect(broken.preview({ fileName: 'classes.json', content: ndjson(2) })).rejects.toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('Details are in the log') });
    expect(log.lines.some((line) => line.includes('import worker failed') && line.includes('missing-import-worker.cjs'))).toBe(true);
    await expect(imports.preview({ fileName: 'classes.json', content: ndjson(2) })).resolves.toMatchObject({ counts: { new: 2 } });
  });

  it('is emitted by the Electron main build beside index.cjs, and plain Node runs it', async () => {
    const outDir = join(dir, 'out-main');
    await promisify(execFile)(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--mode', 'main', '--outDir', outDir, '--logLevel', 'error'], { cwd: root });
    expect(existsSync(join(outDir, 'index.cjs'))).toBe(true);
    const workerFile = join(outDir, 'import-worker.cjs');
    expect(existsSync(workerFile)).toBe(true);

    const progress: number[] = [];
    const reading = readRowsInWorker(workerFile, { fileName: 'classes.json', content: ndjson(600), timeZone: DEFAULT_SETTINGS.timeZone }, (done) => progress.push(done));
    const rows = await reading.opened;
    let ok = 0;
    for await (const batch of rows.batches) ok += batch.filter((row) => row.ok).length;
    expect(ok).toBe(600);
    expect(rows.format()).toBe('mongoexport');
    expect(progress.length).toBeGreaterThan(0);
  }, 120_000);
});
