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
  /** True when the value nests deeper than the limit: `value` is then half-walked and must not be used. */
  tooDeep: boolean;
}

/** A class record nests three or four levels (the row, bookedBy, participantsIds, a wrapper); anything near this is not one. */
export const MAX_JSON_DEPTH = 64;

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

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

/** The plain value when `value` is an Extended JSON wrapper, else undefined. */
function wrapperOf(value: unknown): { plain: unknown } | undefined {
  if (!isContainer(value) || Array.isArray(value)) return undefined;
  const record = value as Record<string, Json>;
  return unwrapOne(record, Object.keys(record));
}

/**
 * Plain values for Extended JSON wrappers, at any depth. Works in place on
 * what JSON.parse just made (nobody else holds it): copying 50,000
 * documents only fed the garbage collector. Iterative with its own stack,
 * so a file nested 100,000 levels deep (JSON.parse takes it) cannot
 * overflow the call stack; it is reported as too deep instead.
 */
export function unwrapExtendedJson(input: unknown, maxDepth = MAX_JSON_DEPTH): Unwrapped {
  let extended = false;
  const root = wrapperOf(input);
  if (root) return { value: root.plain, extended: true, tooDeep: false };
  const nodes: object[] = [];
  const depths: number[] = [];
  if (isContainer(input)) {
    nodes.push(input);
    depths.push(1);
  }
  while (nodes.length > 0) {
    const node = nodes.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) return { value: undefined, extended, tooDeep: true };
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const inner: unknown = node[i];
        if (!isContainer(inner)) continue;
        const wrapper = wrapperOf(inner);
        if (wrapper) {
          extended = true;
          node[i] = wrapper.plain;
        } else {
          nodes.push(inner);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const inner = record[key];
      if (!isContainer(inner)) continue;
      const wrapper = wrapperOf(inner);
      if (wrapper) {
        extended = true;
        // Plain assignment is safe for a key named "__proto__": JSON.parse made it an own data property, which the assignment writes.
        record[key] = wrapper.plain;
      } else {
        nodes.push(inner);
        depths.push(depth + 1);
      }
    }
  }
  return { value: input, extended, tooDeep: false };
}
