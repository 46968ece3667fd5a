/**
 * A small RFC 4180 reader and writer: quoted fields with embedded
 * delimiters, doubled quotes and line breaks; CRLF, LF or CR line ends.
 * The reader is a generator so the import can take records in chunks and
 * give the event loop a turn between them.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
  /** Offset in the text just after the record, for progress. */
  end: number;
}

/** The file cannot be read as CSV at all (the rest would be misread after it). */
export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/** The delimiter the header line uses: comma, or the semicolon or tab that spreadsheets in Spanish locales write. */
export function detectDelimiter(text: string): string {
  const newline = text.search(/[\r\n]/);
  const header = newline === -1 ? text : text.slice(0, newline);
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = header.split(candidate).length - 1;
    if (count > bestCount) [best, bestCount] = [candidate, count];
  }
  return best;
}

/** Records of `text` (BOM already removed); blank lines are skipped. */
export function* readCsv(text: string, delimiter = ','): Generator<CsvRecord> {
  const sep = delimiter.charCodeAt(0);
  const length = text.length;
  let pos = 0;
  let line = 1;
  while (pos < length) {
    const startLine = line;
    const fields: string[] = [];
    let field = '';
    for (;;) {
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted field: runs to the next quote not doubled.
        const quoteLine = line;
        pos++;
        for (;;) {
          const next = text.indexOf('"', pos);
          if (next === -1) throw new CsvSyntaxError(quoteLine, `a quoted field that starts on line ${quoteLine} never ends (a closing " is missing)`);
          const chunk = text.slice(pos, next);
          field += chunk;
          line += countLineBreaks(chunk);
          if (text.charCodeAt(next + 1) === QUOTE) {
            field += '"';
            pos = next + 2;
          } else {
            pos = next + 1;
            break;
          }
        }
        const after = text.charCodeAt(pos);
        if (pos < length && after !== sep && after !== CR && after !== LF) {
          throw new CsvSyntaxError(line, `line ${line}: unexpected text after a closing quote (a " inside a quoted field must be doubled: "")`);
        }
      } else {
        // Unquoted field: up to the delimiter or the line end. A stray quote inside is kept as it is, as spreadsheets do.
        let end = pos;
        while (end < length) {
          const c = text.charCodeAt(end);
          if (c === sep || c === CR || c === LF) break;
          end++;
        }
        field += text.slice(pos, end);
        pos = end;
      }
      fields.push(field);
      field = '';
      const c = text.charCodeAt(pos);
      if (c === sep) {
        pos++;
        continue;
      }
      // End of record: CRLF, LF, CR or end of text.
      if (c === CR || c === LF) {
        pos += c === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
      }
      break;
    }
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) yield { fields, line: startLine, end: pos };
  }
}

function countLineBreaks(chunk: string): number {
  let n = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === LF) n++;
    else if (c === CR && chunk.charCodeAt(i + 1) !== LF) n++;
  }
  return n;
}

/** All records at once: for small texts and tests. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  return [...readCsv(text, delimiter)].map((record) => record.fields);
}

/** One field, quoted when it holds the delimiter, a quote, a line break, or spaces at either end. */
export function csvField(value: string, delimiter = ','): string {
  if (value === '') return value;
  const needsQuotes = value.includes(delimiter) || SPECIAL.test(value) || EDGE_SPACE.test(value);
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

const SPECIAL = /["\r\n]/;
const EDGE_SPACE = /^\s|\s$/;

/** Rows to CSV text with CRLF line ends, as RFC 4180 asks. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  return rows.map((row) => row.map((value) => csvField(value, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}
