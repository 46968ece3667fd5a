import { describe, expect, it } from 'vitest';
import { dayListWidths, GUTTER_PX, sizeClasses } from '../../renderer/src/week/box-size';

/** What fits in a box, from the layout's sizes (the thresholds the container queries had, on the item's content box). */
describe('class box size classes', () => {
  it("splits the week body's width among the days by their weights, less the gutter, borders and the list's insets", () => {
    const widths = dayListWidths(GUTTER_PX + 700, [1, 1, 2, 1, 1, 1, 1]);
    expect(widths[0]).toBeCloseTo(87.5 - 6);
    expect(widths[2]).toBeCloseTo(175 - 1 - 6);
    expect(widths[6]).toBeCloseTo(87.5 - 1 - 6);
  });

  const hour = { column: 0, columns: 1, span: 1, height: 1 / 14 };
  const body = 14 * 64; // 14 hours of HOUR_PX

  it('a one-hour class alone in a wide day shows everything', () => {
    expect(sizeClasses(hour, 200, body)).toBe('');
  });

  it('two classes in an hour of a day 170px wide are narrow (≤ 84px each): name, start time and status shape', () => {
    expect(sizeClasses({ ...hour, columns: 2 }, 170, body).trim().split(' ')).toEqual(['is-slim', 'is-narrow']);
    // One pixel more each and they are only slim.
    expect(sizeClasses({ ...hour, columns: 2 }, 174, body).trim()).toBe('is-slim');
  });

  it('a box spanning two of three columns is as wide as two columns', () => {
    expect(sizeClasses({ ...hour, columns: 3, span: 2 }, 180, body)).toBe('');
    expect(sizeClasses({ ...hour, columns: 3, span: 1 }, 180, body).trim()).toBe('is-slim is-narrow is-tiny');
  });

  it('by height: under an hour no status line, half an hour one line; the 22px minimum counts', () => {
    expect(sizeClasses({ ...hour, height: 45 / 60 / 14 }, 200, body).trim()).toBe('is-short');
    expect(sizeClasses({ ...hour, height: 30 / 60 / 14 }, 200, body).trim()).toBe('is-short is-half');
    expect(sizeClasses({ ...hour, height: 0.001 }, 200, body).trim()).toBe('is-short is-half');
  });
});
