import { describe, expect, it } from 'vitest';
import type { Booking, Payment } from '../../shared/booking';
import { computeEarnings } from '../../shared/business/earnings';
import { buildStudents, searchStudents, studentClasses } from '../../shared/business/students';
import { aBooking } from '../support/booking-fixture';

/**
 * Known totals for a fixed set of classes in Madrid, across the night the
 * clocks go back (25 October 2026) and the turn of October into November:
 * a class at 00:30 on 1 November is in November on the teacher's wall
 * calendar though it is still 31 October in UTC.
 */

const ZONE = 'Europe/Madrid';
const NOW = Date.parse('2026-11-05T12:00:00Z');
const paid = (amount: number | null): Payment => ({ state: 'paid', amount, at: '2026-10-01T10:00:00Z', source: 'platform' });
const waiting = (amount: number | null): Payment => ({ state: 'waiting', amount, at: '2026-10-01T10:00:00Z', source: 'platform' });
const person = (x: string) => ({ name: `Alumno ${x.toUpperCase()}`, email: `${x}@example.com` });

function cls(start: string, end: string, overrides: Partial<Booking>): Booking {
  return aBooking({ startTime: start, endTime: end, status: 'scheduled', ...overrides });
}

const group = (n: number, price: number) => ({ classType: 'grupal' as const, maxParticipants: n, currentParticipants: n, classPrice: price });

const BOOKINGS: Booking[] = [
  // 1. Saturday 24 Oct, 23:30 summer time.
  cls('2026-10-24T23:30:00+02:00', '2026-10-25T00:30:00+02:00', { status: 'completed', bookedBy: person('e'), payment: paid(15000) }),
  // 2. Across the change: 01:30 summer time to 02:30 winter time is two real hours.
  cls('2026-10-25T01:30:00+02:00', '2026-10-25T02:30:00+01:00', { ...group(3, 36000), bookedBy: person('f'), participants: [{ email: 'g@example.com' }, { email: 'h@example.com', name: 'H' }], payment: paid(null) }),
  // 3. Saturday 31 Oct, 23:30: still October everywhere.
  cls('2026-10-31T23:30:00+01:00', '2026-11-01T00:30:00+01:00', { ...group(2, 30000), bookedBy: person('a'), participants: [{ email: 'b@example.com' }], payment: waiting(30000) }),
  // 4. Sunday 1 Nov, 00:30 in Madrid = 31 Oct 23:30 UTC.
  cls('2026-11-01T00:30:00+01:00', '2026-11-01T01:30:00+01:00', { status: 'completed', bookedBy: person('c'), payment: paid(15000) }),
  // 5. Cancelled, though paid: no income, one cancellation.
  cls('2026-11-02T18:00:00+01:00', '2026-11-02T19:00:00+01:00', { status: 'cancelled', bookedBy: person('c'), payment: paid(15000) }),
  // 6. Pending (never confirmed), payment waiting.
  cls('2026-11-03T18:00:00+01:00', '2026-11-03T19:00:00+01:00', { status: 'pending', bookedBy: person('d'), payment: waiting(15000) }),
  // 7. Given, payment unknown: hours, no income.
  cls('2026-11-04T18:00:00+01:00', '2026-11-04T19:00:00+01:00', { bookedBy: person('d') }),
  // 8. Paid in advance for a class still to come: income, not given.
  cls('2026-11-10T18:00:00+01:00', '2026-11-10T19:00:00+01:00', { bookedBy: person('c'), payment: paid(15000) }),
  // Rejected payment, another year: counted nowhere.
  cls('2025-11-04T18:00:00+01:00', '2025-11-04T19:00:00+01:00', { bookedBy: person('z'), payment: { ...paid(15000), state: 'rejected' } }),
];

