/**
 * A small RFC 4180 reader and writer: quoted fields with embedded
 * delimiters, doubled quotes and line breaks; CRLF, LF or CR line ends.
 * The grammar is csv-reader.ts's; readCsv gives its records one at a time.
 */

import { CsvReader } from './csv-reader';

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file where the record starts (a quoted field may span lines). */
  line: number;
  /** Offset in the text just after the record, for progress. */
  end: number;
}

export { CsvReader, CsvSyntaxError } from './csv-reader';

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
  const reader = new CsvReader(text, delimiter);
  while (!reader.done) {
    const line = reader.line;
    const fields = reader.read();
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) yield { fields, line, end: reader.pos };
  }
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
