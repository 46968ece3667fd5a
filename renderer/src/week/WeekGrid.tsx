import { memo, useEffect, useRef, type CSSProperties } from 'react';
import type { Locale } from '../../../shared/settings';
import { BusyIcon } from '../components/icons';
import { StatusChip } from '../components/StatusChip';
import { formatDay, formatDayParts, formatHour, formatTime, formatZoneOffset } from '../format';
import { classCount, type Translate } from '../i18n';
import { STATUS_LABEL } from '../status';
import type { BookingBox, BusyBox, HourRange, WeekLayout } from './layout';
import { sameBoxProps } from './reuse';
import { useSlots } from './useSlots';

/** Height of one hour in the grid, in CSS pixels (also --hour-h in styles.css). */
export const HOUR_PX = 60;

export interface WeekGridProps {
  days: readonly string[];
  layout: WeekLayout;
  hours: HourRange;
  timeZone: string;
  locale: Locale;
  t: Translate;
  /** Today's date in the zone, to highlight its column. */
  today: string | null;
  /** The now-line, from nowPosition(). */
  now: { dayIndex: number; top: number; minute: number } | null;
  selectedId: string | null;
  onSelect(id: string): void;
  /** Scrolls the grid so this wall-clock minute is in view, each time `token` changes. */
  scrollTo?: { minute: number; token: number } | null;
  /** Accessible name of the whole week ("Week of 23–29 November 2026"). */
  label: string;
}

/**
 * Seven day columns by hours. Purely presentational: the positions come
 * from layoutWeek(), and it renders on the server too (the render bench).
 * Each day is a labelled group holding a list of its classes in time order;
 * each class is a real button.
 */
export function WeekGrid(props: WeekGridProps) {
  const { days, layout, hours, locale, t, today, now, label } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const hourCount = hours.endHour - hours.startHour;
  const bodyStyle = { height: `${hourCount * HOUR_PX}px` } satisfies CSSProperties;

  useEffect(() => {
    const el = scroller.current;
    const target = props.scrollTo;
    if (!el || !target) return;
    const y = ((target.minute - hours.startHour * 60) / 60) * HOUR_PX;
    el.scrollTop = Math.max(0, y - el.clientHeight / 3);
    // Only when asked again (a new token), not on every render.
  }, [props.scrollTo?.token]);

  return (
    <div className="week" role="region" aria-label={label}>
      <div className="week-scroll" ref={scroller}>
        <div className="week-head" aria-hidden="true">
          <div className="gutter-head">{formatZoneOffset(props.timeZone, days[3] ?? days[0] ?? '', locale)}</div>
          {days.map((day, i) => {
            const parts = formatDayParts(day, locale);
            const pending = layout.days[i]!.filter((b) => b.kind === 'booking' && b.primary && b.booking.status === 'pending').length;
            return (
              <div key={day} className={`day-head${day === today ? ' is-today' : ''}`} data-day-head={day}>
                <span className="day-head-weekday">{parts.weekday}</span>
                <span className="day-head-date">{parts.date}</span>
                {pending > 0 ? (
                  <span className="day-head-pending" title={t('week.pendingCount', { n: pending })}>
                    {pending}
                  </span>
                ) : null}
              </div>
            );
          })}
        </div>
        <div className="week-body" style={bodyStyle}>
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
            // Keyed by position: the columns (and the boxes in them) are reused across a week switch.
            <DayColumn key={i} {...props} day={day} index={i} isToday={day === today} hourCount={hourCount} />
          ))}
        </div>
      </div>
    </div>
  );
}

