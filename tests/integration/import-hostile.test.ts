import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/errors';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { buildExport } from '../../main/export/export-service';
import { parseCsv } from '../../main/import/csv';
import { createImportService, type ImportService } from '../../main/import/import-service';
import { memoryLogger } from '../../main/logger';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';
import { platformClassDoc, useImportWorld } from './support/import-world';

/**
 * Files an outside test threw at the import (issue 10): nesting deep enough
 * to overflow a recursive walk, dates beyond what a JavaScript Date holds,
 * prices as a Spanish-locale spreadsheet writes them. Each must end in a
 * clear reason, for the row or for the file, never in INTERNAL, and the
 * rest of the file must still preview.
 */

const NOW = new Date('2026-11-24T15:00:00Z');
const clock = () => NOW;

let dir: string;
let store: BookingStore;
let imports: ImportService;
useImportWorld('td-import-hostile-', clock, (world) => ({ dir, store, imports } = world));

async function fileText(name: string, content: string): Promise<{ fileName: string; content: string }> {
  const path = join(dir, name);
  await writeFile(path, content);
  return { fileName: name, content: await readFile(path, 'utf8') };
}

const doc = (i: number, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...platformClassDoc(i, { oidBase: 0xa000, everyMs: 86_400_000, preferencePrefix: 'pref-' }),
  ...overrides,
});

const ndjson = (lines: string[]) => lines.join('\n') + '\n';
const DEPTH = 100_000;
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** The preview, or the AppError it was refused with; anything else (a RangeError: INTERNAL) fails the test. */
async function previewOrRefusal(file: { fileName: string; content: string }) {
  try {
    return { preview: await imports.preview(file), refused: null };
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INVALID_REQUEST');
    return { preview: null, refused: (error as AppError).message };
  }
}

describe('nesting 100,000 levels deep', () => {
  it('refuses the one row (NDJSON) and previews the others', async () => {
    const deepRow = JSON.stringify(doc(1)).replace(/}$/, `,"extra":${deepObject(DEPTH)}}`);
    const file = await fileText('deep.json', ndjson([JSON.stringify(doc(0)), deepRow, JSON.stringify(doc(2))]));
    const { preview } = await previewOrRefusal(file);
    expect(preview?.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 1 });
    expect(preview?.invalid).toEqual([{ line: 2, reason: 'line 2 is nested more than 64 levels deep; no class record is' }]);
  });

  it('refuses the one item of a JSON array, whether an object or a list', async () => {
    const file = await fileText('deep-array.json', `[${JSON.stringify(doc(0))},${deepArray(DEPTH)},${JSON.stringify(doc(2)).replace(/}$/, `,"x":${deepObject(DEPTH)}}`)}]`);
    const { preview } = await previewOrRefusal(file);
    expect(preview?.counts).toMatchObject({ new: 1, invalid: 2 });
    expect(preview?.invalid.map((i) => i.reason)).toEqual([
      'item 2 of the array (line 1) is nested more than 64 levels deep; no class record is',
      'item 3 of the array (line 1) is nested more than 64 levels deep; no class record is',
    ]);
  });

  it('refuses a CSV row whose participants cell holds deeply nested JSON, and previews the others', async () => {
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const csv = [
      'preferenceId,studentName,studentEmail,startTime,endTime,classType,maxParticipants,classPrice,participants,participantsIds',
      'ok-1,Ana,ana@example.com,2026-12-01 17:00,2026-12-01 18:00,individual,1,15000,,',
      `deep-1,Bea,bea@example.com,2026-12-02 17:00,2026-12-02 18:00,grupal,2,30000,${quoted(`[${deepObject(DEPTH)}]`)},`,
      `deep-2,Eva,eva@example.com,2026-12-03 17:00,2026-12-03 18:00,grupal,2,30000,${quoted(deepArray(DEPTH))},`,
      `deep-3,Gus,gus@example.com,2026-12-04 17:00,2026-12-04 18:00,grupal,2,30000,,${quoted(`[${deepObject(DEPTH)}]`)}`,
      '',
    ].join('\r\n');
    const { preview } = await previewOrRefusal(await fileText('deep.csv', csv));
    expect(preview?.counts).toMatchObject({ invalid: 2 });
    expect(preview?.invalid.map((i) => i.line)).toEqual([4, 5]);
    expect(preview?.invalid.map((i) => i.reason)).toEqual(['line 4: participants: Invalid input: expected object, received array', 'line 5: participantsIds is an object, not text']);
  });

  it.each([
    ['one deep object', deepObject(DEPTH)],
    ['one deep list', deepArray(DEPTH)],
    ['a companion file with a deep user', `{"virtualClasses":[${JSON.stringify(doc(0))}],"users":[${deepObject(DEPTH)}]}`],
    ['broken JSON, deep', deepObject(DEPTH).slice(0, -1)],
  ])('refuses a file that is %s, with the reason', async (_name, content) => {
    const { refused } = await previewOrRefusal(await fileText('deep.json', content));
    expect(refused).toMatch(/^"deep.json" cannot be imported: /);
  });
});

