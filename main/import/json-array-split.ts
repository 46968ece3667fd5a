import type { ImportRefusedError } from './import-errors';
import { describeJsonError } from './json-syntax';
import type { TimeSlicer } from './next-turn';

/**
 * Where each element of a top-level JSON array starts and ends, in one pass
 * over the text (`mongoexport --jsonArray`, with or without `--pretty`).
 * Strings are jumped over with indexOf; line breaks are counted as the scan
 * meets them (JSON strings cannot hold a raw one), so the line of every
 * element costs nothing extra. Linear in the text: 50,000 rows on one line
 * took 58 s when each element's line was found by scanning onwards again.
 */

export interface ArrayElement {
  start: number;
  end: number;
  /** The line of the element's first character. */
  line: number;
}

/** Counts the characters a scan looks at: tests use it to prove the work is linear. */
export interface ScanMeter {
  scanned: number;
}

export type Refuse = (reason: string) => ImportRefusedError;

/** Characters scanned between two looks at the clock. */
const CHARS_PER_LOOK = 65_536;

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

export async function splitTopLevelArray(
  text: string,
  open: number,
  progress: (done: number, total: number) => void,
  refuse: Refuse,
  slicer: TimeSlicer,
  meter: ScanMeter = { scanned: 0 },
): Promise<ArrayElement[]> {
  const elements: ArrayElement[] = [];
  let depth = 0;
  let start = open + 1;
  let line = 1;
  for (let k = 0; k < open; k++) if (text.charCodeAt(k) === NEWLINE) line++;
  meter.scanned += open;
  // The line of the current element, once its first non-blank character is seen.
  let startLine = -1;
  let nextLookAt = open + CHARS_PER_LOOK;
  let closed = -1;
  let i = open + 1;
  for (; i < text.length; i++) {
    if (i >= nextLookAt) {
      nextLookAt = i + CHARS_PER_LOOK;
      if (slicer.due()) {
        progress(i, text.length);
        await slicer.breathe();
      }
    }
    const c = text.charCodeAt(i);
    meter.scanned++;
    if (c === NEWLINE) {
      line++;
      continue;
    }
    if (startLine === -1 && !isSpace(c)) startLine = line;
    if (c === QUOTE) {
      // Jump over a string: to the next quote not escaped by an odd number of backslashes.
      let j = i + 1;
      for (;;) {
        const from = j;
        j = text.indexOf('"', j);
        if (j === -1) throw refuse(describeJsonError(text));
        meter.scanned += j - from;
        let backslashes = 0;
        while (text.charCodeAt(j - 1 - backslashes) === BACKSLASH) backslashes++;
        if (backslashes % 2 === 0) break;
        j++;
      }
      i = j;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      if (depth === 0) {
        if (c === 125) throw refuse(describeJsonError(text));
        elements.push({ start, end: i, line: startLine === -1 ? line : startLine });
        closed = i;
        break;
      }
      depth--;
    } else if (c === 44 && depth === 0) {
      elements.push({ start, end: i, line: startLine === -1 ? line : startLine });
      start = i + 1;
      startLine = -1;
    }
  }
  if (closed === -1 || text.slice(closed + 1).trim() !== '') throw refuse(describeJsonError(text));
  meter.scanned += text.length - closed - 1;
  // `[]` and `[ ]` hold no element; a blank slice anywhere else is a stray comma, for JSON.parse to refuse.
  if (elements.length === 1 && text.slice(elements[0]!.start, elements[0]!.end).trim() === '') return [];
  return elements;
}
