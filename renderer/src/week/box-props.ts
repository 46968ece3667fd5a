import { staleReason, type StaleReason, type StaleRules } from '../../../shared/business/stale';
import type { Locale } from '../../../shared/settings';
import type { Translate } from '../i18n';
import type { BookingBox } from './layout';

export interface BookingItemProps {
  box: BookingBox;
  /** Size classes from box-size.ts (what fits), on the list item. */
  size: string;
  dayName: string;
  t: Translate;
  locale: Locale;
  timeZone: string;
  /**
   * Why the class is flagged stale-unpaid (by the teacher's thresholds, as the queue and the tray flag it), or null.
   * Worked out by the day column from the clock, so the clock's tick re-renders only the boxes whose mark changes.
   */
  stale: StaleReason | null;
  selected: boolean;
  onSelect(id: string): void;
  /** An action waits in the outbox for Google Calendar. */
  waiting: boolean;
}

/** What a day column knows that its class boxes need. */
export interface BoxContext {
  dayName: string;
  t: Translate;
  locale: Locale;
  timeZone: string;
  /** The clock (ms); absent, no stale marks. */
  nowMs?: number;
  staleRules?: StaleRules;
  selectedId: string | null;
  onSelect(id: string): void;
  waitingIds?: ReadonlySet<string>;
}

/**
 * A class box's props. The clock is turned into the box's stale mark here,
 * not passed down: a box is memoised on its props (reuse.ts), so the clock's
 * tick (every 30 s) re-renders only the boxes whose mark changes, not every
 * box of the three weeks drawn (at 500 classes a week, ~33 ms of script a
 * tick before, ~5 ms after).
 */
export function bookingItemProps(box: BookingBox, size: string, c: BoxContext): BookingItemProps {
  return {
    box,
    size,
    dayName: c.dayName,
    t: c.t,
    locale: c.locale,
    timeZone: c.timeZone,
    stale: c.nowMs === undefined || !c.staleRules ? null : staleReason(box.booking, c.nowMs, c.staleRules),
    selected: box.booking.id === c.selectedId,
    onSelect: c.onSelect,
    waiting: c.waitingIds?.has(box.booking.id) ?? false,
  };
}
