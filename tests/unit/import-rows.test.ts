import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { describe, expect, it } from 'vitest';
import { BOOKING_STATUSES } from '../../shared/booking';
import { transition } from '../../shared/booking-status';
import { instantOfWallTime, zonedIso } from '../../shared/zone-offset';
import { parseInstant } from '../../main/import/instant';
import { readRow, type ImportedRow, type RowContext } from '../../main/import/imported-row';
import { decideStatus } from '../../main/import/merge-booking';
import type { Companion } from '../../main/import/read-file';
import { aNewBooking } from '../support/booking-fixture';

const BA = 'America/Argentina/Buenos_Aires';
const context: RowContext = { timeZone: BA, companion: null, fromPlatform: true };

/** A platform row: the fields of a new class, with the platform's preferenceId. */
const base = aNewBooking({ preferenceId: 'pref-1' });

function row(fields: Record<string, unknown>, ctx: RowContext = context): ImportedRow {
  const result = readRow({ line: 1, where: 'line 1', fields: { ...base, ...fields } }, ctx);
  if (!result.ok) throw new Error(result.reason);
  return result.row;
}

function reason(fields: Record<string, unknown>, ctx: RowContext = context): string {
  const result = readRow({ line: 1, where: 'line 1', fields: { ...base, ...fields } }, ctx);
  if (result.ok) throw new Error('expected the row to be refused');
  return result.reason;
}

