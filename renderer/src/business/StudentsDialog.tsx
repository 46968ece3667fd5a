import { useEffect, useMemo, useState } from 'react';
import type { Booking } from '../../../shared/booking';
import { searchStudents } from '../../../shared/business/students';
import type { ReplyOf } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { StatusChip } from '../components/StatusChip';
import { formatWhen, intlLocale } from '../format';
import type { Translate } from '../i18n';
import { Dialog } from '../inout/Dialog';
import { PaymentBadge } from './PaymentLine';

type Student = ReplyOf<'listStudents'>['students'][number];
type History = ReplyOf<'getStudent'>;

export interface StudentsDialogProps {
  t: Translate;
  locale: Locale;
  timeZone: string;
  onShowBooking(booking: Booking): void;
  onToast(text: string): void;
  onClose(): void;
}

function day(iso: string | null, timeZone: string, locale: Locale): string {
  return iso ? new Intl.DateTimeFormat(intlLocale(locale), { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(iso)) : '—';
}

/** Students built from the bookings: a searchable list, and one student's upcoming classes and history. */
export function StudentsDialog({ t, locale, timeZone, onShowBooking, onToast, onClose }: StudentsDialogProps) {
  const [students, setStudents] = useState<Student[] | null>(null);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<History | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  useEffect(() => {
    void api.listStudents({}).then((reply) => (reply.ok ? setStudents(reply.value.students) : setError(reply.error)));
  }, []);

  const shown = useMemo(() => (students ? searchStudents(students, query) : []), [students, query]);

  const openStudent = async (key: string) => {
    const reply = await api.getStudent({ key });
    if (reply.ok) setOpen(reply.value);
    else setError(reply.error);
  };

  // Through main, as the Meet link is: the page itself may not write the clipboard.
  const copyEmail = async (student: Student) => {
    const reply = await api.copyStudentEmail({ key: student.key });
    onToast(reply.ok ? t('students.copied') : t('students.copyFailed', { email: student.email }));
  };

  return (
    <Dialog title={open ? open.student.name : t('students.title')} subtitle={open ? open.student.email : t('students.subtitle')} onClose={onClose} closeLabel={t('queue.close')} className="students-dialog" testId="students-dialog" focusKey={open?.student.key ?? 'list'}>
      {error ? <ErrorBox error={error} t={t} onDismiss={() => setError(null)} /> : null}
      {open ? (
        <StudentHistory history={open} t={t} locale={locale} timeZone={timeZone} onBack={() => setOpen(null)} onCopy={(student) => void copyEmail(student)} onShowBooking={onShowBooking} />
      ) : (
        <>
          <label className="students-search">
            <span className="sr-only">{t('students.search')}</span>
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('students.searchPlaceholder')} aria-label={t('students.search')} data-testid="students-search" data-autofocus />
          </label>
          {students ? (
            <p className="muted" role="status">
              {shown.length === 0 && query ? t('students.none', { query }) : t('students.count', { n: shown.length })}
            </p>
          ) : (
            <p className="muted">{t('earnings.loading')}</p>
          )}
          <table className="students-table">
            <thead>
              <tr>
                <th scope="col">{t('students.title')}</th>
                <th scope="col">{t('students.classes')}</th>
                <th scope="col">{t('students.paid')}</th>
                <th scope="col">{t('students.unpaid')}</th>
                <th scope="col">{t('students.first')}</th>
                <th scope="col">{t('students.last')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.slice(0, 200).map((s) => (
                <tr key={s.key} data-testid="student-row" data-key={s.key}>
                  <td>
                    <button type="button" className="link-button student-open" onClick={() => void openStudent(s.key)} data-testid="student-open">
                      {s.name}
                    </button>
                    <span className="field-sub">
                      {s.email}
                      {s.town ? ` · ${s.town}` : ''}
                    </span>
                  </td>
                  <td>{s.classes}</td>
                  <td>{s.paid}</td>
                  <td>{s.unpaid}</td>
                  <td>{day(s.first, timeZone, locale)}</td>
                  <td>{day(s.last, timeZone, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Dialog>
  );
}

function StudentHistory({ history, t, locale, timeZone, onBack, onCopy, onShowBooking }: { history: History; t: Translate; locale: Locale; timeZone: string; onBack(): void; onCopy(student: Student): void; onShowBooking(b: Booking): void }) {
  const s = history.student;
  const facts: [string, string | number | null][] = [
    [t('students.classes'), s.classes],
    [t('students.paid'), s.paid],
    [t('students.unpaid'), s.unpaid],
    [t('students.first'), day(s.first, timeZone, locale)],
    [t('students.last'), day(s.last, timeZone, locale)],
    [t('students.next'), s.next ? day(s.next, timeZone, locale) : null],
    [t('students.level'), s.level],
    [t('students.town'), s.town],
    [t('students.phone'), s.phone],
  ];
  const list = (bookings: Booking[], empty: string, testId: string) =>
    bookings.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul className="student-classes" data-testid={testId}>
        {bookings.map((b) => (
          <li key={b.id} data-testid="student-class">
            <button type="button" className="link-button" onClick={() => onShowBooking(b)} title={t('students.show')}>
              {formatWhen(b.startTime, b.endTime, timeZone, locale)}
            </button>
            <StatusChip status={b.status} t={t} />
            <PaymentBadge booking={b} t={t} locale={locale} />
          </li>
        ))}
      </ul>
    );
  return (
    <div className="student-history" data-testid="student-history">
      <div className="student-tools">
        <button type="button" className="button" onClick={onBack} data-testid="students-back">
          {t('students.back')}
        </button>
        <button type="button" className="button" onClick={() => onCopy(s)} data-testid="student-copy-email" data-autofocus>
          {t('students.copyEmail')}
        </button>
      </div>
      <dl className="student-facts">
        {facts
          .filter(([, v]) => v !== null && v !== '')
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
      <h3>{t('students.upcoming')}</h3>
      {list(history.upcoming, t('students.noUpcoming'), 'student-upcoming')}
      <h3>{t('students.history')}</h3>
      {list(history.past, t('students.noHistory'), 'student-past')}
    </div>
  );
}
