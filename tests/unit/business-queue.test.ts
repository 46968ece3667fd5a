import { describe, expect, it } from 'vitest';
import { toConfirmQueue } from '../../shared/business/queue';
import { DEFAULT_STALE_RULES } from '../../shared/business/stale';
import { aBooking } from '../support/booking-fixture';

const NOW = Date.parse('2026-11-24T12:00:00Z');
const at = (iso: string) => ({ startTime: iso, endTime: new Date(Date.parse(iso) + 3_600_000).toISOString() });

describe('the To-confirm queue', () => {
  it('holds only pending classes, the earliest first, paid first among equals, then the longest waiting', () => {
    const late = aBooking({ ...at('2026-11-30T20:00:00Z'), createdAt: '2026-11-20T00:00:00Z' });
    const unpaidSame = aBooking({ ...at('2026-11-28T20:00:00Z'), createdAt: '2026-11-19T00:00:00Z' });
    const paidSame = aBooking({ ...at('2026-11-28T20:00:00Z'), createdAt: '2026-11-23T00:00:00Z', payment: { state: 'paid', amount: 15000, at: null, source: 'platform' } });
    const scheduled = aBooking({ ...at('2026-11-25T20:00:00Z'), status: 'scheduled' });
    const queue = toConfirmQueue([late, scheduled, unpaidSame, paidSame], NOW, DEFAULT_STALE_RULES);
    expect(queue.map((q) => q.booking.id)).toEqual([paidSame.id, unpaidSame.id, late.id]);
  });

  it('flags stale unpaid classes by the teacher’s thresholds', () => {
    const soon = aBooking({ ...at('2026-11-25T06:00:00Z'), createdAt: '2026-11-24T00:00:00Z' });
    const longWaiting = aBooking({ ...at('2026-12-10T20:00:00Z'), payment: { state: 'waiting', amount: 15000, at: '2026-11-21T00:00:00Z', source: 'platform' } });
    const paidSoon = aBooking({ ...at('2026-11-25T06:00:00Z'), payment: { state: 'paid', amount: 15000, at: null, source: 'manual' } });
    const queue = toConfirmQueue([soon, longWaiting, paidSoon], NOW, DEFAULT_STALE_RULES);
    expect(Object.fromEntries(queue.map((q) => [q.booking.id, q.stale]))).toEqual({ [soon.id]: 'starts-soon-unpaid', [longWaiting.id]: 'payment-waiting-too-long', [paidSoon.id]: null });
    // With looser rules neither is flagged.
    const loose = toConfirmQueue([soon, longWaiting], NOW, { waitingHours: 100, startWithinHours: 12 });
    expect(loose.map((q) => q.stale)).toEqual([null, null]);
  });
});
