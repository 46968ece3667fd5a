import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract, type Method } from '../../shared/ipc/contract';
import { createDispatcher, type Handlers } from '../../main/ipc/dispatch';
import { memoryLogger } from '../../main/logger';
import { aNewBooking } from '../support/booking-fixture';

/**
 * Every request schema of the IPC contract, and every object schema nested
 * in one, refuses keys it does not know: a page that sends more than the
 * contract says is refused, never silently trimmed (issue 10). The walk
 * fails on a kind of schema it does not know, so a new kind cannot slip by.
 */

type Def = { type: string } & Record<string, unknown>;
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** Kinds that hold no other schema. */
const LEAVES = new Set(['string', 'number', 'int', 'boolean', 'bigint', 'literal', 'enum', 'null', 'undefined', 'never', 'date', 'template_literal']);
/** Kinds that wrap one schema in `innerType`. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** Every object schema inside `schema`, with where it is. */
function objectSchemas(schema: z.ZodType, where: string, out: { where: string; schema: z.ZodType; def: Def }[] = []) {
  const def = defOf(schema);
  const walk = (inner: unknown, at: string) => objectSchemas(inner as z.ZodType, at, out);
  if (def.type === 'object') {
    out.push({ where, schema, def });
    for (const [key, inner] of Object.entries(def.shape as Record<string, unknown>)) walk(inner, `${where}.${key}`);
  } else if (WRAPPERS.has(def.type)) {
    walk(def.innerType, where);
  } else if (def.type === 'array') {
    walk(def.element, `${where}[]`);
  } else if (def.type === 'union') {
    for (const [i, option] of (def.options as unknown[]).entries()) walk(option, `${where}|${i}`);
  } else if (def.type === 'pipe') {
    walk(def.in, where);
  } else if (def.type === 'intersection') {
    walk(def.left, where);
    walk(def.right, where);
  } else if (def.type === 'record') {
    throw new Error(`${where} is a record: it takes any key; name the keys in an object schema instead`);
  } else if (!LEAVES.has(def.type)) {
    throw new Error(`${where}: the walk does not know schemas of kind "${def.type}"; teach it, so it can check what is inside`);
  }
  return out;
}

const methods = Object.keys(contract) as Method[];

describe('strict request schemas on every IPC channel', () => {
  it.each(methods.map((m) => [contract[m].channel, m] as const))('%s refuses unknown keys, in nested objects too', (_channel, method) => {
    const found = objectSchemas(contract[method].request, 'request');
    expect(found.length).toBeGreaterThan(0);
    for (const { where, schema, def } of found) {
      const catchall = def.catchall === undefined ? 'strip' : defOf(def.catchall).type;
      expect(catchall, `${where} must be .strict()`).toBe('never');
      // And as behaviour: an unknown key is named in the issues, whatever else is wrong with the value.
      const parsed = schema.safeParse({ surplusKey: 1 });
      expect(parsed.success, where).toBe(false);
      expect(parsed.error?.issues.some((issue) => issue.code === 'unrecognized_keys'), where).toBe(true);
    }
  });

  it('bookings:create refuses what only main may set: status, meetLink, id, source, and unknown keys in bookedBy', () => {
    const request = contract.createBooking.request;
    expect(request.safeParse(aNewBooking()).success).toBe(true);
    for (const [key, value] of Object.entries({ status: 'scheduled', meetLink: 'https://meet.google.com/abc-defg-hij', id: '7f0c2b8e-7f6a-4f4e-9a55-3c8b9d0e1f2a', source: 'calendar' })) {
      const parsed = request.safeParse({ ...aNewBooking(), [key]: value });
      expect(parsed.success, key).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: [key] });
    }
    expect(request.safeParse({ ...aNewBooking(), bookedBy: { name: 'Ana', email: 'ana@example.com', role: 'admin' } }).success).toBe(false);
  });

  it('settings:update refuses unknown keys inside classDefaults, "__proto__" included', () => {
    const request = contract.updateSettings.request;
    expect(request.safeParse({ classDefaults: { durationMinutes: 45 } }).success).toBe(true);
    expect(request.safeParse({ classDefaults: { durationMinutes: 45, colour: 'red' } }).success).toBe(false);
    for (const text of ['{"classDefaults":{"__proto__":{"summary":"x"}}}', '{"classDefaults":{"durationMinutes":45,"__proto__":null}}', '{"__proto__":{"locale":"en"}}']) {
      const parsed = request.safeParse(JSON.parse(text));
      expect(parsed.success, text).toBe(false);
      expect(parsed.error?.issues.some((issue) => issue.code === 'unrecognized_keys'), text).toBe(true);
    }
  });

  it('the dispatcher answers INVALID_REQUEST naming the key, and no handler runs', async () => {
    const called: string[] = [];
    const handlers = new Proxy({}, { get: (_t, name) => () => void called.push(String(name)) }) as Handlers;
    const dispatch = createDispatcher(handlers, memoryLogger());
    const answer = await dispatch(contract.createBooking.channel, { ...aNewBooking(), status: 'scheduled' });
    expect(answer).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: 'Request on bookings:create refused: Unrecognized key: "status".' } });
    const nested = await dispatch(contract.updateSettings.channel, JSON.parse('{"classDefaults":{"__proto__":{"summary":"x"}}}'));
    expect(nested).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringContaining('classDefaults') } });
    expect(called).toEqual([]);
  });
});
