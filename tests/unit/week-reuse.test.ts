import { describe, expect, it } from 'vitest';
import { DEFAULT_STALE_RULES } from '../../shared/business/stale';
import { translator } from '../../renderer/src/i18n';
import { bookingItemProps } from '../../renderer/src/week/box-props';
import { layoutWeek, type BookingBox } from '../../renderer/src/week/layout';
import { assignSlots, sameBoxProps } from '../../renderer/src/week/reuse';
import { makeBookings } from '../bench/fixtures';

describe('class boxes reused across a week switch', () => {
  it('a box still on screen keeps its slot (its element and focus); a new box takes a slot a departed one left', () => {
    const first = assignSlots(new Map(), ['b:ana:0', 'b:bruno:0', 'x:dentist:0']);
    expect([...first.values()]).toEqual(['s0', 's1', 's2']);
    // Same week again, a class added before the others: the old boxes keep their slots, the new one gets a fresh slot.
    const again = assignSlots(first, ['b:new:0', 'b:ana:0', 'b:bruno:0', 'x:dentist:0']);
    expect(again.get('b:ana:0')).toBe('s0');
    expect(again.get('b:bruno:0')).toBe('s1');
    expect(again.get('x:dentist:0')).toBe('s2');
    expect(again.get('b:new:0')).toBe('s3');
  });

  it('the next week, all other classes, is drawn into the same slots: nothing remounted, one more slot if it has more boxes', () => {
    const thisWeek = assignSlots(new Map(), ['b:1:0', 'b:2:0', 'b:3:0']);
    const nextWeek = assignSlots(thisWeek, ['b:7:0', 'b:8:0', 'b:9:0', 'b:10:0']);
    expect(new Set(nextWeek.values())).toEqual(new Set(['s0', 's1', 's2', 's3']));
    const back = assignSlots(nextWeek, ['b:1:0']);
    expect(back.size).toBe(1);
    expect(new Set([...nextWeek.values()]).has(back.get('b:1:0')!)).toBe(true);
  });

  it('the focused box\'s element is not handed to another class: it leaves, and focus with it, as before reuse', () => {
    const thisWeek = assignSlots(new Map(), ['b:1:0', 'b:2:0']);
    const nextWeek = assignSlots(thisWeek, ['b:7:0', 'b:8:0'], 'b:2:0');
    expect(nextWeek.get('b:7:0')).toBe(thisWeek.get('b:1:0'));
    expect([...nextWeek.values()]).not.toContain(thisWeek.get('b:2:0'));
  });

  it('a box re-renders only when what it is given changed: the layout box field by field, the rest by identity', () => {
    const onSelect = () => undefined;
    const box = { key: 'b:1:0', top: 0.5, height: 0.1, column: 0, columns: 1, span: 1, booking: { id: '1' } };
    const props = { box, selected: false, onSelect };
    expect(sameBoxProps(props, { box: { ...box }, selected: false, onSelect })).toBe(true);
    expect(sameBoxProps(props, { box: { ...box, column: 1 }, selected: false, onSelect })).toBe(false);
    expect(sameBoxProps(props, { box: { ...box, booking: { id: '1' } }, selected: false, onSelect })).toBe(false);
    expect(sameBoxProps(props, { box, selected: true, onSelect })).toBe(false);
  });
});

describe("the clock's tick and the class boxes", () => {
  const zone = 'America/Argentina/Buenos_Aires';
  const days = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29'];
  const HOUR = 3_600_000;
  const start = Date.parse('2026-11-26T20:00:00Z'); // Thursday 17:00 in Buenos Aires
  const [template] = makeBookings(1);
  // Pending, unpaid: stale from 24 h before it starts (DEFAULT_STALE_RULES).
  const { payment: _paid, ...unpaid } = template!;
  const pending = { ...unpaid, status: 'pending' as const, startTime: new Date(start).toISOString(), endTime: new Date(start + HOUR).toISOString() };
  const layout = layoutWeek({ bookings: [pending], busyBlocks: [], days, timeZone: zone, hours: { startHour: 8, endHour: 22 } });
  const box = layout.days[3]!.find((b): b is BookingBox => b.kind === 'booking')!;
  // What the column passes on is the same from one render to the next (the translator, the handler), but for the clock.
  const t = translator('es');
  const onSelect = () => undefined;
  const context = (nowMs: number) => ({ dayName: 'jueves', t, locale: 'es' as const, timeZone: zone, nowMs, staleRules: DEFAULT_STALE_RULES, selectedId: null, onSelect });

  it('a tick that changes no mark gives a box equal props: the memoised box does not re-render', () => {
    const before = bookingItemProps(box, '', context(start - 3 * 24 * HOUR));
    const tick = bookingItemProps(box, '', context(start - 3 * 24 * HOUR + 30_000));
    expect(before.stale).toBeNull();
    expect(sameBoxProps(before, tick)).toBe(true);
  });

  it('a tick that crosses a threshold changes the props: the box re-renders with its stale mark', () => {
    const before = bookingItemProps(box, '', context(start - 24 * HOUR - 10_000));
    const tick = bookingItemProps(box, '', context(start - 24 * HOUR + 20_000));
    expect(before.stale).toBeNull();
    expect(tick.stale).toBe('starts-soon-unpaid');
    expect(sameBoxProps(before, tick)).toBe(false);
  });
});
