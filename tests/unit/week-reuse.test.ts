import { describe, expect, it } from 'vitest';
import { assignSlots, sameBoxProps } from '../../renderer/src/week/reuse';

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
