import { CsvReader, CsvSyntaxError, detectDelimiter } from './csv';
import { looksLikeHeader, resolveHeader, unguardFormula } from './csv-columns';
import type { Refuse } from './json-array-split';
import type { TimeSlicer } from './next-turn';
import type { ImportSource, ReadProgress } from './read-file';
import { fitsOneByte, oneByteCopy } from './text-check';

/**
 * CSV is read twice: first the whole file, checked record by record without
 * building any field (a quote left open would misread everything after it),
 * keeping only where each record starts; then each row's fields, from
 * there, as rows() is asked. So the file's cells never all sit in memory.
 *
 * `afterBom`: the text was sliced from one that began with a byte-order
 * mark, so V8 holds it two bytes per character, and every field sliced from
 * it too (text-check.ts); it is copied to the one-byte form when it fits
 * (the renderer's File.text() drops the mark; a file read otherwise keeps
 * it). A text with characters beyond Latin-1 is read as it is, and each row
 * without any from a one-byte copy of its own.
 */
export async function openCsv(fileText: string, afterBom: boolean, progress: ReadProgress, refuse: Refuse, slicer: TimeSlicer): Promise<ImportSource> {
  const wide = !fitsOneByte(fileText);
  const text = afterBom && !wide ? oneByteCopy(fileText) : fileText;
  const delimiter = detectDelimiter(text);
  const reader = new CsvReader(text, delimiter);
  const starts: number[] = [];
  const lines: number[] = [];
  let names: string[];
  try {
    let header: string[] | null = null;
    while (!reader.done && header === null) {
      const fields = reader.read();
      if (fields.length !== 1 || fields[0] !== '') header = fields;
    }
    if (header === null) throw refuse('it holds only blank space');
    if (!looksLikeHeader(header)) {
      throw refuse('its format is unknown: it is not JSON, and its first line is not a CSV header (the columns are startTime, endTime, classType, studentName, studentEmail, …)');
    }
    const resolved = resolveHeader(header);
    if (!resolved.ok) throw refuse(resolved.reason);
    names = resolved.names;
    while (!reader.done) {
      const { pos, line } = reader;
      if (!reader.skip()) continue;
      starts.push(pos);
      lines.push(line);
      if (starts.length % 64 === 0 && slicer.due()) {
        progress(reader.pos, text.length);
        await slicer.breathe();
      }
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw refuse(`the CSV cannot be read: ${error.message}`);
    throw error;
  }
  return {
    kind: 'csv',
    companion: null,
    total: starts.length,
    format: () => 'csv',
    *rows() {
      const rowReader = new CsvReader(text, delimiter);
      for (let n = 0; n < starts.length; n++) {
        const line = lines[n] as number;
        const start = starts[n] as number;
        const record = wide ? text.slice(start, starts[n + 1] ?? text.length) : '';
        const reader = wide && fitsOneByte(record) ? new CsvReader(oneByteCopy(record), delimiter) : rowReader;
        reader.seek(reader === rowReader ? start : 0, line);
        const cells = reader.read();
        const where = `line ${line}`;
        if (cells.length !== names.length) {
          yield { line, where, fields: {}, problem: `${where} has ${cells.length} fields, the header has ${names.length} (a delimiter or quote out of place?)` };
          continue;
        }
        const fields: Record<string, unknown> = {};
        // The export guards every column against formulas (csv-columns.ts), so every column is unguarded.
        for (let i = 0; i < names.length; i++) fields[names[i] as string] = unguardFormula(cells[i] as string);
        yield { line, where, fields };
      }
    },
  };
}