describe('dates beyond what a JavaScript Date holds', () => {
  it.each([
    ['canonical $date', { startTime: { $date: { $numberLong: '9000000000000000' } } }, /^line 2: startTime 9000000000000000 is not a date between the years 1900 and 9999$/],
    ['epoch milliseconds 1e20', { endTime: 1e20 }, /^line 2: endTime 100000000000000000000 is not a date between the years 1900 and 9999$/],
    ['a negative one', { startTime: -1e17 }, /^line 2: startTime -100000000000000000 is not a date between the years 1900 and 9999$/],
    ['the last instant a Date holds', { endTime: 8.64e15 }, /^line 2: endTime 8640000000000000 is not a date between the years 1900 and 9999$/],
    ['createdAt', { createdAt: { $date: { $numberLong: '9000000000000000' } } }, /^line 2: createdAt 9000000000000000 is not a date between the years 1900 and 9999$/],
    ['a year the text cannot mean', { startTime: '0026-12-01T17:00:00Z' }, /^line 2: startTime "0026-12-01T17:00:00Z" is not a date between the years 1900 and 9999$/],
  ])('refuses the row with %s, and previews the rest', async (_name, overrides, reason) => {
    const file = await fileText('dates.json', ndjson([doc(0), doc(1, overrides), doc(2)].map((d) => JSON.stringify(d))));
    const { preview } = await previewOrRefusal(file);
    expect(preview?.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 1 });
    expect(preview?.invalid).toHaveLength(1);
    expect(preview?.invalid[0]?.line).toBe(2);
    expect(preview?.invalid[0]?.reason).toMatch(reason);
  });
});

describe('a CSV from a Spanish-locale spreadsheet', () => {
  it('reads prices written 15000,00, 15.000 and 15.000,00 as whole pesos, and refuses cents for their row only', async () => {
    const csv = [
      'preferenceId;studentName;studentEmail;startTime;endTime;classType;maxParticipants;classPrice',
      'es-1;Ana;ana@example.com;2026-12-01 17:00;2026-12-01 18:00;individual;1;15000,00',
      'es-2;Bea;bea@example.com;2026-12-02 17:00;2026-12-02 18:00;individual;1;15.000',
      'es-3;Carla;carla@example.com;2026-12-03 17:00;2026-12-03 18:00;grupal;3;"36.000,00"',
      'es-4;Dani;dani@example.com;2026-12-04 17:00;2026-12-04 18:00;individual;1;15,5',
      '',
    ].join('\r\n');
    const { preview } = await previewOrRefusal(await fileText('planilla.csv', csv));
    expect(preview?.counts).toEqual({ new: 3, updated: 0, unchanged: 0, invalid: 1 });
    expect(preview?.invalid).toEqual([{ line: 5, reason: 'line 5: classPrice "15,5" has cents (,5): prices are whole pesos, like 15000' }]);
    await imports.commit({ previewId: preview!.previewId });
    expect(store.list().map((b) => [b.preferenceId, b.classPrice])).toEqual([
      ['es-1', 15000],
      ['es-2', 15000],
      ['es-3', 36000],
    ]);
  });
});

describe('the CSV export, guarded against formulas in every column', () => {
  // (Tab and CR are guarded too, export-csv.test.ts; the import trims text, so they make no exact round trip.)
  it('imports back as the same bookings, the guard undone', async () => {
    const [a, b] = makeBookings(2);
    const hostile = [
      { ...a!, preferenceId: '=HYPERLINK("https://evil.example","pagar")', platformId: '+5491122334455', googleEventId: '@SUM(1)', summary: '=1+1', learningFocus: '-2+3' },
      { ...b!, preferenceId: "'=already quoted", bookedBy: { name: '-cmd|calc', email: b!.bookedBy.email } },
    ];
    await store.mutate((draft) => void draft.bookings.push(...hostile));
    const exported = buildExport(store.list(), { from: '2026-01-01', to: '2026-12-31', format: 'csv' }, { timeZone: DEFAULT_SETTINGS.timeZone, now: NOW });
    const [, ...rows] = parseCsv(exported.content.slice(1));
    for (const value of rows.flat()) expect(value).not.toMatch(/^[=+\-@\t\r]/);

    const other = await openBookingStore({ dataDir: join(dir, 'other'), clock });
    try {
      const intoEmpty = createImportService({ store: other, settings: () => DEFAULT_SETTINGS, clock, log: memoryLogger() });
      const preview = await intoEmpty.preview(await fileText(exported.suggestedName, exported.content));
      expect(preview.counts).toEqual({ new: 2, updated: 0, unchanged: 0, invalid: 0 });
      await intoEmpty.commit({ previewId: preview.previewId });
      expect(other.list()).toEqual(store.list());
    } finally {
      await other.close();
    }
  });
});
