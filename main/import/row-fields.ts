/**
 * Readers for one field of a row, whether it came from CSV (always text)
 * or JSON (numbers, strings, null). Each one either returns the value,
 * `undefined` when the file does not say, or throws a RowError whose
 * message names the field and the value, for the preview.
 */

export class RowError extends Error {
  override readonly name = 'RowError';
}

/** Text, trimmed; '' and null are null (the file says "empty"); undefined means the file has no such field. */
export function readText(field: string, value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RowError(`${field} is ${Array.isArray(value) ? 'a list' : 'an object'}, not text`);
}

/** mongoexport --type=csv writes ids as ObjectId(5f1d…); the id is what is inside. */
export function readId(field: string, value: unknown): string | null | undefined {
  const text = readText(field, value);
  const wrapped = text ? /^ObjectId\(["']?([^"')]+)["']?\)$/.exec(text) : null;
  return wrapped ? (wrapped[1] as string) : text;
}

/** A whole number ≥ 0. "15.000" is refused rather than read as 15, as a Spanish spreadsheet would mean 15000. */
export function readCount(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 0) return value;
  } else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    if (/^\d{1,12}$/.test(trimmed)) return Number(trimmed);
  }
  throw new RowError(`${field} ${JSON.stringify(value)} is not a whole number${typeof value === 'string' && /[.,]/.test(value) ? ' (write it without separators, like 15000)' : ''}`);
}

/** One of `allowed`; undefined when the file does not say. */
export function readChoice<T extends string>(field: string, value: unknown, allowed: readonly T[]): T | undefined {
  const text = readText(field, value);
  if (text === undefined || text === null) return undefined;
  const found = allowed.find((option) => option === text.toLowerCase());
  if (found) return found;
  const list = allowed.length === 2 ? `${allowed[0]} or ${allowed[1]}` : `one of ${allowed.join(', ')}`;
  throw new RowError(`${field} "${text}" is not ${list}`);
}

/** The string, cut to `max` characters; `cut` says whether it had to be. */
export function clip(text: string, max: number): { text: string; cut: boolean } {
  return text.length > max ? { text: text.slice(0, max), cut: true } : { text, cut: false };
}
