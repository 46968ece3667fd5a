import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NewBookingSchema, PARTICIPANT_LIMITS } from '../../shared/booking';
import type { NoteKind } from '../../main/import/row-notes';
import { translator } from '../../renderer/src/i18n';
import {
  commitLabel,
  firstOf,
  groupNotes,
  importableCount,
  importResultText,
  NOTE_HEADINGS,
  NOTE_KINDS,
  nothingToImport,
  progressPercent,
  withoutWhere,
} from '../../renderer/src/inout/import-view';
import { formatResultDay, rangeProblem, searchQuery, stepOption, weekRange } from '../../renderer/src/inout/lists';
import { checkDraft, defaultPrice, fitParticipants, isEmail, parsePrice, PARTICIPANTS, type NewBookingDraft } from '../../renderer/src/inout/new-booking-form';

const BA = 'America/Argentina/Buenos_Aires';
const es = translator('es');
const en = translator('en');

const draft = (fields: Partial<NewBookingDraft> = {}): NewBookingDraft => ({
  name: 'Ana Torres',
  email: 'ana@example.com',
  date: '2026-11-25',
  time: '17:00',
  durationMinutes: 60,
  classType: 'individual',
  participants: 1,
  focus: '',
  price: '15000',
  ...fields,
});

describe('new class form: prices and participants', () => {
  it('defaults to the platform price: 15,000 an individual class, group totals by size', () => {
    expect(defaultPrice('individual', 1)).toBe(15000);
    expect([2, 3, 4, 5].map((n) => defaultPrice('grupal', n))).toEqual([30000, 36000, 48000, 60000]);
    // A size outside 2 to 5 is read as the nearest allowed one.
    expect(defaultPrice('grupal', 1)).toBe(30000);
    expect(defaultPrice('grupal', 9)).toBe(60000);
    expect(defaultPrice('individual', 4)).toBe(15000);
  });

  it('fits participants to the class type, with the same limits as shared/booking', () => {
    expect(PARTICIPANTS).toEqual(PARTICIPANT_LIMITS);
    expect(fitParticipants('individual', 3)).toBe(1);
    expect(fitParticipants('grupal', 1)).toBe(2);
    expect(fitParticipants('grupal', 4)).toBe(4);
    expect(fitParticipants('grupal', 8)).toBe(5);
    expect(fitParticipants('grupal', Number.NaN)).toBe(2);
  });

  it('reads prices as whole pesos only', () => {
    expect(parsePrice('15000')).toBe(15000);
    expect(parsePrice(' 36000 ')).toBe(36000);
    expect(parsePrice('0')).toBe(0);
    for (const bad of ['', '15.000', '15,5', '-100', '1e4', 'abc', '99999999999']) expect(parsePrice(bad), bad).toBeNull();
  });
});

