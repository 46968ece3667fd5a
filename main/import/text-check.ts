/**
 * The renderer reads the chosen file as text, so a binary file arrives as
 * text full of NUL and U+FFFD replacement characters. These checks turn
 * that, and empty files, into a plain reason before any parsing.
 */

const REPLACEMENT = '\uFFFD';
/** C0 control characters other than tab, line feed, carriage return, and form feed. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0001-\u0008\u000B\u000E-\u001F\u007F]/g;

/** Why `content` is not a text file the import can read, or null when it is. */
export function whyNotText(content: string): string | null {
  if (content.length === 0) return 'the file is empty (0 bytes)';
  if (content.trim() === '' || content === '\uFEFF') return 'the file holds only blank space';
  if (content.includes('\u0000')) return 'this is not a text file (it holds binary data); choose the JSON or CSV export';
  const sample = content.length > 1_000_000 ? content.slice(0, 1_000_000) : content;
  const controls = sample.match(CONTROL)?.length ?? 0;
  const replaced = countOf(sample, REPLACEMENT);
  // A few replacement characters are a text in another encoding; many, with control characters, are binary data.
  if ((controls > 0 && controls + replaced > sample.length / 100) || replaced > sample.length / 10) return 'this is not a text file (it holds binary data); choose the JSON or CSV export';
  if (replaced > 0) {
    const line = content.slice(0, content.indexOf(REPLACEMENT)).split('\n').length;
    return `the file is not UTF-8 text (characters on line ${line} cannot be read); save it as UTF-8 and try again`;
  }
  return null;
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** The text without a leading byte-order mark, which editors and Excel add and JSON.parse refuses. */
export function withoutBom(content: string): string {
  return content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

/** A UTF-16 unit beyond Latin-1 (a BOM is one), which V8 cannot keep in a one-byte string. */
const BEYOND_LATIN1 = /[\u0100-\uffff]/;

/**
 * V8 keeps a string that holds even one character beyond U+00FF (a BOM is
 * enough) at two bytes per character, and so every piece sliced from it:
 * for a CSV, every field of every row, which then costs twice the memory in
 * the worker, in each batch posted to main, in the bookings and in the JSON
 * the store writes (JSON.parse makes compact strings of its own; slices do
 * not). A text that fitsOneByte can be copied into the one-byte form.
 */
export function fitsOneByte(text: string): boolean {
  return !BEYOND_LATIN1.test(text);
}

/** `text`, which fitsOneByte, as a one-byte string. */
export function oneByteCopy(text: string): string {
  return Buffer.from(text, 'latin1').toString('latin1');
}
