import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, unwrapExtendedJson } from '../../main/import/extended-json';

describe('Extended JSON unwrapping', () => {
  it('turns $oid, $date and $number… wrappers into plain values at any depth', () => {
    const doc = JSON.parse('{"_id":{"$oid":"5f1d"},"at":{"$date":{"$numberLong":"1764619200000"}},"list":[{"$numberInt":"3"},{"x":{"$date":"2026-12-01T20:00:00Z"}}]}');
    expect(unwrapExtendedJson(doc)).toEqual({
      value: { _id: '5f1d', at: 1764619200000, list: [3, { x: '2026-12-01T20:00:00Z' }] },
      extended: true,
      tooDeep: false,
    });
    expect(unwrapExtendedJson({ $oid: 'abc' })).toEqual({ value: 'abc', extended: true, tooDeep: false });
    expect(unwrapExtendedJson([1, 'a', null])).toEqual({ value: [1, 'a', null], extended: false, tooDeep: false });
  });

  it('reports nesting beyond the limit instead of overflowing the stack, 100,000 levels deep included', () => {
    const depth = 100_000;
    const deepObject = JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
    const deepList = JSON.parse('['.repeat(depth) + ']'.repeat(depth));
    expect(unwrapExtendedJson(deepObject).tooDeep).toBe(true);
    expect(unwrapExtendedJson(deepList).tooDeep).toBe(true);
    const atLimit = JSON.parse('['.repeat(MAX_JSON_DEPTH) + '{"$oid":"x"}' + ']'.repeat(MAX_JSON_DEPTH));
    expect(unwrapExtendedJson(atLimit)).toMatchObject({ extended: true, tooDeep: false });
    expect(unwrapExtendedJson(JSON.parse('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1))).tooDeep).toBe(true);
  });

  it('keeps a "__proto__" key as data, never as the prototype', () => {
    const { value } = unwrapExtendedJson(JSON.parse('{"__proto__":{"startTime":"2026-12-01T17:00"},"_id":{"__proto__":{"$oid":"x"}}}'));
    const record = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect('startTime' in record).toBe(false);
    expect(Object.getOwnPropertyDescriptor(record._id, '__proto__')?.value).toBe('x');
  });
});