describe('new class form: validation', () => {
  it('accepts e-mails exactly as main (zod) does', () => {
    const samples = ['ana@example.com', 'ana.torres+clases@mail.example.com.ar', "o'neil@example.co", 'ana@', '@example.com', 'ana@example', 'ana..t@example.com', 'ana torres@example.com', 'ana@-example.com', 'ana@example.c', '.ana@example.com'];
    for (const email of samples) expect(isEmail(email), email).toBe(z.email().safeParse(email).success);
  });

  it('builds a request main accepts, with the time read in the teacher\'s zone', () => {
    const { problems, request } = checkDraft(draft({ focus: '  Job interview  ' }), BA);
    expect(problems).toEqual({});
    expect(request).toEqual({
      bookedBy: { name: 'Ana Torres', email: 'ana@example.com' },
      startTime: '2026-11-25T17:00:00-03:00',
      endTime: '2026-11-25T18:00:00-03:00',
      classType: 'individual',
      maxParticipants: 1,
      classPrice: 15000,
      learningFocus: 'Job interview',
    });
    expect(NewBookingSchema.safeParse(request).success).toBe(true);
    // A group of four, and an empty focus sent as null.
    const group = checkDraft(draft({ classType: 'grupal', participants: 4, price: '48000', focus: '   ' }), 'Asia/Tokyo').request!;
    expect(group).toMatchObject({ classType: 'grupal', maxParticipants: 4, classPrice: 48000, learningFocus: null, startTime: '2026-11-25T17:00:00+09:00' });
    expect(NewBookingSchema.safeParse(group).success).toBe(true);
  });

  it('names each field\'s problem', () => {
    expect(checkDraft(draft({ name: '  ', email: '' }), BA).problems).toEqual({ name: 'required', email: 'required' });
    expect(checkDraft(draft({ name: 'x'.repeat(201) }), BA).problems).toEqual({ name: 'tooLong' });
    expect(checkDraft(draft({ email: 'ana@' }), BA).problems).toEqual({ email: 'email' });
    expect(checkDraft(draft({ date: '' }), BA).problems).toEqual({ date: 'required' });
    expect(checkDraft(draft({ date: '2026-13-45' }), BA).problems).toEqual({ date: 'date' });
    expect(checkDraft(draft({ classType: 'grupal', participants: 1 }), BA).problems).toEqual({ participants: 'participants' });
    expect(checkDraft(draft({ classType: 'individual', participants: 2 }), BA).problems).toEqual({ participants: 'participants' });
    expect(checkDraft(draft({ focus: 'x'.repeat(101) }), BA).problems).toEqual({ focus: 'tooLong' });
    expect(checkDraft(draft({ focus: 'x'.repeat(100) }), BA).problems).toEqual({});
    expect(checkDraft(draft({ price: '15.000' }), BA).problems).toEqual({ price: 'price' });
    expect(checkDraft(draft({ price: '' }), BA).problems).toEqual({ price: 'required' });
    expect(checkDraft(draft({ durationMinutes: 5 }), BA).problems).toEqual({ duration: 'duration' });
    // No request while anything is wrong, and whatever the form refuses main refuses too.
    for (const bad of [draft({ email: 'ana@' }), draft({ classType: 'grupal', participants: 1 }), draft({ focus: 'x'.repeat(101) })]) {
      expect(checkDraft(bad, BA).request).toBeNull();
    }
  });

  it('refuses a time the clocks skip that day', () => {
    // New York springs forward at 02:00 on 8 March 2026: 02:30 does not exist.
    expect(checkDraft(draft({ date: '2026-03-08', time: '02:30' }), 'America/New_York').problems).toEqual({ time: 'nonexistent' });
    expect(checkDraft(draft({ date: '2026-03-08', time: '03:30' }), 'America/New_York').request?.startTime).toBe('2026-03-08T03:30:00-04:00');
  });
});

