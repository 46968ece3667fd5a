/**
 * Where a JSON text goes wrong, as line and column, in words a teacher can
 * pass on. JSON.parse says "at position 123" on some engines and nothing on
 * others, so the import finds the place itself. Only called after JSON.parse
 * failed; iterative, so deep nesting cannot overflow the stack.
 */

export interface JsonSyntaxProblem {
  /** Offset in the text (UTF-16 units). */
  offset: number;
  message: string;
}

export interface LineColumn {
  line: number;
  column: number;
}

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

type State = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'after-value';

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

function describeChar(c: string): string {
  if (c === "'") return "' (JSON strings need double quotes)";
  return JSON.stringify(c);
}

/** The first syntax error in text[start, end), or null when it is one valid JSON value. */
export function findJsonSyntaxError(text: string, start = 0, end = text.length): JsonSyntaxProblem | null {
  const endName = start === 0 && end === text.length ? 'the file' : 'the line';
  const stack: { kind: '{' | '['; offset: number }[] = [];
  let state: State = 'value';
  let i = start;
  const fail = (offset: number, message: string): JsonSyntaxProblem => ({ offset, message });

  for (;;) {
    while (i < end && isSpace(text[i])) i++;
    const c = text[i];
    if (i >= end || c === undefined) {
      if (state === 'after-value' && stack.length === 0) return null;
      const open = stack[stack.length - 1];
      if (open) {
        const at = lineColumnAt(text, open.offset);
        return fail(end, `${endName} ends before the ${open.kind} opened at line ${at.line}, column ${at.column} is closed`);
      }
      return fail(end, `${endName} ends where a value was expected`);
    }
    switch (state) {
      case 'value':
      case 'value-or-close': {
        if (state === 'value-or-close' && c === ']') {
          stack.pop();
          i++;
          state = 'after-value';
          break;
        }
        if (c === '{' || c === '[') {
          stack.push({ kind: c, offset: i });
          i++;
          state = c === '{' ? 'key-or-close' : 'value-or-close';
        } else if (c === '"') {
          const problem = skipString(text, i, end);
          if (typeof problem !== 'number') return problem;
          i = problem;
          state = 'after-value';
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          const match = NUMBER.exec(text);
          if (!match || match[0] === '-') return fail(i, 'a number is not written correctly');
          i += match[0].length;
          state = 'after-value';
        } else {
          const word = /^[A-Za-z_]+/.exec(text.slice(i, Math.min(end, i + 20)))?.[0];
          if (word === 'true' || word === 'false' || word === 'null') {
            i += word.length;
            state = 'after-value';
          } else if (word) {
            return fail(i, `unexpected word "${word}" where a value was expected (text must be in double quotes)`);
          } else if (c === ']' || c === '}') {
            const afterComma = /,\s*$/.test(text.slice(Math.max(start, i - 200), i));
            return fail(i, `unexpected ${c} where a value was expected${afterComma ? ' (a comma before it is not allowed in JSON)' : ''}`);
          } else {
            return fail(i, `unexpected ${describeChar(c)} where a value was expected`);
          }
        }
        break;
      }
      case 'key':
      case 'key-or-close': {
        if (state === 'key-or-close' && c === '}') {
          stack.pop();
          i++;
          state = 'after-value';
          break;
        }
        if (c !== '"') {
          const extra = c === '}' ? ' (a comma before } is not allowed in JSON)' : '';
          return fail(i, `expected a property name in double quotes, found ${describeChar(c)}${extra}`);
        }
        const next = skipString(text, i, end);
        if (typeof next !== 'number') return next;
        i = next;
        state = 'colon';
        break;
      }
      case 'colon':
        if (c !== ':') return fail(i, `expected ':' after a property name, found ${describeChar(c)}`);
        i++;
        state = 'value';
        break;
      case 'after-value': {
        const open = stack[stack.length - 1];
        if (!open) return fail(i, `unexpected ${describeChar(c)} after the end of the JSON data`);
        const close = open.kind === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          state = open.kind === '{' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
        } else {
          return fail(i, `expected ',' or '${close}', found ${describeChar(c)}`);
        }
        break;
      }
    }
  }
}

/** Offset just past the closing quote of the string at `i`, or the problem in it. */
function skipString(text: string, i: number, end: number): number | JsonSyntaxProblem {
  const open = i;
  i++;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 34) return i + 1;
    if (c === 92) {
      const e = text[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, message: 'a \\u escape needs four hexadecimal digits' };
        i += 6;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i += 2;
      } else {
        return { offset: i, message: `invalid escape \\${e ?? ''} in a string` };
      }
      continue;
    }
    if (c < 0x20) return { offset: i, message: c === 10 || c === 13 ? 'a line break inside a string (the closing " is missing?)' : 'a control character inside a string' };
    i++;
  }
  const at = lineColumnAt(text, open);
  return { offset: end, message: `the string that starts at line ${at.line}, column ${at.column} never ends` };
}

/** "not valid JSON at line 3, column 14: expected ',' or '}', found ..." for text[start, end) (one line of a file, or all of it). */
export function describeJsonError(text: string, start = 0, end = text.length): string {
  const problem = findJsonSyntaxError(text, start, end);
  if (!problem) return 'not valid JSON';
  const { line, column } = lineColumnAt(text, problem.offset);
  return `not valid JSON at line ${line}, column ${column}: ${problem.message}`;
}
