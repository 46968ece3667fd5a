import { useEffect, useId, useRef, useState } from 'react';
import type { Booking } from '../../../shared/booking';
import { minutesBetween } from '../format';
import type { Translate } from '../i18n';
import { toInstants } from './reschedule-time';
import { wallTime } from '../week/zoned';

const DURATIONS = [30, 45, 60, 75, 90, 120];
const pad = (n: number) => String(n).padStart(2, '0');
/** Start times every quarter hour, 24-hour clock. */
const QUARTERS = Array.from({ length: 96 }, (_, i) => `${pad(Math.floor(i / 4))}:${pad((i % 4) * 15)}`);

export function RescheduleForm({
  booking,
  timeZone,
  t,
  blocked,
  busy,
  onSubmit,
  onClose,
}: {
  booking: Booking;
  timeZone: string;
  t: Translate;
  blocked: string | null;
  busy: boolean;
  onSubmit(startTime: string, endTime: string, sendUpdates: 'none' | 'all'): void;
  onClose(): void;
}) {
  const start = wallTime(Date.parse(booking.startTime), timeZone);
  const current = minutesBetween(booking.startTime, booking.endTime);
  const [date, setDate] = useState(start.day);
  const [time, setTime] = useState(`${pad(Math.floor(start.minute / 60))}:${pad(Math.floor(start.minute % 60))}`);
  const [minutes, setMinutes] = useState(current);
  const [email, setEmail] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const reasonId = useId();
  const problemId = useId();
  useEffect(() => heading.current?.focus(), []);
  const reason = blocked ?? (busy ? t('action.busy') : null);
  const initialTime = `${pad(Math.floor(start.minute / 60))}:${pad(Math.floor(start.minute % 60))}`;
  const times = QUARTERS.includes(initialTime) ? QUARTERS : [...QUARTERS, initialTime].sort();
  const durations = DURATIONS.includes(current) ? DURATIONS : [...DURATIONS, current].sort((a, b) => a - b);

  return (
    <form
      className="flow"
      aria-labelledby={titleId}
      data-testid="reschedule-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) return;
        const result = toInstants(date, time, minutes, timeZone);
        if (result === 'invalid') return setProblem(t('reschedule.invalid'));
        if (result === 'nonexistent') return setProblem(t('reschedule.nonexistent'));
        setProblem(null);
        onSubmit(result.startTime, result.endTime, email ? 'all' : 'none');
      }}
    >
      <h3 id={titleId} ref={heading} tabIndex={-1}>
        {t('reschedule.title')}
      </h3>
      <div className="form-row">
        <label className="field">
          <span>{t('reschedule.date')}</span>
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} aria-describedby={problem ? problemId : undefined} data-testid="reschedule-date" />
        </label>
        <label className="field">
          <span>{t('reschedule.start')}</span>
          {/* A select, not <input type="time">: that one follows the OS locale (05:00 PM), the desk shows 24-hour times. */}
          <select value={time} onChange={(e) => setTime(e.target.value)} aria-describedby={problem ? problemId : undefined} data-testid="reschedule-time">
            {times.map((hhmm) => (
              <option key={hhmm} value={hhmm}>
                {hhmm}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('reschedule.duration')}</span>
          <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} data-testid="reschedule-duration">
            {durations.map((d) => (
              <option key={d} value={d}>
                {t('reschedule.minutes', { n: d })}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="field-note">{t('reschedule.zoneNote', { zone: timeZone })}</p>
      <label className="check">
        <input type="checkbox" checked={email} onChange={(e) => setEmail(e.target.checked)} />
        {t('reschedule.emailStudent')}
      </label>
      {problem ? (
        <p className="form-problem" id={problemId} role="alert">
          {problem}
        </p>
      ) : null}
      <div className="flow-actions">
        <button type="submit" className="button primary" aria-disabled={reason ? true : undefined} aria-describedby={reason ? reasonId : undefined} data-testid="reschedule-save">
          {busy ? <span className="spinner" aria-hidden="true" /> : null}
          {t('reschedule.save')}
        </button>
        <button type="button" className="button quiet" onClick={onClose}>
          {t('action.back')}
        </button>
      </div>
      {reason ? (
        <p className="action-reason" id={reasonId}>
          {reason}
        </p>
      ) : null}
    </form>
  );
}
