import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, detectDelimiter, parseCsv, readCsv, writeCsv } from '../../main/import/csv';
import { guardFormula, resolveHeader, unguardFormula } from '../../main/import/csv-columns';

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
