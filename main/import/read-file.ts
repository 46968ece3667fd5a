import { openCsv } from './csv-source';
import { MAX_JSON_DEPTH, unwrapExtendedJson } from './extended-json';
import { ImportRefusedError } from './import-errors';
import { splitTopLevelArray, type Refuse } from './json-array-split';
import { describeJsonError } from './json-syntax';
import { timeSlicer, type TimeSlicer } from './next-turn';
import { whyNotText, withoutBom } from './text-check';

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
