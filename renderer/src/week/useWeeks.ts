import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Settings } from '../../../shared/settings';
import { weekContaining } from '../../../shared/week-range';
import { api } from '../api';
import { arrivedWeek, PREFETCH, takeEarlyWeek, weekChanged } from '../startup';
import { WeekCache, type WeekReply } from './week-cache';

/** The previous and next week are kept ready, and this week is asked for with the settings (startup.ts); a build with VITE_WEEK_PREFETCH=off does neither (the bench's baseline). */
const NEIGHBOURS = PREFETCH ? 1 : 0;

const whenIdle = (task: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(task, { timeout: 500 }) : setTimeout(task, 0));

export interface Weeks {
  /** The week to show: the anchor's when ready, else the one shown before (while the anchor's loads). */
  week: WeekReply | null;
  /** The neighbours of the week asked for that are ready, to draw ahead (none in the build without prefetching). */
  ahead: readonly WeekReply[];
  error: IpcError | null;
  /** Drop every cached week and load again (what main's bookingsChanged does). */
  reload(): void;
  /** Show a class changed here at once, before main's bookingsChanged refreshes. */
  patch: WeekCache['patch'];
}

/** The week holding `anchor`, with its neighbours fetched ahead (the grid draws them ahead), refreshed whenever main says bookings changed. */
export function useWeeks(anchor: string | null, settings: Settings | null): Weeks {
  const [cache] = useState(() => {
    const created = new WeekCache((day) => api.listWeek({ day }), NEIGHBOURS, whenIdle);
    // This week, if its early answer has come (startup.ts): the first render draws it.
    const arrived = NEIGHBOURS > 0 ? arrivedWeek() : null;
    if (arrived) created.seedToday(arrived);
    return created;
  });
  // This week asked for at once, alongside the settings (main knows the zone): the first paint waits for one round trip, not two.
  useEffect(() => {
    if (NEIGHBOURS === 0) return;
    // Bookings changed between the first render and now (before the cache listens): what it was seeded with is stale.
    if (weekChanged()) cache.invalidate();
    // Taken even when the cache was seeded with its answer: the early request is then done with (and stops listening).
    const early = takeEarlyWeek();
    cache.openToday(() => early ?? api.listWeek({}));
  }, [cache]);
  const version = useSyncExternalStore(cache.subscribe, cache.getVersion);
  const [error, setError] = useState<IpcError | null>(null);

  const timeZone = settings?.timeZone;
  const weekStartsOn = settings?.weekStartsOn;
  const start = useMemo(() => (anchor && timeZone !== undefined && weekStartsOn !== undefined ? weekContaining(anchor, timeZone, weekStartsOn).start : null), [anchor, timeZone, weekStartsOn]);

  // Weeks cut in another zone or from another first day are other weeks. Not when the settings first arrive:
  // the week asked for before them (openToday) was cut by main with these very settings.
  const cutBy = useRef<string | null>(null);
  useEffect(() => {
    if (timeZone === undefined) return;
    const now = `${timeZone} ${weekStartsOn}`;
    if (cutBy.current !== null && cutBy.current !== now) cache.invalidate();
    cutBy.current = now;
  }, [cache, timeZone, weekStartsOn]);
  useEffect(() => api.on('bookingsChanged', cache.invalidate), [cache]);

  const generation = cache.generation;
  useEffect(() => {
    if (!start) return;
    let live = true;
    void cache.show(start).then((failed) => {
      if (live) setError(failed);
    });
    return () => {
      live = false;
    };
  }, [cache, start, generation]);

  // A new list only when the cache changed or another week is asked for, so the grid's panes are not redrawn for nothing.
  const ahead = useMemo(() => (start ? cache.ready(start) : []), [cache, start, version]);
  return { week: cache.view(start), ahead, error, reload: cache.invalidate, patch: cache.patch };
}
