import { describe, expect, it } from 'vitest';
import { ImportRefusedError } from '../../main/import/import-errors';
import { splitTopLevelArray, type ScanMeter } from '../../main/import/json-array-split';
import type { TimeSlicer } from '../../main/import/next-turn';

/**
 * The JSON array splitter does its work in one pass: it counts every
 * character it looks at (ScanMeter), so a return of the quadratic line
 * counting (each element's line found by scanning onwards to the end of a
 * one-line file: 50,000 rows took 58 s) fails here by count, not by time.
 */

const noSlicing: TimeSlicer = { due: () => false, breathe: async () => {} };
const refuse = (reason: string) => new ImportRefusedError('test.json', reason);

function doc(i: number): Record<string, unknown> {
  return { _id: { $oid: i.toString(16).padStart(24, '0') }, preferenceId: `p-${i}`, summary: 'Clase "de" Inglés, \\ sí', startTime: { $date: '2026-12-01T20:00:00Z' }, participantsIds: [{ $oid: 'a'.repeat(24) }] };
}

const oneLine = (n: number) => `[${Array.from({ length: n }, (_, i) => JSON.stringify(doc(i))).join(',')}]`;
/** As `mongoexport --jsonArray --pretty` writes it: one element over several lines. */
const pretty = (n: number) => `[\n${Array.from({ length: n }, (_, i) => JSON.stringify(doc(i), null, '\t')).join(',\n')}\n]\n`;

async function split(text: string): Promise<{ elements: Awaited<ReturnType<typeof splitTopLevelArray>>; meter: ScanMeter }> {
  const meter: ScanMeter = { scanned: 0 };
  const elements = await splitTopLevelArray(text, text.indexOf('['), () => {}, refuse, noSlicing, meter);
  return { elements, meter };
}

describe('splitting a top-level JSON array', () => {
  it.each([
    ['one line (mongoexport --jsonArray)', oneLine],
    ['pretty (mongoexport --jsonArray --pretty)', pretty],
  ])('looks at each character about once, %s, however many rows', async (_, build) => {
    for (const rows of [5_000, 20_000]) {
      const text = build(rows);
      const { elements, meter } = await split(text);
      expect(elements).toHaveLength(rows);
      // Linear: every character once (a quadratic scan looks at rows × length / 2).
      expect(meter.scanned).toBeLessThanOrEqual(text.length);
      expect(meter.scanned).toBeGreaterThan(text.length * 0.9);
    }
  });

  it('gives each element its slice and the line it starts on', async () => {
    const text = pretty(3);
    const { elements } = await split(text);
    expect(elements.map((e) => JSON.parse(text.slice(e.start, e.end)) as unknown)).toEqual([doc(0), doc(1), doc(2)]);
    const linesPerDoc = JSON.stringify(doc(0), null, '\t').split('\n').length;
    expect(elements.map((e) => e.line)).toEqual([2, 2 + linesPerDoc, 2 + 2 * linesPerDoc]);
    expect((await split(`\n\n  ${oneLine(2)}`)).elements.map((e) => e.line)).toEqual([3, 3]);
  });

  it('takes an empty array, and refuses an unterminated one or text after it', async () => {
    expect((await split('[ ]')).elements).toEqual([]);
    await expect(split(oneLine(2).slice(0, -1))).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(split(`${oneLine(2)} x`)).rejects.toBeInstanceOf(ImportRefusedError);
    await expect(split('[{"a": "never closed}]')).rejects.toBeInstanceOf(ImportRefusedError);
  });
});