describe('earnings figures in the teacher’s zone', () => {
  const earnings = computeEarnings(BOOKINGS, { timeZone: ZONE, weekStartsOn: 1, now: NOW, anchor: '2026-11-01' });

  it('gives the week across the month boundary', () => {
    expect(earnings.week).toEqual({
      from: '2026-10-26',
      to: '2026-11-02',
      classesGiven: 2,
      minutesTaught: 120,
      studentsTaught: 3,
      cancelled: 0,
      incomeReceived: 15000,
      incomeWaiting: 30000,
      byKind: { individual: 1, 'group-2': 1, 'group-3': 0, 'group-4': 0, 'group-5': 0 },
    });
  });

  it('puts 00:30 on 1 November in November, as the teacher’s calendar has it', () => {
    expect(earnings.month).toMatchObject({ from: '2026-11-01', to: '2026-12-01', classesGiven: 2, minutesTaught: 120, studentsTaught: 2, cancelled: 1, incomeReceived: 30000, incomeWaiting: 15000 });
    const october = computeEarnings(BOOKINGS, { timeZone: ZONE, weekStartsOn: 1, now: NOW, anchor: '2026-10-31' }).month;
    expect(october).toMatchObject({ from: '2026-10-01', classesGiven: 3, minutesTaught: 240, incomeReceived: 51000, incomeWaiting: 30000 });
  });

  it('counts the real length of a class across the change of clocks, and the year’s totals', () => {
    expect(earnings.year).toEqual({
      from: '2026-01-01',
      to: '2027-01-01',
      classesGiven: 5,
      minutesTaught: 360,
      studentsTaught: 8,
      cancelled: 1,
      incomeReceived: 81000,
      incomeWaiting: 45000,
      byKind: { individual: 3, 'group-2': 1, 'group-3': 1, 'group-4': 0, 'group-5': 0 },
    });
  });

  it('gives series per week and per month', () => {
    expect(earnings.byWeek).toHaveLength(12);
    expect(earnings.byWeek.at(-1)).toEqual({ key: '2026-10-26', incomeReceived: 15000, incomeWaiting: 30000, minutesTaught: 120, classesGiven: 2 });
    expect(earnings.byWeek.at(-2)).toEqual({ key: '2026-10-19', incomeReceived: 51000, incomeWaiting: 0, minutesTaught: 180, classesGiven: 2 });
    expect(earnings.byMonth.map((m) => m.key)).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    expect(earnings.byMonth[9]).toEqual({ key: '2026-10', incomeReceived: 51000, incomeWaiting: 30000, minutesTaught: 240, classesGiven: 3 });
    expect(earnings.byMonth[10]).toEqual({ key: '2026-11', incomeReceived: 30000, incomeWaiting: 15000, minutesTaught: 120, classesGiven: 2 });
  });

  it('starts weeks on Sunday when the teacher says so', () => {
    const sunday = computeEarnings(BOOKINGS, { timeZone: ZONE, weekStartsOn: 0, now: NOW, anchor: '2026-11-01' }).week;
    expect(sunday).toMatchObject({ from: '2026-11-01', to: '2026-11-08', classesGiven: 2, cancelled: 1 });
  });
});

describe('students from the bookings', () => {
  const students = buildStudents(BOOKINGS, NOW);

  it('lists each person once, with paid and unpaid classes, first, last and next', () => {
    expect(students).toHaveLength(9);
    const c = students.find((s) => s.key === 'c@example.com');
    expect(c).toMatchObject({ name: 'Alumno C', classes: 2, paid: 2, unpaid: 0, cancelled: 1, first: '2026-10-31T23:30:00.000Z', last: '2026-11-10T17:00:00.000Z', next: '2026-11-10T17:00:00.000Z' });
    expect(students.find((s) => s.key === 'd@example.com')).toMatchObject({ classes: 2, paid: 0, unpaid: 2 });
    // A group's other student, known by e-mail only, is a student too.
    expect(students.find((s) => s.key === 'g@example.com')).toMatchObject({ name: 'g@example.com', classes: 1, paid: 1 });
  });

  it('finds students without accents or case, and gives their history', () => {
    expect(searchStudents(students, 'ALUMNÓ c@EXAMPLE').map((s) => s.key)).toEqual(['c@example.com']);
    const history = studentClasses(BOOKINGS, 'c@example.com', NOW);
    expect(history.upcoming.map((b) => b.startTime)).toEqual(['2026-11-10T18:00:00+01:00']);
    expect(history.past.map((b) => b.startTime)).toEqual(['2026-11-02T18:00:00+01:00', '2026-11-01T00:30:00+01:00']);
  });
});
