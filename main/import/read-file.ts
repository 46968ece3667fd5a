import { CsvReader, CsvSyntaxError, detectDelimiter } from './csv';
import { looksLikeHeader, resolveHeader, unguardFormula } from './csv-columns';
import { MAX_JSON_DEPTH, unwrapExtendedJson } from './extended-json';
import { ImportRefusedError } from './import-errors';
import { splitTopLevelArray, type Refuse } from './json-array-split';
import { describeJsonError } from './json-syntax';
import { timeSlicer, type TimeSlicer } from './next-turn';
import { fitsOneByte, oneByteCopy, whyNotText, withoutBom } from './text-check';

/**
 * From file text to rows of fields, whatever the format: a JSON array
 * (`mongoexport --jsonArray` or plain), mongoexport's one document per
 * line, the companion object `{ virtualClasses, users, payments }`, or CSV
 * with a header row.
 *
 * Two steps, so 50,000 rows never sit in memory as parsed objects at once
 * (their garbage collection cost more than the parsing): opening finds the
 * format and where each row is; `rows()` then parses one row at a time as
 * the caller asks, and the caller gives the event loop its turns. A file
 * that cannot be read as a whole is refused with the reason, at either
 * step; problems of single rows travel on with the row.
 */

export type ImportFormat = 'mongoexport' | 'json' | 'csv';

export interface SourceRow {
  /** The line in the file (NDJSON, CSV), or the item number in a JSON array. */
  line: number;
  /** How to name the row to the teacher: "line 12", "item 3 of the array (line 9)". */
  where: string;
  /** Field values: strings from CSV (keyed by canonical column name), JSON values otherwise. */
  fields: Record<string, unknown>;
  /** Set when the row cannot be read at all (wrong number of CSV fields, not an object). */
  problem?: string;
}

/** What the companion format adds: students by user id, payments by preferenceId (null when the file has no payments). */
export interface Companion {
  users: Map<string, Record<string, unknown>>;
  payments: Map<string, Record<string, unknown>> | null;
}

export interface ImportSource {
  /** JSON comes from the platform; CSV may be the desk's own export. */
  kind: 'json' | 'csv';
  companion: Companion | null;
  /** How many rows `rows()` will give. */
  total: number;
  /** The rows, parsed as they are asked for; throws ImportRefusedError if the file turns out unreadable further on. */
  rows(): Generator<SourceRow>;
  /** Known for sure once the rows are read: mongoexport when any Extended JSON was seen. */
  format(): ImportFormat;
}

export type ReadProgress = (done: number, total: number) => void;

/** Fields every VirtualClass has: a JSON file whose records have none of them is some other export. */
const CLASS_FIELDS = ['startTime', 'endTime', 'classType', 'preferenceId'];


