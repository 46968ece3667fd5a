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

/** A whole number ≥ 0, for counts. "15.000" is refused rather than read as 15, as a Spanish spreadsheet would mean 15000 (prices: readPrice). */
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

/**
 * A price in whole pesos, as any spreadsheet writes it. Spanish-locale ones
 * write 15000,00 or 15.000 or 15.000,00; English-locale ones 15,000.00; the
 * platform's JSON 15000. The rule, so no price is ever read wrong:
 * - a dot or comma followed by exactly three digits groups thousands
 *   (15.000 and 15,000 are 15000: no peso price has three decimals); the
 *   groups use one separator throughout, after one to three digits;
 * - a dot or comma followed by one or two digits at the end marks the
 *   decimals, and must be the other separator than the groups'; the
 *   decimals must be zero (15000,00), as prices are whole pesos: 15,5 or
 *   1.5 is refused, not rounded nor read with the separator dropped;
 * - anything else (1.50.000, 15.0000, signs, currency symbols, words) is
 *   refused with the forms that are read.
 */
const PRICE = /^(?:(\d{1,3})((?:([.,])\d{3})(?:\3\d{3})*)|(\d+))(?:([.,])(\d{1,2}))?$/;

export function readPrice(field: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const notAPrice = () => new RowError(`${field} ${JSON.stringify(value)} is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)`);
  const cents = (mark: string, digits: string) => new RowError(`${field} ${JSON.stringify(value)} has cents (${mark}${digits}): prices are whole pesos, like 15000`);
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
    const fraction = /\.(\d+)$/.exec(String(value));
    if (value > 0 && Number.isFinite(value) && fraction) throw cents('.', fraction[1] as string);
    throw notAPrice();
  }
  if (typeof value !== 'string') throw notAPrice();
  const text = value.trim();
  if (text === '') return undefined;
  const match = PRICE.exec(text);
  if (!match) throw notAPrice();
  const [, lead, groups, groupMark, plain, decimalMark, decimals] = match;
  if (decimalMark !== undefined && decimalMark === groupMark) throw notAPrice();
  if (decimals !== undefined && /[^0]/.test(decimals)) throw cents(decimalMark as string, decimals);
  const digits = plain ?? `${lead}${(groups as string).replace(/[.,]/g, '')}`;
  if (digits.length > 12) throw notAPrice();
  return Number(digits);
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
