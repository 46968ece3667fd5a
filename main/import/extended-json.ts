/**
 * mongoexport writes MongoDB Extended JSON: `{"$oid": "…"}` for ids,
 * `{"$date": "…"}` (relaxed) or `{"$date": {"$numberLong": "…"}}`
 * (canonical) for dates, `{"$numberLong": "…"}` and friends for numbers.
 * These become plain strings and numbers here, so the row mapper reads one
 * shape whatever wrote the file.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Unwrapped {
  value: unknown;
  /** True when any Extended JSON wrapper was found: the file came from mongoexport. */
  extended: boolean;
}

const NUMBER_KEYS = new Set(['$numberLong', '$numberInt', '$numberDouble', '$numberDecimal']);

/** `{"$date": …}` to an ISO string, or epoch milliseconds for the canonical form (the row mapper takes both). */
function unwrapDate(inner: unknown): unknown {
  if (typeof inner === 'string' || typeof inner === 'number') return inner;
  if (inner && typeof inner === 'object' && '$numberLong' in inner) {
    const ms = Number((inner as { $numberLong: unknown }).$numberLong);
    return Number.isFinite(ms) ? ms : inner;
  }
  return inner;
}

/** The plain value of a wrapper, or undefined when `value` is not one. */
function unwrapOne(value: Record<string, Json>, keys: string[]): { plain: unknown } | undefined {
  if (keys.length !== 1) return undefined;
  const key = keys[0] as string;
  if (key === '$oid' && typeof value.$oid === 'string') return { plain: value.$oid };
  if (key === '$date') return { plain: unwrapDate(value.$date) };
  if (NUMBER_KEYS.has(key)) {
    const n = Number(value[key]);
    return { plain: Number.isNaN(n) ? value[key] : n };
  }
  return undefined;
}

/**
 * Plain values for Extended JSON wrappers, recursively. Works in place on
 * what JSON.parse just made (nobody else holds it): copying 50,000
 * documents only fed the garbage collector.
 */
export function unwrapExtendedJson(input: unknown): Unwrapped {
  let extended = false;
  const walk = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i]);
      return value;
    }
    const record = value as Record<string, Json>;
    const keys = Object.keys(record);
    const wrapper = unwrapOne(record, keys);
    if (wrapper) {
      extended = true;
      return wrapper.plain;
    }
    for (const key of keys) {
      const inner = record[key];
      if (inner !== null && typeof inner === 'object') record[key] = walk(inner) as Json;
    }
    return record;
  };
  const value = walk(input);
  return { value, extended };
}
