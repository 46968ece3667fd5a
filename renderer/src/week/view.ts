import { fitHours, layoutWeek, type HourRange, type WeekLayout } from './layout';
import type { WeekReply } from './week-cache';

export interface WeekView {
  hours: HourRange;
  layout: WeekLayout;
}

const views = new WeakMap<WeekReply, { preferred: HourRange; view: WeekView }>();

/**
 * A week's visible hours and layout, computed once per reply and working
 * hours: a prefetched week is laid out while the teacher reads this one, and
 * a week switched back to reuses its layout (same boxes, nothing to redo).
 */
export function weekView(week: WeekReply, preferred: HourRange): WeekView {
  const cached = views.get(week);
  if (cached && cached.preferred.startHour === preferred.startHour && cached.preferred.endHour === preferred.endHour) return cached.view;
  const input = { bookings: week.bookings, busyBlocks: week.busyBlocks, days: week.week.days, timeZone: week.timeZone };
  const hours = fitHours(input, preferred);
  const view = { hours, layout: layoutWeek({ ...input, hours }) };
  views.set(week, { preferred, view });
  return view;
}
