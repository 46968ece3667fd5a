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

/** `{"$date": …}` to an ISO string (or the raw value, for the row mapper to refuse). */
function unwrapDate(inner: unknown): unknown {
  if (typeof inner === 'string') return inner;
  if (typeof inner === 'number') return epochToIso(inner);
  if (inner && typeof inner === 'object' && '$numberLong' in inner) {
    const ms = Number((inner as { $numberLong: unknown }).$numberLong);
    return epochToIso(ms);
  }
  return inner;
}

function epochToIso(ms: number): unknown {
  const date = new Date(ms);
  return Number.isFinite(ms) && !Number.isNaN(date.getTime()) ? date.toISOString() : String(ms);
}

/** Plain values for Extended JSON wrappers, recursively; a fresh object, the input is not changed. */
export function unwrapExtendedJson(input: unknown): Unwrapped {
  let extended = false;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const keys = Object.keys(value);
    const record = value as Record<string, Json>;
    if (keys.length === 1) {
      const key = keys[0] as string;
      if (key === '$oid' && typeof record.$oid === 'string') {
        extended = true;
        return record.$oid;
      }
      if (key === '$date') {
        extended = true;
        return unwrapDate(record.$date);
      }
      if (NUMBER_KEYS.has(key)) {
        extended = true;
        const n = Number(record[key]);
        return Number.isNaN(n) ? record[key] : n;
      }
    }
    const out: Record<string, unknown> = {};
    for (const key of keys) out[key] = walk(record[key]);
    return out;
  };
  const value = walk(input);
  return { value, extended };
}