export async function openImportFile(fileName: string, content: string, progress: ReadProgress = () => {}, slicer: TimeSlicer = timeSlicer()): Promise<ImportSource> {
  const refuse: Refuse = (reason) => new ImportRefusedError(fileName, reason);
  const notText = whyNotText(content);
  if (notText) throw refuse(notText);
  const text = withoutBom(content);
  const first = text.search(/\S/);
  const source =
    text[first] === '['
      ? await openJsonArray(text, first, progress, refuse, slicer)
      : text[first] === '{'
        ? await openJsonObjects(text, first, progress, refuse)
        : await openCsv(text, text.length < content.length, progress, refuse, slicer);
  progress(text.length, text.length);
  if (source.total === 0) throw refuse('it holds no classes');
  return source;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Rows of JSON documents; notices Extended JSON, and refuses a file none of whose records is a class. */
function jsonSource(total: number, companion: Companion | null, refuse: Refuse, documents: () => Generator<{ value: unknown; line: number; where: string }>): ImportSource {
  let extended = false;
  return {
    kind: 'json',
    companion,
    total,
    format: () => (extended ? 'mongoexport' : 'json'),
    *rows() {
      let sawClass = false;
      for (const { value, line, where } of documents()) {
        const unwrapped = unwrapExtendedJson(value);
        extended ||= unwrapped.extended;
        if (unwrapped.tooDeep) {
          yield { line, where, fields: {}, problem: `${where} is nested more than ${MAX_JSON_DEPTH} levels deep; no class record is` };
          continue;
        }
        const plain = unwrapped.value;
        if (isRecord(plain)) {
          sawClass ||= CLASS_FIELDS.some((field) => field in plain);
          yield { line, where, fields: plain };
        } else {
          yield { line, where, fields: {}, problem: `${where} is ${typeName(plain)}, not a class` };
        }
      }
      if (!sawClass) throw refuse(`none of its records is a class (they have no ${CLASS_FIELDS.join(', ')}); is it the export of another collection, like users or payments?`);
    },
  };
}

async function openJsonArray(text: string, open: number, progress: ReadProgress, refuse: Refuse, slicer: TimeSlicer): Promise<ImportSource> {
  const elements = await splitTopLevelArray(text, open, progress, refuse, slicer);
  return jsonSource(elements.length, null, refuse, function* () {
    for (let n = 0; n < elements.length; n++) {
      const { start, end, line } = elements[n]!;
      let value: unknown;
      try {
        value = JSON.parse(text.slice(start, end));
      } catch {
        throw refuse(describeJsonError(text));
      }
      yield { value, line: n + 1, where: `item ${n + 1} of the array (line ${line})` };
    }
  });
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Non-blank lines as [start, end) offsets without the line break. */
function nonBlankLines(text: string): { start: number; end: number; number: number }[] {
  const lines: { start: number; end: number; number: number }[] = [];
  let start = 0;
  for (let number = 1; start <= text.length; number++) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (/\S/.test(text.slice(start, contentEnd))) lines.push({ start, end: contentEnd, number });
    start = end + 1;
  }
  return lines;
}

/** One object per line (mongoexport's default), or one object for the whole file (companion format, or a single document). */
async function openJsonObjects(text: string, first: number, progress: ReadProgress, refuse: Refuse): Promise<ImportSource> {
  const firstEnd = text.indexOf('\n', first);
  const firstLine = tryParse(text.slice(first, firstEnd === -1 ? text.length : firstEnd));
  if (!firstLine.ok || (isRecord(firstLine.value) && 'virtualClasses' in firstLine.value)) {
    const whole = tryParse(text);
    if (whole.ok) return openWholeObject(whole.value, refuse);
    if (!firstLine.ok && !looksLikeNdjson(text)) throw refuse(describeJsonError(text));
  }
  progress(0, text.length);
  const lines = nonBlankLines(text);
  return jsonSource(lines.length, null, refuse, function* () {
    for (const { start, end, number } of lines) {
      const parsed = tryParse(text.slice(start, end));
      if (!parsed.ok) throw refuse(describeJsonError(text, start, end));
      yield { value: parsed.value, line: number, where: `line ${number}` };
    }
  });
}

/** Several lines that each start a document, the second of which parses: a broken first document of an NDJSON file. */
function looksLikeNdjson(text: string): boolean {
  let seen = 0;
  for (const { start, end } of nonBlankLines(text)) {
    const line = text.slice(start, end).trim();
    if (!line.startsWith('{')) continue;
    if (++seen === 2) return tryParse(line).ok;
  }
  return false;
}

function openWholeObject(value: unknown, refuse: Refuse): ImportSource {
  if (!isRecord(value)) throw refuse(`the JSON holds ${typeName(value)}, not classes`);
  if (!('virtualClasses' in value)) {
    // A single document, pretty-printed.
    if (CLASS_FIELDS.some((field) => field in value)) {
      return jsonSource(1, null, refuse, function* () {
        yield { value, line: 1, where: 'the document' };
      });
    }
    throw refuse('the JSON object is neither a class nor a { "virtualClasses": [...], "users": [...], "payments": [...] } export');
  }
  const { virtualClasses, users, payments } = value;
  if (!Array.isArray(virtualClasses)) throw refuse(`"virtualClasses" is ${typeName(virtualClasses)}, not a list`);
  if (users !== undefined && !Array.isArray(users)) throw refuse(`"users" is ${typeName(users)}, not a list`);
  if (payments !== undefined && !Array.isArray(payments)) throw refuse(`"payments" is ${typeName(payments)}, not a list`);
  const byKey = (list: unknown[], key: string, name: 'users' | 'payments') => {
    const map = new Map<string, Record<string, unknown>>();
    for (const [i, item] of list.entries()) {
      const unwrapped = unwrapExtendedJson(item);
      if (unwrapped.tooDeep) throw refuse(`item ${i + 1} of "${name}" is nested more than ${MAX_JSON_DEPTH} levels deep; no ${name === 'users' ? 'user' : 'payment'} record is`);
      const plain = unwrapped.value;
      if (isRecord(plain) && typeof plain[key] === 'string') map.set(plain[key], plain);
    }
    return map;
  };
  const companion: Companion = {
    users: byKey((users as unknown[] | undefined) ?? [], '_id', 'users'),
    payments: payments === undefined ? null : byKey(payments as unknown[], 'preferenceId', 'payments'),
  };
  return jsonSource(virtualClasses.length, companion, refuse, function* () {
    for (let i = 0; i < virtualClasses.length; i++) yield { value: virtualClasses[i], line: i + 1, where: `item ${i + 1} of virtualClasses` };
  });
}

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
async function openCsv(fileText: string, afterBom: boolean, progress: ReadProgress, refuse: Refuse, slicer: TimeSlicer): Promise<ImportSource> {
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
