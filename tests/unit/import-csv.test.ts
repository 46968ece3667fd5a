import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { CsvReader, CsvSyntaxError, detectDelimiter, parseCsv, readCsv, writeCsv } from '../../main/import/csv';
import { guardFormula, resolveHeader, unguardFormula } from '../../main/import/csv-columns';
import { openImportFile } from '../../main/import/read-file';
import { seededRandom } from '../bench/fixtures';

describe('CSV reader (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\r\nplain,,end\r\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'say "hi"', 'two\r\nlines'],
      ['plain', '', 'end'],
    ]);
  });

  it('accepts LF, CR and a missing final line break, and skips blank lines', () => {
    expect(parseCsv('a,b\nc,d\re,f\n\n\ng,h')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it('gives the line each record starts on, counting line breaks inside quotes', () => {
    const lines = [...readCsv('h1,h2\n"multi\nline\nvalue",x\n\nnext,y\n')].map((r) => r.line);
    expect(lines).toEqual([1, 2, 6]);
  });

  it('keeps a stray quote inside an unquoted field, as spreadsheets do', () => {
    expect(parseCsv('5" screen,ok')).toEqual([['5" screen', 'ok']]);
  });

  it('refuses a quoted field that never ends, naming its line', () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(new CsvSyntaxError(2, 'a quoted field that starts on line 2 never ends (a closing " is missing)'));
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/line 2: unexpected text after a closing quote/);
  });

  it('detects the semicolon and tab that Spanish-locale spreadsheets write', () => {
    expect(detectDelimiter('startTime;endTime;classType\r\n1;2;3')).toBe(';');
    expect(detectDelimiter('startTime\tendTime\n')).toBe('\t');
    expect(detectDelimiter('startTime,endTime\n')).toBe(',');
    expect(parseCsv('a;"b;c"\n', ';')).toEqual([['a', 'b;c']]);
  });
});

describe('CSV first pass (skip)', () => {
  /** Each record as read() and skip() take it: where the next starts, on which line, blank or not, or the error. */
  const walk = (text: string, take: (reader: CsvReader) => boolean) => {
    const reader = new CsvReader(text);
    const steps: string[] = [];
    try {
      while (!reader.done) steps.push(`${take(reader)}@${reader.pos}:${reader.line}`);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      steps.push(`${error.line} ${error.message}`);
    }
    return steps;
  };
  const byRead = (reader: CsvReader) => {
    const fields = reader.read();
    return fields.length !== 1 || fields[0] !== '';
  };

  it('checks each record exactly as reading it does: its end, its lines, blank lines and the same errors', () => {
    const random = seededRandom(11);
    const pieces = ['a', 'bc', ',', '"', '""', '\r', '\n', '\r\n', 'é'];
    for (let n = 0; n < 20_000; n++) {
      let text = '';
      const length = Math.floor(random() * 14);
      for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
      expect(walk(text, (reader) => reader.skip()), JSON.stringify(text)).toEqual(walk(text, byRead));
    }
  });

  it('reads a record again from where skip() found it', () => {
    const text = 'h1,h2\n"multi\nline",x\n\nnext,"y ""q"""\r\nlast,z';
    const reader = new CsvReader(text);
    const found: [number, number][] = [];
    while (!reader.done) {
      const { pos, line } = reader;
      if (reader.skip()) found.push([pos, line]);
    }
    const again = new CsvReader(text);
    const records = found.map(([pos, line]) => {
      again.seek(pos, line);
      return [line, again.read()];
    });
    expect(records).toEqual([...readCsv(text)].map((r) => [r.line, r.fields]));
  });
});

describe('CSV rows in memory', () => {
  const header = 'startTime,endTime,classType,studentName\r\n';
  const row = (name: string) => `2026-11-24T17:00:00-03:00,2026-11-24T18:00:00-03:00,individual,${name}\r\n`;
  const rowsOf = async (text: string) => [...(await openImportFile('c.csv', text)).rows()];
  // v8.serialize tags a one-byte string '"' and a two-byte one 'c', after its two header bytes.
  const oneByte = (value: unknown) => serialize(value)[2] === 0x22;

  it('keeps the fields of a file with a BOM one byte per character, as a BOM-less file has them', async () => {
    const rows = await rowsOf(`\uFEFF${header}${row('José Peña')}${row('Ana')}`);
    expect(rows.map((r) => r.fields.studentName)).toEqual(['José Peña', 'Ana']);
    for (const r of rows) for (const value of Object.values(r.fields)) expect(oneByte(value)).toBe(true);
  });

  it('reads a file with characters beyond Latin-1 as it is, and rows without any one byte per character', async () => {
    const rows = await rowsOf(`\uFEFF${header}${row('Zoë “Zo” 🎓')}${row('"Ana\nMaría"')}${row('Lu')}`);
    expect(rows.map((r) => [r.line, r.fields.studentName])).toEqual([
      [2, 'Zoë “Zo” 🎓'],
      [3, 'Ana\nMaría'],
      [5, 'Lu'],
    ]);
    expect(oneByte(rows[0]!.fields.studentName)).toBe(false);
    for (const r of rows.slice(1)) for (const value of Object.values(r.fields)) expect(oneByte(value)).toBe(true);
  });
});

describe('CSV writer', () => {
  it('quotes only what needs it and ends lines with CRLF', () => {
    expect(writeCsv([['plain', 'with, comma', 'with "quote"', 'two\nlines', ' padded ', '']])).toBe('plain,"with, comma","with ""quote""","two\nlines"," padded ",\r\n');
  });

  it('round-trips awkward text', () => {
    const rows = [
      ['Ñandú, José', '""', '"', ',', '\r\n', 'a\rb', '   ', 'emoji 🎓', 'tab\there'],
      ['', 'x', '', '', '', '', '', '', ''],
    ];
    expect(parseCsv(writeCsv(rows))).toEqual(rows);
  });
});

describe('CSV columns', () => {
  it('reads the platform names and any case', () => {
    expect(resolveHeader(['_id', 'HTMLLINK', 'StartTime', 'endTime', 'classType', 'participantsIds'])).toEqual({
      ok: true,
      names: ['platformId', 'meetLink', 'startTime', 'endTime', 'classType', 'participantsIds'],
    });
  });

  it('says which columns are missing, unknown or repeated', () => {
    const result = resolveHeader(['startTime', 'colour', '_id', 'platformId', '']);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(/^wrong columns: missing columns endTime, classType; unknown columns "colour", \(an empty name\); column given twice: "platformId" \(the columns are: id, preferenceId/);
    }
  });

  it('guards text a spreadsheet would run as a formula, and the import undoes it', () => {
    for (const text of ['=1+1', '+54 11', '-x', '@SUM(A1)', '\tx']) {
      expect(guardFormula(text)).toBe(`'${text}`);
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
    expect(guardFormula('Ana')).toBe('Ana');
    expect(unguardFormula("'quoted'")).toBe("'quoted'");
    // Text that starts with apostrophes before a formula character keeps them all through the round trip.
    for (const text of ["'=1+1", "''-x", "'quoted'", "'", '']) expect(unguardFormula(guardFormula(text))).toBe(text);
  });
});