describe('import preview, as the dialog shows it', () => {
  const counts = (c: Partial<Record<'new' | 'updated' | 'unchanged' | 'invalid', number>>) => ({ new: 0, updated: 0, unchanged: 0, invalid: 0, ...c });

  it('counts what a commit writes, and says why there is nothing to import', () => {
    expect(importableCount(counts({ new: 3, updated: 1, unchanged: 7, invalid: 2 }))).toBe(4);
    expect(nothingToImport(counts({ new: 1 }))).toBeNull();
    expect(nothingToImport(counts({ unchanged: 4, invalid: 1 }))).toBe('unchanged');
    // A payments file whose classes are not in the desk yet still has something to keep.
    expect(nothingToImport(counts({}), 2)).toBeNull();
    expect(nothingToImport(counts({ invalid: 3 }))).toBe('no-valid-rows');
  });

  it('shows the line apart from main\'s reason', () => {
    expect(withoutWhere('line 3: classType "vip" is not individual or grupal')).toBe('classType "vip" is not individual or grupal');
    expect(withoutWhere('item 3 of the array (line 9): end time must be after start time')).toBe('end time must be after start time');
    expect(withoutWhere('end time must be after start time')).toBe('end time must be after start time');
  });

  it('lists the first rows of a long list and counts the rest', () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => ({ line: i + 1, reason: 'bad' }));
    const shown = firstOf(rows, 50_000, 200);
    expect(shown.shown).toHaveLength(200);
    expect(shown.more).toBe(49_800);
    expect(firstOf(rows.slice(0, 3), 3, 200)).toEqual({ shown: rows.slice(0, 3), more: 0 });
  });

  it('groups notes by kind in a fixed order, unknown kinds last, each capped', () => {
    const notes = [
      { line: 2, kind: 'platform-hours', message: 'line 2: starts Thursday 10:30' },
      { line: 2, kind: 'access-code', message: 'line 2: access code "ab1" left out' },
      { line: 5, kind: 'something-new', message: 'line 5: news' },
      { line: 1, kind: 'unpaid', message: 'line 1: no payment' },
      ...Array.from({ length: 80 }, (_, i) => ({ line: 10 + i, kind: 'platform-hours', message: `line ${10 + i}: early` })),
    ];
    const groups = groupNotes(notes, 50);
    expect(groups.map((g) => g.kind)).toEqual(['unpaid', 'platform-hours', 'access-code', 'other']);
    const hours = groups[1]!;
    expect(hours.total).toBe(81);
    expect(hours.shown).toHaveLength(50);
    expect(hours.shown[0]).toEqual({ line: 2, message: 'starts Thursday 10:30' });
  });

  it('has a heading for every kind of note main writes', () => {
    // Compile-time: NOTE_KINDS covers main/import/row-notes.ts's NoteKind, and nothing else.
    const every: Record<NoteKind, true> = Object.fromEntries(NOTE_KINDS.map((k) => [k, true])) as Record<(typeof NOTE_KINDS)[number], true>;
    expect(Object.keys(every).sort()).toEqual([...NOTE_KINDS].sort());
    for (const kind of [...NOTE_KINDS, 'other'] as const) {
      expect(es(NOTE_HEADINGS[kind])).not.toBe(en(NOTE_HEADINGS[kind]));
    }
  });

  it('words the result and the commit button in both languages', () => {
    expect(importResultText(es, { created: 3, updated: 1 })).toBe('3 creadas, 1 actualizada');
    expect(importResultText(en, { created: 3, updated: 1 })).toBe('3 created, 1 updated');
    expect(importResultText(es, { created: 1, updated: 0 })).toBe('1 creada, 0 actualizadas');
    expect(commitLabel(es, 4)).toBe('Importar 4 clases válidas');
    expect(commitLabel(en, 0, 2)).toBe('Keep 2 payments for when their classes come');
    expect(commitLabel(en, 1)).toBe('Import 1 valid class');
  });

  it('turns progress into a percentage, unknown until main says how much', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ done: 0, total: 0, phase: 'reading' })).toBeNull();
    expect(progressPercent({ done: 12_500, total: 50_000, phase: 'checking' })).toBe(25);
    expect(progressPercent({ done: 60, total: 50, phase: 'saving' })).toBe(100);
  });
});

describe('search list and export range', () => {
  it('steps through the options, wrapping, from none', () => {
    expect(stepOption(3, -1, 1)).toBe(0);
    expect(stepOption(3, -1, -1)).toBe(2);
    expect(stepOption(3, 2, 1)).toBe(0);
    expect(stepOption(3, 0, -1)).toBe(2);
    expect(stepOption(0, -1, 1)).toBe(-1);
  });

  it('sends only a query main accepts', () => {
    expect(searchQuery('   ')).toBeNull();
    expect(searchQuery('  Lucía ')).toBe('Lucía');
    expect(searchQuery('x'.repeat(300))).toHaveLength(200);
  });

  it('checks the export range and defaults to the week on screen', () => {
    expect(rangeProblem('2026-11-23', '2026-11-29')).toBeNull();
    expect(rangeProblem('2026-11-23', '2026-11-23')).toBeNull();
    expect(rangeProblem('2026-11-29', '2026-11-23')).toBe('order');
    expect(rangeProblem('', '2026-11-23')).toBe('missing');
    expect(weekRange(['2026-11-23', '2026-11-24', '2026-11-29'])).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(weekRange([])).toBeNull();
  });

  it('dates a result in the teacher\'s zone, with its year', () => {
    // 01:30 UTC on the 26th is still the 25th in Buenos Aires (and already the 26th in Tokyo).
    expect(formatResultDay('2026-11-26T01:30:00Z', BA, 'en-US')).toBe('Wed, Nov 25, 2026');
    expect(formatResultDay('2026-11-26T01:30:00Z', 'Asia/Tokyo', 'en-US')).toBe('Thu, Nov 26, 2026');
    expect(formatResultDay('2026-11-26T01:30:00Z', BA, 'es-AR')).toMatch(/^mié,? 25 nov 2026$/);
  });
});
