import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import type { AnswerRecord } from './calendar';

/**
 * Holds the fake's answers to Google's published shapes (event-schema.json,
 * generated from googleapis' types by generate-schema.ts): a field of the
 * wrong type, or one Google does not define, is reported.
 */

const schema = JSON.parse(readFileSync(new URL('./event-schema.json', import.meta.url), 'utf8')) as { $id: string };

export type CalendarShape = 'Event' | 'Events' | 'FreeBusyResponse';

function compile(): Record<CalendarShape, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(schema);
  const ref = (name: string) => ajv.compile({ $ref: `${schema.$id}#/definitions/${encodeURIComponent(`calendar_v3.Schema$${name}`)}` });
  return { Event: ref('Event'), Events: ref('Events'), FreeBusyResponse: ref('FreeBusyResponse') };
}

let validators: Record<CalendarShape, ValidateFunction> | null = null;

/** Problems with `value` as a Calendar `shape`, as readable lines; empty when it conforms. */
export function schemaProblems(shape: CalendarShape, value: unknown): string[] {
  validators ??= compile();
  const validate = validators[shape];
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${shape}${e.instancePath || ''} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
}

const SHAPE_OF: Partial<Record<AnswerRecord['kind'], CalendarShape>> = {
  'events.insert': 'Event',
  'events.get': 'Event',
  'events.patch': 'Event',
  'events.list': 'Events',
  'freeBusy.query': 'FreeBusyResponse',
};

/** Collects schema problems of every answer the fake sends; install as `fake.onAnswer`. */
export function answerChecker(): { check(answer: AnswerRecord): void; problems: string[] } {
  const problems: string[] = [];
  return {
    problems,
    check(answer) {
      const shape = SHAPE_OF[answer.kind];
      if (!shape || answer.status >= 300) return;
      for (const p of schemaProblems(shape, answer.body)) problems.push(`${answer.kind}: ${p}`);
    },
  };
}
