import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../shared/ipc/errors';
import { toInstants } from '../../renderer/src/details/reschedule-time';
import { describeError } from '../../renderer/src/errors';
import { translator } from '../../renderer/src/i18n';
import { actionsFor, NEEDS_GOOGLE } from '../../renderer/src/status';
import { stepSelection } from '../../renderer/src/week/navigation';

const es = translator('es');
const en = translator('en');
const err = (code: ErrorCode, message = 'Something from main.') => ({ code, message });

describe('errors in plain words', () => {
  it('says what to do for the common codes', () => {
    expect(describeError(err('NOT_SIGNED_IN'), en)).toMatchObject({ reconnect: true, hint: expect.stringMatching(/Reconnect Google Calendar/) });
    expect(describeError(err('NEEDS_RECONNECT'), es)).toMatchObject({ reconnect: true, hint: expect.stringMatching(/Reconectá Google Calendar/) });
    expect(describeError(err('OFFLINE'), en).message).toMatch(/no internet connection/);
    expect(describeError(err('RATE_LIMITED'), en).hint).toBe('Try again in a minute.');
    expect(describeError(err('RATE_LIMITED'), es).hint).toBe('Probá de nuevo en un minuto.');
    expect(describeError(err('NOT_CONFIGURED', 'Teacher Desk has no Google OAuth client yet.'), es)).toMatchObject({
      message: expect.stringMatching(/todavía no está configurado/),
      detail: 'Teacher Desk has no Google OAuth client yet.',
      reconnect: true,
    });
  });

  it('shows main\'s sentence when it has no better words, and Google\'s reason as a detail', () => {
    expect(describeError(err('INTERNAL', 'The store is busy.'), en)).toMatchObject({ message: 'The store is busy.', detail: null, reconnect: false });
    expect(describeError(err('GOOGLE_ERROR', 'Calendar usage limits exceeded.'), en).detail).toBe('Calendar usage limits exceeded.');
    expect(describeError(err('OFFLINE', 'fetch failed'), en).detail).toBeNull();
  });

  it('says in the teacher language that a link was not opened (NOT_ALLOWED), never in main\'s English', () => {
    expect(describeError(err('NOT_ALLOWED', 'Teacher Desk opens only Google Meet and Google Calendar links.'), es)).toMatchObject({
      message: 'Teacher Desk abre solo salas de Google Meet y eventos de Google Calendar; ese enlace no es uno de ellos.',
      detail: null,
    });
    expect(describeError(err('NOT_ALLOWED'), en).message).toBe('Teacher Desk opens only Google Meet rooms and Google Calendar events; that link is neither.');
  });

  it('has a message and a hint for every code', () => {
    for (const code of ERROR_CODES) {
      const d = describeError(err(code), es);
      expect(d.message, code).not.toBe('');
      expect(d.hint, code).not.toBe('');
    }
  });
});

describe('actions', () => {
  it('offers the status actions that shared/booking-status allows, confirm first', () => {
    expect(actionsFor('pending')).toEqual(['confirm', 'cancel']);
    expect(actionsFor('scheduled')).toEqual(['complete', 'reschedule', 'cancel']);
    expect(actionsFor('completed')).toEqual([]);
    expect(actionsFor('cancelled')).toEqual([]);
    expect(NEEDS_GOOGLE).toMatchObject({ confirm: true, reschedule: true, cancel: true });
  });

  it('steps through classes in time order and stops at the ends', () => {
    const order = ['a', 'b', 'c'];
    expect(stepSelection(order, null, 1)).toBe('a');
    expect(stepSelection(order, null, -1)).toBe('c');
    expect(stepSelection(order, 'a', 1)).toBe('b');
    expect(stepSelection(order, 'c', 1)).toBe('c');
    expect(stepSelection(order, 'a', -1)).toBe('a');
    expect(stepSelection(order, 'elsewhere', 1)).toBe('a');
    expect(stepSelection([], null, 1)).toBeNull();
  });
});

describe('reschedule times in the configured zone', () => {
  it('reads date and time in the zone, whatever the machine zone', () => {
    expect(toInstants('2026-11-27', '19:00', 60, 'America/Argentina/Buenos_Aires')).toEqual({ startTime: '2026-11-27T19:00:00-03:00', endTime: '2026-11-27T20:00:00-03:00' });
    expect(toInstants('2026-11-27', '23:30', 90, 'America/Argentina/Buenos_Aires')).toEqual({ startTime: '2026-11-27T23:30:00-03:00', endTime: '2026-11-28T01:00:00-03:00' });
  });

  it('refuses a wall time skipped by a DST change, and keeps real lengths across one', () => {
    expect(toInstants('2026-03-29', '02:30', 60, 'Europe/Madrid')).toBe('nonexistent');
    expect(toInstants('2026-03-29', '01:30', 60, 'Europe/Madrid')).toEqual({ startTime: '2026-03-29T01:30:00+01:00', endTime: '2026-03-29T03:30:00+02:00' });
  });

  it('refuses incomplete input', () => {
    expect(toInstants('', '19:00', 60, 'Europe/Madrid')).toBe('invalid');
    expect(toInstants('2026-03-29', '', 60, 'Europe/Madrid')).toBe('invalid');
    expect(toInstants('2026-03-29', '19:00', 0, 'Europe/Madrid')).toBe('invalid');
  });
});
