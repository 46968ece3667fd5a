import { CsvSyntaxError, detectDelimiter, readCsv } from './csv';
import { FREE_TEXT_COLUMNS, looksLikeHeader, resolveHeader, unguardFormula } from './csv-columns';
import { unwrapExtendedJson } from './extended-json';
import { ImportRefusedError } from './import-errors';
import { describeJsonError } from './json-syntax';
import { whyNotText, withoutBom } from './text-check';
import { nextTurn } from './next-turn';

/**
 * From file text to rows of fields, whatever the format: a JSON array
 * (`mongoexport --jsonArray` or plain), mongoexport's one document per
 * line, the companion object `{ virtualClasses, users, payments }`, or CSV
 * with a header row. A file that cannot be read as a whole is refused here
 * with the reason; problems of single rows travel on with the row.
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

export interface ReadResult {
  format: ImportFormat;
  rows: SourceRow[];
  companion: Companion | null;
}

export type ReadProgress = (done: number, total: number) => void;

/** Rows between two turns of the event loop. */
const ROWS_PER_TURN = 2000;
/** Characters scanned between two turns of the event loop. */
const CHARS_PER_TURN = 4_000_000;

export async function readImportFile(fileName: string, content: string, progress: ReadProgress = () => {}): Promise<ReadResult> {
  const refuse = (reason: string) => new ImportRefusedError(fileName, reason);
  const notText = whyNotText(content);
  if (notText) throw refuse(notText);
  const text = withoutBom(content);
  const first = text.search(/\S/);
  const result =
    text[first] === '['
      ? await readJsonArray(text, first, progress, refuse)
      : text[first] === '{'
        ? await readJsonObjects(text, first, progress, refuse)
        : await readCsvText(text, progress, refuse);
  progress(text.length, text.length);
  if (result.rows.length === 0) throw refuse('it holds no classes');
  if (result.format !== 'csv' && !result.rows.some((row) => CLASS_FIELDS.some((field) => field in row.fields))) {
    throw refuse(`none of its records is a class (they have no ${CLASS_FIELDS.join(', ')}); is it the export of another collection, like users or payments?`);
  }
  return result;
}

/** Fields every VirtualClass has: a JSON file whose records have none of them is some other export. */
const CLASS_FIELDS = ['startTime', 'endTime', 'classType', 'preferenceId'];

type Refuse = (reason: string) => ImportRefusedError;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A parsed document as a row: Extended JSON unwrapped, or the reason it is not a class. */
function jsonRow(value: unknown, line: number, where: string): { row: SourceRow; extended: boolean } {
  const { value: plain, extended } = unwrapExtendedJson(value);
  if (!isRecord(plain)) return { row: { line, where, fields: {}, problem: `${where} is ${typeName(plain)}, not a class` }, extended };
  return { row: { line, where, fields: plain }, extended };
}

/** The element slices of the top-level array starting at `open`, with the line each starts on. */
async function splitTopLevelArray(text: string, open: number, progress: ReadProgress, refuse: Refuse): Promise<{ start: number; end: number; line: number }[]> {
  const bounds: { start: number; end: number }[] = [];
  let depth = 0;
  let start = open + 1;
  let nextTurnAt = CHARS_PER_TURN;
  let closed = -1;
  for (let i = open + 1; i < text.length; i++) {
    if (i >= nextTurnAt) {
      progress(i, text.length);
      await nextTurn();
      nextTurnAt = i + CHARS_PER_TURN;
    }
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Jump over a string: to the next quote not escaped by an odd number of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j === -1) throw refuse(describeJsonError(text));
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === 92) backslashes++;
        if (backslashes % 2 === 0) break;
        j++;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      if (depth === 0) {
        if (c === 125) throw refuse(describeJsonError(text));
        bounds.push({ start, end: i });
        closed = i;
        break;
      }
      depth--;
    } else if (c === 44 && depth === 0) {
      bounds.push({ start, end: i });
      start = i + 1;
    }
  }
  if (closed === -1 || text.slice(closed + 1).trim() !== '') throw refuse(describeJsonError(text));
  // `[]` and `[ ]` hold no element; a blank slice anywhere else is a stray comma, for JSON.parse to refuse.
  if (bounds.length === 1 && text.slice(bounds[0]!.start, bounds[0]!.end).trim() === '') return [];
  // The line of each element's first character, counted in one pass.
  let line = 1;
  let counted = 0;
  return bounds.map(({ start, end }) => {
    let first = start;
    while (first < end && /\s/.test(text[first] as string)) first++;
    line += countNewlines(text, counted, first);
    counted = first;
    return { start, end, line };
  });
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

async function readJsonArray(text: string, open: number, progress: ReadProgress, refuse: Refuse): Promise<ReadResult> {
  const elements = await splitTopLevelArray(text, open, progress, refuse);
  const rows: SourceRow[] = [];
  let extended = false;
  for (let n = 0; n < elements.length; n++) {
    if (n > 0 && n % ROWS_PER_TURN === 0) {
      progress(elements[n]!.start, text.length);
      await nextTurn();
    }
    const { start, end, line } = elements[n]!;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(start, end));
    } catch {
      throw refuse(describeJsonError(text));
    }
    const read = jsonRow(value, n + 1, `item ${n + 1} of the array (line ${line})`);
    extended ||= read.extended;
    rows.push(read.row);
  }
  return { format: extended ? 'mongoexport' : 'json', rows, companion: null };
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Lines as [start, end) offsets without the line break. */
function* lines(text: string): Generator<{ start: number; end: number; number: number }> {
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    yield { start, end: contentEnd, number };
    start = end + 1;
    number++;
  }
}

