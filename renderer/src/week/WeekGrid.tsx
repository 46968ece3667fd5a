import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { emptyPanes, fillAhead, placeShown, type PaneWeek, type Panes } from './panes';
import { HOUR_PX, WeekPane, type PaneContext, type PanePhase, type PaneWeekData } from './WeekPane';

export { HOUR_PX } from './WeekPane';

export interface WeekGridProps extends PaneWeekData, PaneContext {
  /** Scrolls the grid so this wall-clock minute is in view, each time `token` changes. */
  scrollTo?: { minute: number; token: number } | null;
  /** Accessible name of the whole week ("Week of 23–29 November 2026"). */
  label: string;
  /** The neighbouring weeks, ready: drawn ahead in panes under the shown one while the page is idle, so switching to one shows it without drawing it. */
  ahead?: readonly PaneWeekData[];
}

/** After the next frame is painted (a task queued from its animation frame runs once it is). */
function afterPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const frame = requestAnimationFrame(() => (timer = setTimeout(task, 0)));
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}

/** After the next paint, then when the page is idle: a neighbour is drawn in time the teacher would not feel. */
function afterPaintIdle(task: () => void): () => void {
  let idle: number | null = null;
  const cancelPaint = afterPaint(() => {
    if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(task, { timeout: 1000 });
    else task();
  });
  return () => {
    cancelPaint();
    if (idle !== null) cancelIdleCallback(idle);
  };
}

/** One wrapper per laid-out week (a layout is made for one reply and one set of hours), so the same week is the same pane data wherever it comes from. */
const wrappers = new WeakMap<PaneWeekData['layout'], PaneWeek<PaneWeekData>>();
function paneWeek(week: PaneWeekData): PaneWeek<PaneWeekData> {
  let wrapper = wrappers.get(week.layout);
  if (!wrapper) {
    wrapper = { key: week.days[0] ?? '', week };
    wrappers.set(week.layout, wrapper);
  }
  return wrapper;
}

/**
 * Seven day columns by hours, for the week on screen and, hidden, the weeks
 * either side of it (panes.ts). Purely presentational: the positions come
 * from layoutWeek(), and it renders on the server too (the render bench).
 * Each day is a labelled group holding a list of its classes in time order;
 * each class is a real button.
 */
export function WeekGrid(props: WeekGridProps) {
  const { days, layout, hours, label, ahead, scrollTo, ...context } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => paneWeek({ days, layout, hours }), [days, layout, hours]);

  // The panes as last committed; the shown week is placed during render, the neighbours once the page is idle.
  const committed = useRef<Panes<PaneWeekData>>(emptyPanes());
  const [, redraw] = useState(0);
  const panes = placeShown(committed.current, shown, ahead?.map((a) => a.days[0] ?? '') ?? []);
  useLayoutEffect(() => {
    committed.current = panes;
  });
  useEffect(() => {
    if (!ahead?.length) return;
    return afterPaintIdle(() => {
      const next = fillAhead(committed.current, shown.key, ahead.map(paneWeek));
      if (next === committed.current) return;
      committed.current = next;
      redraw((n) => n + 1);
    });
  }, [ahead, shown.key]);
  // A box focused in the week just left is hidden now: focus is not left on it (the keys still work from the page).
  useLayoutEffect(() => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && active.closest('.week-pane:not(.is-shown)')) active.blur();
  }, [shown.key]);
  const phase = (pane: PaneWeek<PaneWeekData>): PanePhase => (pane.key === shown.key ? 'shown' : 'ahead');

  useEffect(() => {
    const el = scroller.current;
    if (!el || !scrollTo) return;
    const head = el.querySelector<HTMLElement>('.week-pane.is-shown .week-head')?.offsetHeight ?? 0;
    const y = ((scrollTo.minute - hours.startHour * 60) / 60) * HOUR_PX;
    // The target near the top, with a little of what comes before it.
    el.scrollTop = Math.max(0, y - Math.min(HOUR_PX / 2, (el.clientHeight - head) / 4));
    // Only when asked again (a new token), not on every render; App asks once the target's week is the one drawn.
  }, [scrollTo?.token]);

  return (
    <div className="week" role="region" aria-label={label}>
      <div className="week-scroll" ref={scroller}>
        <div className="week-panes">
          {panes.map((pane, i) =>
            // Keyed by position: a week keeps its pane (its elements, drawn) while it is shown or a neighbour.
            pane ? <WeekPane key={i} {...context} {...pane.week} phase={phase(pane)} /> : null,
          )}
        </div>
      </div>
    </div>
  );
}
