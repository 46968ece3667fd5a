import { describe, expect, it } from 'vitest';
import { BookingSchema, describeIssues, type Booking } from '../../shared/booking';
import { makeBookings } from '../bench/fixtures';
import { aBooking } from '../support/booking-fixture';

/** A scheduled class, so every field that may be null holds a value the schema checks. */
const individual: Booking = aBooking({
  platformId: '65f0c0ffee0000000000abcd',
  startTime: '2026-11-24T17:00:00-03:00',
  endTime: '2026-11-24T18:00:00-03:00',
  status: 'scheduled',
  googleEventId: 'evt123',
  accessCode: 'ABCD2345',
  meetLink: 'https://meet.google.com/abc-defg-hij',
  calendarLink: 'https://www.google.com/calendar/event?eid=evt123',
  createdAt: '2026-11-20T10:00:00-03:00',
  updatedAt: '2026-11-20T10:00:00-03:00',
});
const group: Booking = { ...individual, classType: 'grupal', maxParticipants: 3, currentParticipants: 3, classPrice: 36000, participants: [{ platformUserId: 'u2' }, { platformUserId: 'u3' }] };

/** The "field: reason" lines zod gives for a booking, or [] when it is valid. */
function problems(booking: unknown): string[] {
  const result = BookingSchema.safeParse(booking);
  return result.success ? [] : describeIssues(result.error).split('; ');
}

describe('BookingSchema', () => {
  it('accepts a valid individual and a valid group class', () => {
    expect(problems(individual)).toEqual([]);
    expect(problems(group)).toEqual([]);
  });

  it('accepts every generated fixture booking', () => {
    for (const booking of makeBookings(300, { seed: 7 })) expect(problems(booking)).toEqual([]);
  });

  it('refuses an end time before or equal to the start time', () => {
    expect(problems({ ...individual, endTime: '2026-11-24T16:00:00-03:00' })).toEqual(['endTime: end time must be after start time']);
    expect(problems({ ...individual, endTime: individual.startTime })).toEqual(['endTime: end time must be after start time']);
  });

  it('compares times as instants, whatever their offsets', () => {
    // 20:30Z is 17:30 in Buenos Aires: after the start, though the string sorts before it.
    expect(problems({ ...individual, endTime: '2026-11-24T20:30:00Z' })).toEqual([]);
    expect(problems({ ...individual, endTime: '2026-11-24T19:30:00Z' })).toEqual(['endTime: end time must be after start time']);
  });

  it('refuses a class type other than individual or grupal', () => {
    expect(problems({ ...individual, classType: 'group' })[0]).toMatch(/^classType: /);
  });

  it('refuses a group of 1 and a group of 6', () => {
    expect(problems({ ...group, maxParticipants: 1, currentParticipants: 1 })).toEqual(['maxParticipants: grupal classes take 2 to 5 participants']);
    expect(problems({ ...group, maxParticipants: 6, currentParticipants: 6 })).toContain('maxParticipants: grupal classes take 2 to 5 participants');
  });

  it('refuses an individual class for 2', () => {
    expect(problems({ ...individual, maxParticipants: 2, currentParticipants: 2 })).toEqual(['maxParticipants: individual classes take 1 participant']);
  });

  it('refuses more participants than the class allows', () => {
    expect(problems({ ...group, currentParticipants: 4 })).toEqual(['currentParticipants: more participants than the class allows']);
  });

  it('refuses a bad e-mail', () => {
    expect(problems({ ...individual, bookedBy: { name: 'Ana', email: 'ana@' } })).toEqual(['bookedBy.email: not a valid e-mail address']);
  });

  it.each([
    ['too short (the platform made some of these)', 'ABC2345'],
    ['lower case', 'abcd2345'],
    ['ambiguous characters', 'ABCD0O1I'],
    ['too long', 'ABCD23456'],
  ])('refuses an access code that is %s', (_why, accessCode) => {
    expect(problems({ ...individual, accessCode })).toEqual([
      'accessCode: access code must be 8 characters without ambiguous ones (0, O, 1, I, L)',
    ]);
  });

  it('takes a learning focus of 100 characters, not 101', () => {
    expect(problems({ ...individual, learningFocus: 'x'.repeat(100) })).toEqual([]);
    expect(problems({ ...individual, learningFocus: 'x'.repeat(101) })).toEqual(['learningFocus: learning focus is at most 100 characters']);
  });

  it.each(['startTime', 'endTime', 'createdAt', 'updatedAt'] as const)('refuses a %s without a zone offset', (field) => {
    const lines = problems({ ...individual, [field]: '2026-11-24T17:00:00' });
    expect(lines).toContain(`${field}: must be an ISO 8601 date-time with a zone offset, like 2026-11-24T17:00:00-03:00`);
  });

  it('refuses a Meet link that is not https', () => {
    expect(problems({ ...individual, meetLink: 'http://meet.google.com/abc-defg-hij' })).toEqual(['meetLink: must be an https link']);
  });

  it('refuses an app id that is not a UUID', () => {
    expect(problems({ ...individual, id: '65f0c0ffee0000000000abcd' })[0]).toMatch(/^id: /);
  });
});
