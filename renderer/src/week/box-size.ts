/**
 * What fits in a box, chosen from the size the layout already gives it
 * instead of making each box a CSS size container: 500 size containers made
 * the browser's layout of a crowded week 3–4× slower (each container's
 * inside is styled again during layout). The classes name the same
 * thresholds the container queries had (styles.css, "Size-dependent
 * content"), measured on the same box: the item's content box.
 *
 * Geometry, as styles.css draws it (keep in step): the week body is a grid of
 * a GUTTER_PX gutter and the day columns (their fr weights), each day after
 * the first has a 1px left border, its list of boxes is inset 2px left and 4px
 * right, and an item has 1px of padding either side, 1px on top and 2px below,
 * with a 22px minimum height.
 */

/** Width of the hour gutter, in CSS pixels (--gutter in styles.css). */
export const GUTTER_PX = 50;

const DAY_BORDER = 1;
const LIST_INSET_X = 2 + 4;
const ITEM_PAD_X = 2;
const ITEM_PAD_Y = 3;
const ITEM_MIN_H = 22;

/** Width (px) inside which each day's boxes are placed, from the week body's width and the days' fr weights. */
export function dayListWidths(bodyWidth: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const room = Math.max(0, bodyWidth - GUTTER_PX);
  return weights.map((w, i) => Math.max(0, (total > 0 ? (room * w) / total : 0) - (i > 0 ? DAY_BORDER : 0) - LIST_INSET_X));
}

export interface BoxShape {
  column: number;
  columns: number;
  span: number;
  /** Fraction (0-1) of the visible hours' height. */
  height: number;
}

/**
 * The size classes of one box (on its list item), cumulative so that the CSS
 * reads like the container queries it replaces: is-slim (≤ 104px wide),
 * is-narrow (≤ 84), is-tiny (≤ 60), is-short (≤ 58px high), is-half (≤ 40).
 */
export function sizeClasses(box: BoxShape, listWidth: number, bodyHeight: number): string {
  const width = (listWidth * box.span) / box.columns - ITEM_PAD_X;
  const height = Math.max(ITEM_MIN_H, box.height * bodyHeight) - ITEM_PAD_Y;
  let out = '';
  if (width <= 104) out += ' is-slim';
  if (width <= 84) out += ' is-narrow';
  if (width <= 60) out += ' is-tiny';
  if (height <= 58) out += ' is-short';
  if (height <= 40) out += ' is-half';
  return out;
}
