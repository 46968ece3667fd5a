import { useCallback, useEffect, useState } from 'react';
import type { Booking } from '../../shared/booking';
import type { Notice, ReplyOf } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/settings';
import { localDateOf } from '../../shared/week';
import { api, call, ApiError } from './api';
import { formatDay, formatTime } from './format';

type Week = ReplyOf<'listWeek'>;

const STATUS_LABEL: Record<Booking['status'], { es: string; en: string }> = {
  pending: { es: 'Pendiente', en: 'Pending' },
  scheduled: { es: 'Programada', en: 'Scheduled' },
  completed: { es: 'Completada', en: 'Completed' },
  cancelled: { es: 'Cancelada', en: 'Cancelled' },
};

export function App() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [week, setWeek] = useState<Week | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const current = await call(api.getSettings({}));
      setSettings(current);
      const today = localDateOf(new Date(), current.timeZone);
      setWeek(await call(api.listWeek({ day: today })));
      setNotices((await call(api.getAppStatus({}))).notices);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void load();
    return api.on('bookingsChanged', () => void load());
  }, [load]);

  const locale = settings?.locale ?? 'es';
  return (
    <main className="app">
      <header className="app-header">
        <h1>Teacher Desk</h1>
        {week && (
          <p className="zone" data-testid="time-zone">
            {week.timeZone}
          </p>
        )}
      </header>
      {notices.map((notice) => (
        <p key={notice.kind + (notice.keptAs ?? '')} role="alert" className="notice">
          {notice.message}
        </p>
      ))}
      {error && (
        <p role="alert" className="notice error">
          {error}
        </p>
      )}
      {week && (
        <section aria-label={locale === 'es' ? 'Clases de la semana' : 'Classes this week'}>
          {week.week.days.map((day) => {
            const classes = week.bookings.filter((b) => localDateOf(b.startTime, week.timeZone) === day);
            return (
              <div key={day} className="day" data-day={day}>
                <h2>{formatDay(day, locale)}</h2>
                {classes.length === 0 ? (
                  <p className="empty">{locale === 'es' ? 'Sin clases' : 'No classes'}</p>
                ) : (
                  <ul>
                    {classes.map((b) => (
                      <li key={b.id} className={`booking status-${b.status}`} data-testid="booking" data-booking-id={b.id}>
                        <span className="time">
                          {formatTime(b.startTime, week.timeZone, locale)}–{formatTime(b.endTime, week.timeZone, locale)}
                        </span>{' '}
                        <span className="student">{b.bookedBy.name}</span>{' '}
                        <span className="status">{STATUS_LABEL[b.status][locale]}</span>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            );
          })}
        </section>
      )}
    </main>
  );
}
