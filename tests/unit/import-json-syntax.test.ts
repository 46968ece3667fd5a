import { describe, expect, it } from 'vitest';
import { describeJsonError, findJsonSyntaxError, lineColumnAt } from '../../main/import/json-syntax';
import { unwrapExtendedJson } from '../../main/import/extended-json';

describe('JSON syntax errors with line and column', () => {
  it.each([
    ['{"a": 1,}', 'not valid JSON at line 1, column 9: expected a property name in double quotes, found "}" (a comma before } is not allowed in JSON)'],
    ['[1, 2,\n]', 'not valid JSON at line 2, column 1: unexpected ] where a value was expected (a comma before it is not allowed in JSON)'],
    ['{"a" 1}', `not valid JSON at line 1, column 6: expected ':' after a property name, found "1"`],
    ["{'a': 1}", `not valid JSON at line 1, column 2: expected a property name in double quotes, found ' (JSON strings need double quotes)`],
    ['{"a": tru}', 'not valid JSON at line 1, column 7: unexpected word "tru" where a value was expected (text must be in double quotes)'],
    ['{"a": "b\nc"}', 'not valid JSON at line 1, column 9: a line break inside a string (the closing " is missing?)'],
    ['{"a": "\\x"}', 'not valid JSON at line 1, column 8: invalid escape \\x in a string'],
    ['{"a": [1, 2}', `not valid JSON at line 1, column 12: expected ',' or ']', found "}"`],
    ['{"a": 1}\n{"b": 2}', 'not valid JSON at line 2, column 1: unexpected "{" after the end of the JSON data'],
    ['{"a": {"b": [1,\n2', 'not valid JSON at line 2, column 2: the file ends before the [ opened at line 1, column 13 is closed'],
    ['{"a": "open', 'not valid JSON at line 1, column 12: the string that starts at line 1, column 7 never ends'],
    ['{"a": -}', 'not valid JSON at line 1, column 7: a number is not written correctly'],
  ])('%j', (text, message) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(describeJsonError(text)).toBe(message);
  });

  it('finds nothing wrong in valid JSON, however deep', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expect(findJsonSyntaxError(deep)).toBeNull();
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, false, null, "\\u00e9\\n"], "b": {}}')).toBeNull();
  });

  it('checks one line of a larger text and reports the line in the file', () => {
    const text = '{"ok": 1}\n{"broken": }\n';
    expect(describeJsonError(text, 10, 22)).toBe('not valid JSON at line 2, column 12: unexpected } where a value was expected');
  });

  it('counts lines and columns from 1', () => {
    expect(lineColumnAt('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});

describe('MongoDB Extended JSON', () => {
  it('unwraps $oid, relaxed and canonical $date, and number wrappers, in place', () => {
    const doc = {
      _id: { $oid: '65a1b2c3d4e5f6a7b8c9d0e1' },
      a: { $date: '2026-12-01T20:00:00Z' },
      b: { $date: { $numberLong: '1796155200000' } },
      c: { $date: 1796155200000 },
      n: { $numberLong: '15000' },
      i: { $numberInt: '3' },
      list: [{ $oid: 'aa' }, { $oid: 'bb' }],
      nested: { x: { $numberDouble: '1.5' } },
      plain: { name: 'x', $other: 1 },
    };
    expect(unwrapExtendedJson(doc)).toEqual({
      extended: true,
      tooDeep: false,
      value: {
        _id: '65a1b2c3d4e5f6a7b8c9d0e1',
        a: '2026-12-01T20:00:00Z',
        b: 1796155200000, // epoch milliseconds: the row mapper reads them as such
        c: 1796155200000,
        n: 15000,
        i: 3,
        list: ['aa', 'bb'],
        nested: { x: 1.5 },
        plain: { name: 'x', $other: 1 },
      },
    });
    expect(unwrapExtendedJson({ startTime: '2026-12-01T20:00:00Z' }).extended).toBe(false);
  });
});
