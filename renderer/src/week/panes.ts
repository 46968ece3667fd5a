/**
 * Which week each pane of the grid holds. The week on screen and its
 * neighbours are each drawn in a pane of their own, stacked in one scroller;
 * only the shown one, on top, is seen. A switch to a neighbour already
 * drawn (styled, laid out and painted under the shown one) is then a change
 * of which pane is on top, not a new week of boxes to style, lay out and paint.
 *
 * Pure (tested in Node). A week keeps its pane for as long as it is shown
 * or ahead; the shown week is placed at once, the neighbours later, when
 * the page is idle (fillAhead), so a switch never waits on drawing the next
 * neighbour.
 */

export interface PaneWeek<W> {
  /** The week's first day. */
  key: string;
  week: W;
}

export type Panes<W> = readonly (PaneWeek<W> | null)[];

/** Three panes: the week shown and one either side. */
export const PANE_COUNT = 3;

export const emptyPanes = <W>(): Panes<W> => Array.from({ length: PANE_COUNT }, () => null);

/**
 * `shown` in a pane, with its data as given (the shown week is never drawn
 * from an older copy). Its own pane if it has one; else the pane of a week
 * not in `keep` (the neighbours of the week asked for), else an empty one.
 * Returns `panes` itself when nothing changed.
 */
export function placeShown<W>(panes: Panes<W>, shown: PaneWeek<W>, keep: readonly string[]): Panes<W> {
  const own = panes.findIndex((p) => p?.key === shown.key);
  if (own !== -1) {
    if (panes[own]!.week === shown.week) return panes;
    return panes.map((p, i) => (i === own ? shown : p));
  }
  let slot = freeSlot(panes, new Set(keep));
  // Every pane is kept (a jump far away): the shown week takes the first, drawn in place as before panes.
  if (slot === -1) slot = 0;
  return panes.map((p, i) => (i === slot ? shown : p));
}

/**
 * The neighbours in panes of their own, their data brought up to date,
 * without touching the shown week's pane. Returns `panes` itself when
 * nothing changed.
 */
export function fillAhead<W>(panes: Panes<W>, shownKey: string, ahead: readonly PaneWeek<W>[]): Panes<W> {
  let next = panes;
  const wanted = ahead.filter((a) => a.key !== shownKey);
  for (const week of wanted) {
    const own = next.findIndex((p) => p?.key === week.key);
    if (own !== -1 && next[own]!.week === week.week) continue;
    const slot = own !== -1 ? own : freeSlot(next, new Set([shownKey, ...wanted.map((w) => w.key)]));
    if (slot === -1) continue;
    next = next.map((p, i) => (i === slot ? week : p));
  }
  return next;
}

/** A pane whose week is not in `keep` (its boxes' elements are reused for the new week), else an empty one; -1 if every pane is kept. */
function freeSlot<W>(panes: Panes<W>, keep: ReadonlySet<string>): number {
  const unkept = panes.findIndex((p) => p !== null && !keep.has(p.key));
  return unkept !== -1 ? unkept : panes.indexOf(null);
}
