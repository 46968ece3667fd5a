import { afterEach, describe, expect, it } from 'vitest';
import { CALENDAR_EVENTS_SCOPE, SIGN_IN_SCOPES } from '../../main/auth/scopes';
import { CONFIGURED_ZONE, startCalendarHarness, TEACHER, type CalendarHarness } from './support/calendar-harness';

let h: CalendarHarness;
afterEach(async () => {
  expect(h.schemaProblems).toEqual([]);
  await h.close();
});

const SLOT = { startTime: '2026-11-24T17:00:00-03:00', endTime: '2026-11-24T18:00:00-03:00' };

function teacherEvent(summary: string, start: string, end: string, extra: object = {}) {
  return h.fake.addEvent(TEACHER, { summary, start: { dateTime: start, timeZone: CONFIGURED_ZONE }, end: { dateTime: end, timeZone: CONFIGURED_ZONE }, ...extra });
}

describe.each([
  ['the sign-in scopes (freeBusy allowed)', SIGN_IN_SCOPES, 1],
  ['a grant from before the free/busy scope (calendar.events only: freeBusy refused, events listed instead)', ['openid', 'email', CALENDAR_EVENTS_SCOPE], 0],
])('checkFreeBusy with %s', (_name, scopes, freeBusyAnswers) => {
  it('reports busy time in the slot, clipped to it, in the configured zone', async () => {
    h = await startCalendarHarness({ scopes });
    const booking = await h.addBooking(SLOT);
    teacherEvent('Dentista', '2026-11-24T16:30:00-03:00', '2026-11-24T17:15:00-03:00');
    teacherEvent('Llamada', '2026-11-24T17:45:00-03:00', '2026-11-24T19:00:00-03:00');
    teacherEvent('Libre', '2026-11-24T17:00:00-03:00', '2026-11-24T18:00:00-03:00', { transparency: 'transparent' });
    teacherEvent('Otro día', '2026-11-25T17:00:00-03:00', '2026-11-25T18:00:00-03:00');

    const answer = await h.engine.checkFreeBusy(booking.id);
    expect(answer).toEqual({
      slot: SLOT,
      overlaps: [
        { startTime: '2026-11-24T17:00:00-03:00', endTime: '2026-11-24T17:15:00-03:00' },
        { startTime: '2026-11-24T17:45:00-03:00', endTime: '2026-11-24T18:00:00-03:00' },
      ],
    });
    expect(h.fake.requests.filter((r) => r.kind === 'freeBusy.query' && r.status === 200)).toHaveLength(freeBusyAnswers);
  });

  it('leaves out the class’s own event, and checks a new slot before a reschedule', async () => {
    h = await startCalendarHarness({ scopes });
    const booking = await h.engine.confirm((await h.addBooking(SLOT)).id);
    expect((await h.engine.checkFreeBusy(booking.id)).overlaps).toEqual([]);

    teacherEvent('Gimnasio', '2026-11-26T17:30:00-03:00', '2026-11-26T18:30:00-03:00');
    const answer = await h.engine.checkFreeBusy(booking.id, { startTime: '2026-11-26T20:00:00Z', endTime: '2026-11-26T21:00:00Z' });
    expect(answer).toEqual({
      slot: { startTime: '2026-11-26T17:00:00-03:00', endTime: '2026-11-26T18:00:00-03:00' },
      overlaps: [{ startTime: '2026-11-26T17:30:00-03:00', endTime: '2026-11-26T18:00:00-03:00' }],
    });
  });
});

describe('checkFreeBusy with a free slot', () => {
  it('needs one request when freeBusy is allowed and the slot is free', async () => {
    h = await startCalendarHarness();
    const booking = await h.addBooking(SLOT);
    expect((await h.engine.checkFreeBusy(booking.id)).overlaps).toEqual([]);
    expect(h.fake.requests.map((r) => `${r.kind} ${r.status}`)).toEqual(['freeBusy.query 200']);
  });
});
