import type { CSSProperties } from 'react';
import type { Booking } from '../../../shared/booking';
import { formatTime } from '../format';
import type { MessageKey, Translate } from '../i18n';
import { STATUS_LABEL } from '../status';
import type { BookingItemProps } from './box-props';
import type { BookingBox, BusyBox } from './layout';

export function boxStyle(box: BookingBox | BusyBox): CSSProperties {
  return {
    top: `${box.top * 100}%`,
    height: `${box.height * 100}%`,
    left: `${(box.column / box.columns) * 100}%`,
    width: `${(box.span / box.columns) * 100}%`,
  };
}

const PAYMENT_LABEL: Record<NonNullable<Booking['payment']>['state'], MessageKey> = { paid: 'box.paid', waiting: 'box.waiting', rejected: 'box.rejected' };

/**
 * The words a box stands for: its button's accessible name and tooltip. It
 * begins with the box's visible words in their order (name, time, status),
 * so that what is read on screen is what a voice user says (WCAG 2.5.3); a
 * narrow box only ever drops words from the end of that run.
 */
function describe(booking: Booking, t: Translate, parts: { dayName: string; time: string; stale: string | null; waiting: boolean; continues: string[] }): string {
  return [
    booking.bookedBy.name,
    parts.time,
    t(STATUS_LABEL[booking.status]),
    parts.dayName,
    booking.payment ? t(PAYMENT_LABEL[booking.payment.state]) : null,
    parts.stale,
    booking.classType === 'grupal' ? t('box.group', { n: booking.currentParticipants, max: booking.maxParticipants }) : null,
    booking.meetLink ? t('box.meetReady') : null,
    parts.waiting ? t('outbox.marker') : null,
    ...parts.continues,
  ]
    .filter(Boolean)
    .join(', ');
}


/**
 * One class in the grid: few elements on purpose (a crowded week has
 * hundreds). Student (wrapping to a second line where there is room), time,
 * a line with the status word and the marks: paid (or not), group size, Meet
 * ready. The marks are drawn by CSS from the classes on the button; the
 * button's name says them all in words. What shows depends on the room the
 * box has: size classes on the item, from the layout (box-size.ts). Every
 * box has the same elements whatever it shows, so a reused box is updated
 * in place, never rebuilt.
 */
export function BookingItem({ box, size, dayName, t, locale, timeZone, stale, selected, onSelect, waiting }: BookingItemProps) {
  const { booking } = box;
  const start = formatTime(booking.startTime, timeZone, locale);
  const end = formatTime(booking.endTime, timeZone, locale);
  const [first, ...others] = booking.bookedBy.name.split(' ');
  const rest = others.join(' ');
  const staleText = stale ? t(`box.stale.${stale}`) : null;
  const continues = [box.continuesFromPreviousDay ? t('week.continuesFromPrevious') : null, box.continuesToNextDay ? t('week.continuesToNext') : null].filter((x): x is string => !!x);
  const label = describe(booking, t, { dayName, time: `${start}–${end}`, stale: staleText, waiting, continues });
  const classes = [
    'booking',
    `status-${booking.status}`,
    booking.payment ? `pay-${booking.payment.state}` : '',
    stale ? 'is-stale' : '',
    booking.classType === 'grupal' ? 'is-group' : '',
    booking.meetLink ? 'has-meet' : '',
    selected ? 'is-selected' : '',
    box.continuesFromPreviousDay ? 'from-prev' : '',
    box.continuesToNextDay ? 'to-next' : '',
    waiting ? 'is-waiting' : '',
  ];
  return (
    <li className={`item${size}`} style={boxStyle(box)}>
      <button
        type="button"
        className={classes.filter(Boolean).join(' ')}
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
        <span className="booking-name">
          {first}
          <span className="booking-name-rest">{rest ? ` ${rest}` : ''}</span>
        </span>{' '}
        <span className="booking-time">
          {box.continuesFromPreviousDay ? '↳ ' : ''}
          {start}
          <span className="booking-end">–{end}</span>
        </span>{' '}
        <span className="booking-meta">
          <span className="booking-marks" data-group={booking.classType === 'grupal' ? `${booking.currentParticipants}/${booking.maxParticipants}` : undefined} />
          {t(STATUS_LABEL[booking.status])}
        </span>
        {waiting ? <span className="booking-waiting" aria-hidden="true" data-testid="booking-waiting" /> : null}
      </button>
    </li>
  );
}