describe('instants', () => {
  it('takes an offset as written, and a local time in the zone with its real rules', () => {
    expect(parseInstant('2026-12-01T17:00:00-03:00', 'Asia/Tokyo')).toEqual({ ok: true, ms: Date.parse('2026-12-01T20:00:00Z') });
    expect(parseInstant('2026-12-01 17:00', BA)).toEqual({ ok: true, ms: Date.parse('2026-12-01T20:00:00Z') });
    // Madrid in summer is UTC+2, in winter UTC+1: a fixed offset would get one of them wrong.
    expect(parseInstant('2026-07-01T18:00', 'Europe/Madrid')).toEqual({ ok: true, ms: Date.parse('2026-07-01T16:00:00Z') });
    expect(parseInstant('2026-12-01T18:00', 'Europe/Madrid')).toEqual({ ok: true, ms: Date.parse('2026-12-01T17:00:00Z') });
    expect(parseInstant('2026-12-01T17:00:00.500+0530', BA)).toEqual({ ok: true, ms: Date.parse('2026-12-01T11:30:00.500Z') });
  });

  it('refuses a local time the clocks skip, and takes one they repeat', () => {
    expect(parseInstant('2026-03-29T02:30', 'Europe/Madrid')).toEqual({ ok: false, reason: '"2026-03-29T02:30" does not exist in Europe/Madrid (the clocks skip that hour)' });
    const repeated = parseInstant('2026-10-25T02:30', 'Europe/Madrid');
    expect(repeated.ok && [Date.parse('2026-10-25T00:30:00Z'), Date.parse('2026-10-25T01:30:00Z')]).toContain(repeated.ok && repeated.ms);
  });

  it.each(['2026-02-29T10:00', '2026-12-01T24:00', '2026-12-01', '01/12/2026 17:00', '2026-12-01T17:00+15:00', ''])('refuses %j', (text) => {
    expect(parseInstant(text, BA).ok).toBe(false);
  });

  it('agrees with date-fns-tz across zones, years and DST changes', () => {
    const zones = [BA, 'Europe/Madrid', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC', 'America/Sao_Paulo'];
    const reference = (ms: number, zone: string) => formatInTimeZone(ms, zone, "yyyy-MM-dd'T'HH:mm:ssXXX");
    const step = 13 * 3_600_000 + 7 * 60_000;
    for (const zone of zones) {
      let previous = '';
      for (let ms = Date.parse('2018-01-01T00:00:00Z'); ms < Date.parse('2028-01-01T00:00:00Z'); ms += step) {
        const expected = reference(ms, zone);
        expect(zonedIso(ms, zone)).toBe(expected);
        // Where the offset changed since the last sample, check every 5 minutes in between.
        if (previous && previous.slice(19) !== expected.slice(19)) {
          for (let at = ms - step; at < ms; at += 5 * 60_000) expect(zonedIso(at, zone)).toBe(reference(at, zone));
        }
        previous = expected;
      }
    }
  }, 60_000);

  it('reads wall times like date-fns-tz, outside DST gaps', () => {
    for (const zone of ['Europe/Madrid', 'America/New_York', BA]) {
      for (let day = 0; day < 366; day += 3) {
        const wall = Date.parse('2026-01-01T17:30:00Z') + day * 86_400_000;
        const local = new Date(wall).toISOString().slice(0, 19);
        expect(instantOfWallTime(wall, zone)).toBe(fromZonedTime(local, zone).getTime());
      }
    }
  });
});

describe('a row of the platform', () => {
  it('stores times in the teacher zone', () => {
    expect(row({ startTime: '2026-12-01T20:00:00.000Z', endTime: '2026-12-01T21:00:00.000Z' })).toMatchObject({
      startTime: '2026-12-01T17:00:00-03:00',
      endTime: '2026-12-01T18:00:00-03:00',
    });
  });

  it('drops an access code the platform made too short or with ambiguous letters, and says so', () => {
    for (const code of ['X7K2Q', 'AB1CD0EF', 'abcdefgh']) {
      const r = row({ accessCode: code });
      expect(r.accessCode).toBeNull();
      expect(r.notes.map((n) => n.kind)).toContain('access-code');
    }
    expect(row({ accessCode: 'K7M2Q9PX' }).accessCode).toBe('K7M2Q9PX');
  });

  it('takes the Meet link from htmlLink, files a calendar link where it belongs, and drops anything else', () => {
    expect(row({ htmlLink: 'https://meet.google.com/abc-defg-hij' })).toMatchObject({ meetLink: 'https://meet.google.com/abc-defg-hij', calendarLink: null });
    expect(row({ htmlLink: 'https://www.google.com/calendar/event?eid=abc' })).toMatchObject({ meetLink: null, calendarLink: 'https://www.google.com/calendar/event?eid=abc' });
    const dropped = row({ htmlLink: 'http://meet.google.com/abc-defg-hij' });
    expect(dropped.meetLink).toBeNull();
    expect(dropped.notes.map((n) => n.kind)).toEqual(['meet-link']);
    expect(row({ htmlLink: 'https://evil.example/meet.google.com/x' }).meetLink).toBeNull();
  });

  it('treats a pending class with its event and Meet link as scheduled, and leaves one without a Meet link pending', () => {
    expect(row({ status: 'pending', googleEventId: 'ev1', htmlLink: 'https://meet.google.com/abc-defg-hij' })).toMatchObject({ status: 'scheduled' });
    const noMeet = row({ status: 'pending', googleEventId: 'ev1' });
    expect(noMeet.status).toBe('pending');
    expect(noMeet.notes[0]?.message).toMatch(/may get two events/);
  });

  it('notes a start outside the platform class hours (its fixed −03:00 fault)', () => {
    expect(row({}).notes).toEqual([]);
    const odd = row({ startTime: '2026-12-01T09:30:00-03:00', endTime: '2026-12-01T10:30:00-03:00' });
    expect(odd.notes).toEqual([{ kind: 'platform-hours', message: expect.stringContaining('starts Tuesday 09:30 in Buenos Aires') }]);
    expect(row({ startTime: '2026-12-01T09:30:00-03:00', endTime: '2026-12-01T10:30:00-03:00' }, { ...context, fromPlatform: false }).notes).toEqual([]);
  });

  it('reads an individual class of 0 participants as 1 (the platform writes 0)', () => {
    expect(row({ maxParticipants: 0 }).maxParticipants).toBe(1);
    expect(row({ maxParticipants: undefined }).maxParticipants).toBe(1);
  });

  it('cuts a learning focus longer than 100 characters, with a note', () => {
    const r = row({ learningFocus: 'x'.repeat(150) });
    expect(r.learningFocus).toHaveLength(100);
    expect(r.notes.map((n) => n.kind)).toEqual(['truncated']);
  });

  it('keeps a field the file does not carry as "not said", so an update keeps the desk value', () => {
    const r = row({ learningFocus: undefined, hostType: undefined, classPrice: undefined });
    expect(r).toMatchObject({ learningFocus: undefined, hostType: undefined, classPrice: undefined });
    expect(row({ learningFocus: '' }).learningFocus).toBeNull();
  });

  it('reads participants from participantsIds, without the booker', () => {
    expect(row({ bookedById: 'u1', participantsIds: ['u1', 'u2', 'u3'] }).participants).toEqual([{ platformUserId: 'u2' }, { platformUserId: 'u3' }]);
    expect(row({ participantsIds: 'ObjectId(u2); u3' }).participants).toEqual([{ platformUserId: 'u2' }, { platformUserId: 'u3' }]);
    expect(row({}).participants).toBeUndefined();
  });

  it.each([
    [{ classType: 'Grupal', maxParticipants: 1 }, 'line 1: maxParticipants 1: grupal classes take 2 to 5 participants'],
    [{ classType: undefined }, 'line 1: classType is missing (individual or grupal)'],
    [{ status: 'done' }, 'line 1: status "done" is not one of pending, scheduled, completed, cancelled'],
    [{ hostType: 'teacher' }, 'line 1: hostType "teacher" is not anfitrion or invitado'],
    [{ classPrice: -5 }, 'line 1: classPrice -5 is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    [{ bookedBy: { name: 'Ana' } }, "line 1: the student's e-mail is missing (name Ana)"],
    [{ bookedBy: { email: 'ana@example.com' } }, "line 1: the student's name is missing (e-mail ana@example.com)"],
    [{ id: 'not-a-uuid' }, 'line 1: id "not-a-uuid" is not a Teacher Desk booking id (leave it empty for a class from elsewhere)'],
    [{ participants: '[{"email": "nope"}]' }, 'line 1: participants: email: Invalid email address'],
    [{ participantsIds: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'line 1: 6 participants, a class takes at most 5'],
    [{ createdAt: 'yesterday' }, 'line 1: createdAt "yesterday" is not a date-time like 2026-11-24T17:00:00-03:00'],
    [{ startTime: { nested: true } }, 'line 1: startTime is an object, not text'],
  ])('refuses %j', (fields, message) => {
    expect(reason(fields)).toBe(message);
  });
});

describe('a row of the companion file', () => {
  const companion = (payments: Companion['payments']): RowContext => ({
    ...context,
    companion: { users: new Map([['u1', { _id: 'u1', name: 'Lucía Gómez', email: 'lucia@example.com' }]]), payments },
  });

  it('takes the student from users and the price from the approved payment', () => {
    const ctx = companion(new Map([['pref-1', { preferenceId: 'pref-1', status: 'approved', price: 15000 }]]));
    const r = row({ bookedBy: undefined, bookedById: 'u1', classPrice: 111, status: 'scheduled' }, ctx);
    expect(r).toMatchObject({ bookedBy: { name: 'Lucía Gómez', email: 'lucia@example.com' }, classPrice: 15000, status: 'scheduled', unpaid: false });
    expect(r.notes.map((n) => n.kind)).toEqual(['price']);
  });

  it('imports a class whose payment is not approved as pending, flagged, never scheduled', () => {
    for (const status of ['pending', 'rejected']) {
      const ctx = companion(new Map([['pref-1', { preferenceId: 'pref-1', status }]]));
      const r = row({ status: 'scheduled', googleEventId: 'ev', htmlLink: 'https://meet.google.com/abc-defg-hij' }, ctx);
      expect(r).toMatchObject({ status: 'pending', unpaid: true });
      expect(r.notes.map((n) => n.kind)).toEqual(['unpaid', 'pending-with-event']);
    }
    expect(row({ status: 'scheduled' }, companion(new Map())).status).toBe('pending');
    // Without payments in the file nothing is known about payment, and the status stands.
    expect(row({ status: 'scheduled' }, companion(null)).status).toBe('scheduled');
  });
});

describe('status of a booking the desk already has', () => {
  it('keeps a status the desk moved forward', () => {
    expect(decideStatus('scheduled', 'pending')).toEqual({ ok: true, status: 'scheduled', keptDesk: true });
    expect(decideStatus('cancelled', 'scheduled')).toEqual({ ok: true, status: 'cancelled', keptDesk: true });
    expect(decideStatus('completed', 'scheduled')).toEqual({ ok: true, status: 'completed', keptDesk: true });
  });

  it('applies one allowed step', () => {
    expect(decideStatus('pending', 'scheduled')).toEqual({ ok: true, status: 'scheduled', keptDesk: false });
    expect(decideStatus('scheduled', 'cancelled')).toEqual({ ok: true, status: 'cancelled', keptDesk: false });
    expect(decideStatus('scheduled', 'completed')).toEqual({ ok: true, status: 'completed', keptDesk: false });
  });

  it('refuses what transition() refuses, with its reason', () => {
    expect(decideStatus('pending', 'completed')).toEqual({ ok: false, reason: 'the export says completed but the desk has it pending: Cannot complete this class: a pending class can only be confirmed or cancelled.' });
    expect(decideStatus('completed', 'cancelled')).toMatchObject({ ok: false, reason: expect.stringContaining('a completed class is final') });
    expect(decideStatus('cancelled', 'completed')).toMatchObject({ ok: false, reason: expect.stringContaining('a cancelled class is final') });
  });

  it('never lands on a status transition() could not reach', () => {
    for (const desk of BOOKING_STATUSES) {
      for (const exported of BOOKING_STATUSES) {
        const decision = decideStatus(desk, exported);
        if (!decision.ok || decision.status === desk) continue;
        const actions = ['confirm', 'cancel', 'complete', 'reschedule'] as const;
        expect(actions.some((action) => {
          const step = transition(desk, action);
          return step.ok && step.to === decision.status;
        })).toBe(true);
      }
    }
  });
});

describe('prices as spreadsheets write them', () => {
  // The rule (main/import/row-fields.ts readPrice): a separator followed by three digits groups thousands, one followed by
  // one or two digits at the end marks decimals, which must be zero: prices are whole pesos.
  it.each([
    ['15000', 15000],
    ['15000,00', 15000],
    ['15000,0', 15000],
    ['15.000', 15000],
    ['15.000,00', 15000],
    ['1.500.000', 1500000],
    ['1.500.000,00', 1500000],
    ['15000.00', 15000],
    ['15,000', 15000],
    ['15,000.00', 15000],
    [' 15.000,00 ', 15000],
    ['0', 0],
    ['0,00', 0],
  ])('reads %j as %d whole pesos', (text, pesos) => {
    expect(row({ classPrice: text }).classPrice).toBe(pesos);
  });

  it.each([
    ['15,5', 'classPrice "15,5" has cents (,5): prices are whole pesos, like 15000'],
    ['15000,50', 'classPrice "15000,50" has cents (,50): prices are whole pesos, like 15000'],
    ['1.5', 'classPrice "1.5" has cents (.5): prices are whole pesos, like 15000'],
    ['15.000,5', 'classPrice "15.000,5" has cents (,5): prices are whole pesos, like 15000'],
    ['1.50.000', 'classPrice "1.50.000" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['15.0000', 'classPrice "15.0000" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['15.000.00', 'classPrice "15.000.00" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['1.500,000', 'classPrice "1.500,000" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['1,500.000', 'classPrice "1,500.000" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['-15000', 'classPrice "-15000" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['$ 15.000', 'classPrice "$ 15.000" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
    ['quince mil', 'classPrice "quince mil" is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)'],
  ])('refuses %j with the reason', (text, why) => {
    expect(reason({ classPrice: text })).toBe(`line 1: ${why}`);
  });

  it('refuses a JSON price with cents, or below zero', () => {
    expect(reason({ classPrice: 15000.5 })).toBe('line 1: classPrice 15000.5 has cents (.5): prices are whole pesos, like 15000');
    expect(reason({ classPrice: -1 })).toBe('line 1: classPrice -1 is not a price in whole pesos (write it like 15000, 15.000 or 15000,00)');
    expect(row({ classPrice: 15000 }).classPrice).toBe(15000);
  });

  it('reads the payment price of the companion file by the same rule', () => {
    const companion: Companion = { users: new Map(), payments: new Map([['pref-1', { preferenceId: 'pref-1', status: 'approved', price: '16.000,00' }]]) };
    expect(row({ classPrice: 111 }, { ...context, companion }).classPrice).toBe(16000);
  });
});
