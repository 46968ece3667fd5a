import { describe, expect, it } from 'vitest';
import { allowedActions, transition } from '../../shared/booking-status';

describe('booking status transitions', () => {
  it('lets a pending class be confirmed or cancelled', () => {
    expect(transition('pending', 'confirm')).toEqual({ ok: true, to: 'scheduled' });
    expect(transition('pending', 'cancel')).toEqual({ ok: true, to: 'cancelled' });
    expect(allowedActions('pending')).toEqual(['confirm', 'cancel']);
  });

  it('lets a scheduled class be completed, cancelled or rescheduled', () => {
    expect(transition('scheduled', 'complete')).toEqual({ ok: true, to: 'completed' });
    expect(transition('scheduled', 'cancel')).toEqual({ ok: true, to: 'cancelled' });
    expect(transition('scheduled', 'reschedule')).toEqual({ ok: true, to: 'scheduled' });
  });

  it.each([
    ['pending', 'complete', 'a pending class can only be confirmed or cancelled'],
    ['pending', 'reschedule', 'a pending class can only be confirmed or cancelled'],
    ['scheduled', 'confirm', 'not confirmed again'],
    ['completed', 'cancel', 'a completed class is final'],
    ['completed', 'reschedule', 'a completed class is final'],
    ['completed', 'confirm', 'a completed class is final'],
    ['completed', 'complete', 'a completed class is final'],
    ['cancelled', 'confirm', 'a cancelled class is final'],
    ['cancelled', 'cancel', 'a cancelled class is final'],
    ['cancelled', 'complete', 'a cancelled class is final'],
    ['cancelled', 'reschedule', 'a cancelled class is final'],
  ] as const)('refuses %s -> %s and says why', (from, action, why) => {
    const result = transition(from, action);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(why);
  });
});
