import { memo, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { StaleRules } from '../../../shared/business/stale';
import type { Locale } from '../../../shared/settings';
import { BusyIcon } from '../components/icons';
import { formatDay, formatDayParts, formatHour, formatTime, formatZoneOffsetAt } from '../format';
import { classCount, type Translate } from '../i18n';
import { BookingItem, boxStyle } from './BookingItem';
import { bookingItemProps } from './box-props';
import { dayListWidths, sizeClasses } from './box-size';
import { dayWeight, nowPosition, type BookingBox, type BusyBox, type HourRange, type WeekBox, type WeekLayout } from './layout';
import { offsetChange } from './zoned';
import { sameBoxProps } from './reuse';
import { useSlots } from './useSlots';

/** Height of one hour in the grid, in CSS pixels (also --hour-h in styles.css): a one-hour class holds time, two lines of name and its status line. */
export const HOUR_PX = 64;

/** A day's DST change as the heading shows it ("GMT+2") and says it ("Cambio de hora: GMT+1 → GMT+2"). */
interface ZoneChange {
  to: string;
  label: string;
}

/** One week as a pane draws it (the week on screen, or a neighbour drawn ahead). */
export interface PaneWeekData {
  days: readonly string[];
  layout: WeekLayout;
  hours: HourRange;
}

/** What every pane shares: the zone, the language, the clock and the teacher's marks. */
export interface PaneContext {
  timeZone: string;
  locale: Locale;
  t: Translate;
  /** Today's date in the zone, to highlight its column. */
  today: string | null;
  selectedId: string | null;
  onSelect(id: string): void;
  /** The clock (ms), for the now-line and the marks that depend on it (stale unpaid classes); absent, neither (the render bench). */
  nowMs?: number;
  /** The teacher's stale-unpaid thresholds (settings.staleRules), so a box flags what the queue and the tray flag; absent, no stale marks. */
  staleRules?: StaleRules;
  /** Classes with an action waiting for Google Calendar (the outbox): a small marker on their box. */
  waitingIds?: ReadonlySet<string>;
}

type PaneProps = PaneWeekData & PaneContext;

/**
 * Where a pane stands: shown, or ahead (a neighbour drawn in advance). An
 * ahead pane is styled, laid out and painted like the shown one, under it:
 * the shown pane is opaque and on top, so it alone is seen and hit by the
 * pointer (styles.css, .week-pane). A switch changes which pane is on top.
 */
export type PanePhase = 'shown' | 'ahead';

/**
 * One week in a pane: the day headings and the body of day columns. The outer element is all that changes with the phase (the content is memoised apart).
 *
 * The pane is a fieldset so that, ahead, one attribute takes its boxes (buttons) out of
 * the tab order and away from clicks: a disabled fieldset disables every button in it.
 * `inert` would do the same, but it is inherited style: a switch then restyles every
 * element of both panes (in traces of the bench: 45 ms a switch at 500 classes, against
 * 25 ms with the fieldset, which restyles only the buttons). aria-hidden keeps it from screen readers.
 */
export const WeekPane = memo(function WeekPane({ phase, ...props }: PaneProps & { phase: PanePhase }) {
  const ahead = phase === 'ahead';
  return (
    <fieldset className={`week-pane is-${phase}`} data-week={props.days[0]} aria-hidden={ahead ? true : undefined} disabled={ahead}>
      <PaneContent {...props} />
    </fieldset>
  );
});

const PaneContent = memo(function PaneContent(props: PaneProps) {
  const { days, layout, hours, locale, t, today, timeZone, nowMs } = props;
  const hourCount = hours.endHour - hours.startHour;
  const bodyStyle = { height: `${hourCount * HOUR_PX}px` } satisfies CSSProperties;
  const changes = useMemo(
    () =>
      days.map((day): ZoneChange | null => {
        const change = offsetChange(day, timeZone);
        if (!change) return null;
        const from = formatZoneOffsetAt(change.beforeAt, timeZone, locale);
        const to = formatZoneOffsetAt(change.afterAt, timeZone, locale);
        return { to, label: t('week.zoneChange', { from, to }) };
      }),
    [days, timeZone, locale, t],
  );
  // An empty week keeps seven equal days; otherwise each day's width follows what it holds.
  const empty = layout.days.every((d) => d.length === 0);
  const weights = days.map((day, i) => (empty ? 1 : dayWeight(layout.days[i]!, day === today, !!changes[i])));
  const columns = weights.map((w) => `minmax(0, ${w}fr)`).join(' ');
  const paneStyle = { '--days': columns } as CSSProperties;
  const body = useRef<HTMLDivElement>(null);
  const bodyWidth = useWidth(body);
  // Each day's room for its boxes, so that a box's size classes come from the layout, not from container queries (box-size.ts).
  const listWidths = bodyWidth === null ? null : dayListWidths(bodyWidth, weights);

  const now = useMemo(() => (nowMs === undefined ? null : nowPosition(nowMs, days, timeZone, hours)), [nowMs, days, timeZone, hours]);

  return (
    <div className="week-pane-content" style={paneStyle}>
      <div className="week-head" aria-hidden="true">
        <div className="gutter-head" data-testid="zone-offset">{formatZoneOffsetAt(Date.parse(`${days[0] ?? ''}T12:00:00Z`), timeZone, locale)}</div>
        {days.map((day, i) => {
          const parts = formatDayParts(day, locale);
          const pending = pendingOf(layout.days[i]!);
          const change = changes[i];
          return (
            <div key={day} className={`day-head${day === today ? ' is-today' : ''}`} data-day-head={day}>
              <span className="day-head-weekday">{parts.weekday}</span>
              <span className="day-head-date">{parts.date}</span>
              {change ? (
                <span className="day-head-dst" title={change.label} data-testid="zone-change">
                  {change.to}
                </span>
              ) : null}
              {pending > 0 ? (
                <span className="day-head-pending" title={t('week.pendingCount', { n: pending })}>
                  {pending}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="week-body" style={bodyStyle} ref={body}>
        <div className="gutter" aria-hidden="true">
          {Array.from({ length: hourCount }, (_, i) => (
            <span key={i} className="hour-label" style={{ top: `${(i / hourCount) * 100}%` }}>
              {i === 0 ? '' : formatHour(hours.startHour + i, locale)}
            </span>
          ))}
          {now ? (
            <span className="now-label" style={{ top: `${now.top * 100}%` }}>
              {minuteLabel(now.minute)}
            </span>
          ) : null}
        </div>
        {days.map((day, i) => (
          // Keyed by position: when the pane takes another week, its columns (and the boxes in them) are reused.
          <DayColumn key={i} {...props} now={now} day={day} index={i} isToday={day === today} hourCount={hourCount} listWidth={listWidths?.[i] ?? null} zoneChange={changes[i]?.label ?? null} />
        ))}
      </div>
    </div>
  );
});

/** The element's width in CSS pixels, kept up to date (null until first measured: before the first paint, once). */
function useWidth(ref: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

function pendingOf(boxes: WeekLayout['days'][number]): number {
  let n = 0;
  for (const b of boxes) if (b.kind === 'booking' && b.primary && b.booking.status === 'pending') n++;
  return n;
}

function minuteLabel(minute: number): string {
  const m = Math.floor(minute);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

interface DayColumnProps extends PaneProps {
  now: ReturnType<typeof nowPosition>;
  day: string;
  index: number;
  isToday: boolean;
  hourCount: number;
  /** Width (px) of the day's list of boxes; null before it is first measured (boxes then take their widest form). */
  listWidth: number | null;
  /** "Cambio de hora: GMT+1 → GMT+2" on the day the clocks change. */
  zoneChange: string | null;
}

const DayColumn = memo(function DayColumn({ day, index, isToday, hourCount, listWidth, zoneChange, layout, t, locale, timeZone, now, nowMs, staleRules, selectedId, onSelect, waitingIds }: DayColumnProps) {
  const boxes = layout.days[index]!;
  const slots = useSlots(boxes);
  const classes = boxes.filter((b): b is BookingBox => b.kind === 'booking');
  const dayName = formatDay(day, locale);
  const bodyHeight = hourCount * HOUR_PX;
  const size = (box: WeekBox) => (listWidth === null ? '' : sizeClasses(box, listWidth, bodyHeight));
  const boxContext = { dayName, t, locale, timeZone, nowMs, staleRules, selectedId, onSelect, waitingIds };
  const gridStyle = { backgroundSize: `100% ${100 / hourCount}%` } satisfies CSSProperties;
  const count = classCount(t, classes.filter((c) => c.primary).length);
  const pending = pendingOf(boxes);
  const dayLabel = [pending > 0 ? t('week.dayPending', { day: dayName, count, pending: t('week.pendingCount', { n: pending }) }) : t('week.dayLabel', { day: dayName, count }), zoneChange].filter(Boolean).join('. ');
  return (
    <div role="group" className={`day${isToday ? ' is-today' : ''}`} data-day={day} aria-label={dayLabel} style={gridStyle}>
      <ul className="day-items">
        {boxes.map((box) =>
          box.kind === 'booking' ? (
            <ReusedBookingItem key={slots.get(box.key)} {...bookingItemProps(box, size(box), boxContext)} />
          ) : (
            <ReusedBusyItem key={slots.get(box.key)} box={box} size={size(box)} t={t} locale={locale} timeZone={timeZone} />
          ),
        )}
      </ul>
      {now && now.dayIndex === index ? <div className="now-line" style={{ top: `${now.top * 100}%` }} aria-hidden="true" /> : null}
    </div>
  );
});

function BusyItem({ box, size, t, locale, timeZone }: { box: BusyBox; size: string; t: Translate; locale: Locale; timeZone: string }) {
  const time = `${formatTime(box.block.startTime, timeZone, locale)}–${formatTime(box.block.endTime, timeZone, locale)}`;
  return (
    <li className={`item busy${size}`} style={boxStyle(box)} data-testid="busy-block" aria-label={t('week.busyLong', { time })}>
      <span className="busy-label" aria-hidden="true">
        <BusyIcon />
        {t('week.busy')}
      </span>
      <span className="busy-time" aria-hidden="true">
        {time}
      </span>
    </li>
  );
}

// Memoised with a cheap equality (reuse.ts): a box re-renders only when what it shows changed.
const ReusedBookingItem = memo(BookingItem, sameBoxProps);
const ReusedBusyItem = memo(BusyItem, sameBoxProps);
