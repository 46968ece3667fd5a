import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { searchBookings } from '../../main/search/search-bookings';
import { makeBookings } from '../bench/fixtures';

const NOW = new Date('2026-06-15T15:00:00Z');
const clock = () => NOW;

function fixture(): Booking[] {
  const [a, b, c, d, e, f] = makeBookings(6);
  return [
    { ...a!, bookedBy: { name: 'José Pérez', email: 'jose.perez@example.com' }, startTime: '2026-06-20T17:00:00-03:00', endTime: '2026-06-20T18:00:00-03:00', accessCode: 'K7M2Q9PX', preferenceId: '162275027-fe8b544b-aaaa' },
    { ...b!, bookedBy: { name: 'JOSEFINA Ruiz', email: 'jruiz@example.com' }, startTime: '2026-06-16T17:00:00-03:00', endTime: '2026-06-16T18:00:00-03:00', accessCode: null },
    { ...c!, bookedBy: { name: 'Josué Álvarez', email: 'josue@example.com' }, startTime: '2026-05-01T17:00:00-03:00', endTime: '2026-05-01T18:00:00-03:00' },
    { ...d!, bookedBy: { name: 'José Pérez', email: 'jose.perez@example.com' }, startTime: '2026-06-10T17:00:00-03:00', endTime: '2026-06-10T18:00:00-03:00' },
    { ...e!, bookedBy: { name: 'Ana Gómez', email: 'ana@example.com' }, participants: [{ platformUserId: 'u1', name: 'Íñigo Sáenz', email: 'inigo@example.com' }], startTime: '2027-01-10T17:00:00-03:00', endTime: '2027-01-10T18:00:00-03:00' },
    // Under way right now: counts as upcoming.
    { ...f!, bookedBy: { name: 'Jose Now', email: 'now@example.com' }, startTime: '2026-06-15T11:30:00-03:00', endTime: '2026-06-15T12:30:00-03:00' },
  ];
}

const names = (results: Booking[]) => results.map((b) => `${b.bookedBy.name} ${b.startTime.slice(0, 10)}`);

describe('search', () => {
  const store = { all: fixture };

  it('ignores accents and case, upcoming first (nearest first), then past (most recent first)', () => {
    expect(names(searchBookings(store, 'JOS', 50, clock))).toEqual([
      'Jose Now 2026-06-15',
      'JOSEFINA Ruiz 2026-06-16',
      'José Pérez 2026-06-20',
      'José Pérez 2026-06-10',
      'Josué Álvarez 2026-05-01',
    ]);
  });

  it('needs every word, in name or e-mail', () => {
    expect(names(searchBookings(store, 'perez jose', 50, clock))).toEqual(['José Pérez 2026-06-20', 'José Pérez 2026-06-10']);
    expect(names(searchBookings(store, 'jruiz@', 50, clock))).toEqual(['JOSEFINA Ruiz 2026-06-16']);
    expect(searchBookings(store, 'pérez ana', 50, clock)).toEqual([]);
  });

  it('finds a group class by another student', () => {
    expect(names(searchBookings(store, 'inigo', 50, clock))).toEqual(['Ana Gómez 2027-01-10']);
  });

  it('finds an access code typed whole, in any case, with spaces or dashes', () => {
    for (const query of ['K7M2Q9PX', 'k7m2q9px', 'K7M2-Q9PX', ' k7m2 q9px ']) {
      expect(names(searchBookings(store, query, 50, clock))).toEqual(['José Pérez 2026-06-20']);
    }
    expect(searchBookings(store, 'K7M2', 50, clock)).toEqual([]);
  });

  it('finds a preferenceId or part of it', () => {
    expect(names(searchBookings(store, '162275027-fe8b544b-aaaa', 50, clock))).toEqual(['José Pérez 2026-06-20']);
    expect(names(searchBookings(store, 'FE8B544B', 50, clock))).toEqual(['José Pérez 2026-06-20']);
  });

  it('stops at the limit, and finds nothing for blank text', () => {
    expect(searchBookings(store, 'jose', 2, clock)).toHaveLength(2);
    expect(searchBookings(store, '   ', 50, clock)).toEqual([]);
  });

  it('searches many bookings across all weeks', () => {
    const many = makeBookings(5_000);
    const results = searchBookings({ all: () => many }, many[4_321]!.bookedBy.email, 50, clock);
    expect(results.map((b) => b.id)).toEqual([many[4_321]!.id]);
  });
});