function minuteLabel(minute: number): string {
  const m = Math.floor(minute);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

interface DayColumnProps extends WeekGridProps {
  day: string;
  index: number;
  isToday: boolean;
  hourCount: number;
}

const DayColumn = memo(function DayColumn({ day, index, isToday, hourCount, layout, t, locale, timeZone, now, selectedId, onSelect }: DayColumnProps) {
  const boxes = layout.days[index]!;
  const slots = useSlots(boxes);
  const classes = boxes.filter((b): b is BookingBox => b.kind === 'booking');
  const dayName = formatDay(day, locale);
  const gridStyle = { backgroundSize: `100% ${100 / hourCount}%` } satisfies CSSProperties;
  return (
    <div role="group" className={`day${isToday ? ' is-today' : ''}`} data-day={day} aria-label={t('week.dayLabel', { day: dayName, count: classCount(t, classes.filter((c) => c.primary).length) })} style={gridStyle}>
      <ul className="day-items">
        {boxes.map((box) =>
          box.kind === 'booking' ? (
            <ReusedBookingItem key={slots.get(box.key)} box={box} dayName={dayName} t={t} locale={locale} timeZone={timeZone} selected={box.booking.id === selectedId} onSelect={onSelect} />
          ) : (
            <ReusedBusyItem key={slots.get(box.key)} box={box} t={t} locale={locale} timeZone={timeZone} />
          ),
        )}
      </ul>
      {now && now.dayIndex === index ? <div className="now-line" style={{ top: `${now.top * 100}%` }} aria-hidden="true" /> : null}
    </div>
  );
});

function boxStyle(box: BookingBox | BusyBox): CSSProperties {
  return {
    top: `${box.top * 100}%`,
    height: `${box.height * 100}%`,
    left: `${(box.column / box.columns) * 100}%`,
    width: `${(box.span / box.columns) * 100}%`,
  };
}

function BookingItem({ box, dayName, t, locale, timeZone, selected, onSelect }: { box: BookingBox; dayName: string; t: Translate; locale: Locale; timeZone: string; selected: boolean; onSelect(id: string): void }) {
  const { booking } = box;
  const start = formatTime(booking.startTime, timeZone, locale);
  const end = formatTime(booking.endTime, timeZone, locale);
  const time = `${start}–${end}`;
  const [first, ...others] = booking.bookedBy.name.split(' ');
  const rest = others.join(' ');
  const minutes = box.endMinute - box.startMinute;
  const size = minutes < 40 ? ' is-short' : minutes < 75 ? ' is-medium' : '';
  const continues = [box.continuesFromPreviousDay ? t('week.continuesFromPrevious') : null, box.continuesToNextDay ? t('week.continuesToNext') : null].filter(Boolean);
  const label = [booking.bookedBy.name, dayName, time, t(STATUS_LABEL[booking.status]), ...continues].join(', ');
  return (
    <li className="item" style={boxStyle(box)}>
      <button
        type="button"
        className={`booking status-${booking.status}${size}${selected ? ' is-selected' : ''}${box.continuesFromPreviousDay ? ' from-prev' : ''}${box.continuesToNextDay ? ' to-next' : ''}`}
        data-testid="booking"
        data-booking-id={booking.id}
        data-primary={box.primary ? 'true' : 'false'}
        data-column={box.column}
        data-columns={box.columns}
        aria-label={label}
        title={label}
        aria-current={selected ? 'true' : undefined}
        tabIndex={box.primary ? 0 : -1}
        onClick={() => onSelect(booking.id)}
      >
        <span className="booking-time">
          {box.continuesFromPreviousDay ? '↳ ' : ''}
          {start}
          <span className="booking-end">–{end}</span>
        </span>
        <span className="booking-name">
          {first}
          {rest ? <span className="booking-name-rest"> {rest}</span> : null}
        </span>
        <StatusChip status={booking.status} t={t} compact={size === ' is-short'} />
      </button>
    </li>
  );
}

function BusyItem({ box, t, locale, timeZone }: { box: BusyBox; t: Translate; locale: Locale; timeZone: string }) {
  const time = `${formatTime(box.block.startTime, timeZone, locale)}–${formatTime(box.block.endTime, timeZone, locale)}`;
  return (
    <li className="item busy" style={boxStyle(box)} data-testid="busy-block" aria-label={t('week.busyLong', { time })}>
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
