/**
 * The RFC 4180 grammar, record by record: quoted fields with embedded
 * delimiters, doubled quotes and line breaks; CRLF, LF or CR line ends; a
 * stray quote inside an unquoted field kept as it is, as spreadsheets do.
 *
 * skip() checks a record and moves past it without building its fields, so
 * the import's first pass over a whole file (which must find a quote left
 * open before reading any row) keeps only where each record starts; read()
 * gives a record's fields, from there, when its row is asked for.
 */

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

const neverEnds = (line: number) => new CsvSyntaxError(line, `a quoted field that starts on line ${line} never ends (a closing " is missing)`);
const textAfterQuote = (line: number) => new CsvSyntaxError(line, `line ${line}: unexpected text after a closing quote (a " inside a quoted field must be doubled: "")`);

export class CsvReader {
  /** Offset of the next record in the text. */
  pos = 0;
  /** 1-based line of the file on which the next record starts. */
  line = 1;
  private readonly sep: number;
  /** Where the next quote, CR and LF at or after pos are (Infinity: none), kept while the reader moves forward. */
  private quoteAt = -1;
  private crAt = -1;
  private lfAt = -1;

  constructor(
    private readonly text: string,
    private readonly delimiter = ',',
  ) {
    this.sep = delimiter.charCodeAt(0);
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Goes on from a record found before (its pos and line as they were before skip() or read() took it). */
  seek(pos: number, line: number): void {
    // What lies ahead of a later position was found already; back to an earlier one, it is looked for again.
    if (pos < this.pos) this.quoteAt = this.crAt = this.lfAt = -1;
    this.pos = pos;
    this.line = line;
  }

  /** Where the record at pos ends if it holds no quote (its line end), else -1; the look-ups are kept for the next record. */
  private plainEnd(): number {
    const { text, pos } = this;
    this.quoteAt = nextAt(text, '"', pos, this.quoteAt);
    this.crAt = nextAt(text, '\r', pos, this.crAt);
    this.lfAt = nextAt(text, '\n', pos, this.lfAt);
    const end = Math.min(this.crAt, this.lfAt, text.length);
    return this.quoteAt < end ? -1 : end;
  }

  /** The next record's fields; a blank line is one empty field. Throws CsvSyntaxError. */
  read(): string[] {
    // Most records hold no quote: their fields are the line split at each delimiter.
    const plain = this.plainEnd();
    if (plain !== -1) {
      const fields = this.text.slice(this.pos, plain).split(this.delimiter);
      this.endField(plain, this.line);
      return fields;
    }
    const { text, sep } = this;
    const length = text.length;
    let pos = this.pos;
    let line = this.line;
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text.charCodeAt(pos) === QUOTE) {
        // Quoted field: runs to the next quote not doubled.
        const quoteLine = line;
        pos++;
        for (;;) {
          const next = text.indexOf('"', pos);
          if (next === -1) throw neverEnds(quoteLine);
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
        if (pos < length && after !== sep && after !== CR && after !== LF) throw textAfterQuote(line);
      } else {
        // Unquoted field: up to the delimiter or the line end.
        const end = unquotedEnd(text, sep, pos);
        field = text.slice(pos, end);
        pos = end;
      }
      fields.push(field);
      if (!this.endField(pos, line)) return fields;
      pos++;
    }
  }

  /** Moves past the next record, checking it exactly as read() would; false when it was a blank line. Throws CsvSyntaxError. */
  skip(): boolean {
    // Most records hold no quote: they end at the line end, found with indexOf rather than character by character.
    const start = this.pos;
    const plain = this.plainEnd();
    if (plain === -1) return this.skipQuoted();
    this.endField(plain, this.line);
    // Blank: one field and it is empty.
    return plain > start;
  }

  /** skip() of a record with a quote in it, character by character. */
  private skipQuoted(): boolean {
    const { text, sep } = this;
    const length = text.length;
    let pos = this.pos;
    let line = this.line;
    let fields = 0;
    let empty = true;
    for (;;) {
      fields++;
      if (text.charCodeAt(pos) === QUOTE) {
        const quoteLine = line;
        pos++;
        for (;;) {
          if (pos >= length) throw neverEnds(quoteLine);
          const c = text.charCodeAt(pos);
          if (c === QUOTE) {
            if (text.charCodeAt(pos + 1) !== QUOTE) break;
            pos++;
          } else if (c === LF || (c === CR && text.charCodeAt(pos + 1) !== LF)) {
            line++;
          }
          empty = false;
          pos++;
        }
        pos++;
        const after = text.charCodeAt(pos);
        if (pos < length && after !== sep && after !== CR && after !== LF) throw textAfterQuote(line);
      } else {
        const start = pos;
        pos = unquotedEnd(text, sep, pos);
        if (pos > start) empty = false;
      }
      if (!this.endField(pos, line)) return !(fields === 1 && empty);
      pos++;
    }
  }

  /** After a field at `pos`: true when a delimiter follows (another field); else the record ends there and pos and line move past its line end. */
  private endField(pos: number, line: number): boolean {
    const c = this.text.charCodeAt(pos);
    if (c === this.sep) return true;
    if (c === CR || c === LF) {
      pos += c === CR && this.text.charCodeAt(pos + 1) === LF ? 2 : 1;
      line++;
    }
    this.pos = pos;
    this.line = line;
    return false;
  }
}

/** The first `char` at or after `from`, Infinity if none; `known` when it is still ahead. */
/** Where an unquoted field starting at `from` ends: at the delimiter, the line end or the end of the text. */
function unquotedEnd(text: string, sep: number, from: number): number {
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === sep || c === CR || c === LF) break;
    end++;
  }
  return end;
}

function nextAt(text: string, char: string, from: number, known: number): number {
  if (known >= from) return known;
  const at = text.indexOf(char, from);
  return at === -1 ? Infinity : at;
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