/** One object per line (mongoexport's default), or one object for the whole file (companion format, or a single document). */
async function readJsonObjects(text: string, first: number, progress: ReadProgress, refuse: Refuse): Promise<ReadResult> {
  const firstEnd = text.indexOf('\n', first);
  const firstLine = tryParse(text.slice(first, firstEnd === -1 ? text.length : firstEnd));
  if (!firstLine.ok || (isRecord(firstLine.value) && 'virtualClasses' in firstLine.value)) {
    const whole = tryParse(text);
    if (whole.ok) return readWholeObject(whole.value, refuse);
    if (!firstLine.ok && !looksLikeNdjson(text)) throw refuse(describeJsonError(text));
  }
  const rows: SourceRow[] = [];
  let count = 0;
  for (const { start, end, number } of lines(text)) {
    if (++count % ROWS_PER_TURN === 0) {
      progress(start, text.length);
      await nextTurn();
    }
    const line = text.slice(start, end);
    if (line.trim() === '') continue;
    const parsed = tryParse(line);
    if (!parsed.ok) throw refuse(describeJsonError(text, start, end));
    rows.push(jsonRow(parsed.value, number, `line ${number}`).row);
  }
  return { format: 'mongoexport', rows, companion: null };
}

/** Several lines that each start a document, the second of which parses: a broken first document of an NDJSON file. */
function looksLikeNdjson(text: string): boolean {
  let seen = 0;
  for (const { start, end } of lines(text)) {
    const line = text.slice(start, end).trim();
    if (!line.startsWith('{')) continue;
    if (++seen === 2) return tryParse(line).ok;
  }
  return false;
}

function readWholeObject(value: unknown, refuse: Refuse): ReadResult {
  if (!isRecord(value)) throw refuse(`the JSON holds ${typeName(value)}, not classes`);
  if (!('virtualClasses' in value)) {
    // A single document, pretty-printed.
    if ('startTime' in value || 'preferenceId' in value) {
      const read = jsonRow(value, 1, 'the document');
      return { format: read.extended ? 'mongoexport' : 'json', rows: [read.row], companion: null };
    }
    throw refuse('the JSON object is neither a class nor a { "virtualClasses": [...], "users": [...], "payments": [...] } export');
  }
  const { virtualClasses, users, payments } = value;
  if (!Array.isArray(virtualClasses)) throw refuse(`"virtualClasses" is ${typeName(virtualClasses)}, not a list`);
  if (users !== undefined && !Array.isArray(users)) throw refuse(`"users" is ${typeName(users)}, not a list`);
  if (payments !== undefined && !Array.isArray(payments)) throw refuse(`"payments" is ${typeName(payments)}, not a list`);
  let extended = false;
  const byKey = (list: unknown[], key: string) => {
    const map = new Map<string, Record<string, unknown>>();
    for (const item of list) {
      const read = unwrapExtendedJson(item);
      extended ||= read.extended;
      if (isRecord(read.value) && typeof read.value[key] === 'string') map.set(read.value[key], read.value);
    }
    return map;
  };
  const companion: Companion = {
    users: byKey((users as unknown[] | undefined) ?? [], '_id'),
    payments: payments === undefined ? null : byKey(payments as unknown[], 'preferenceId'),
  };
  const rows = virtualClasses.map((item, i) => {
    const read = jsonRow(item, i + 1, `item ${i + 1} of virtualClasses`);
    extended ||= read.extended;
    return read.row;
  });
  return { format: extended ? 'mongoexport' : 'json', rows, companion };
}

async function readCsvText(text: string, progress: ReadProgress, refuse: Refuse): Promise<ReadResult> {
  const records = readCsv(text, detectDelimiter(text));
  const rows: SourceRow[] = [];
  try {
    const header = records.next();
    if (header.done) throw refuse('it holds only blank space');
    if (!looksLikeHeader(header.value.fields)) {
      throw refuse('its format is unknown: it is not JSON, and its first line is not a CSV header (the columns are startTime, endTime, classType, studentName, studentEmail, …)');
    }
    const resolved = resolveHeader(header.value.fields);
    if (!resolved.ok) throw refuse(resolved.reason);
    const names = resolved.names;
    let count = 0;
    for (const record of records) {
      if (++count % ROWS_PER_TURN === 0) {
        progress(record.end, text.length);
        await nextTurn();
      }
      const where = `line ${record.line}`;
      if (record.fields.length !== names.length) {
        rows.push({ line: record.line, where, fields: {}, problem: `${where} has ${record.fields.length} fields, the header has ${names.length} (a delimiter or quote out of place?)` });
        continue;
      }
      const fields: Record<string, unknown> = {};
      names.forEach((name, i) => {
        const value = record.fields[i] as string;
        fields[name] = FREE_TEXT_COLUMNS.has(name) ? unguardFormula(value) : value;
      });
      rows.push({ line: record.line, where, fields });
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw refuse(`the CSV cannot be read: ${error.message}`);
    throw error;
  }
  return { format: 'csv', rows, companion: null };
}
