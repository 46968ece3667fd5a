import { useEffect, useState } from 'react';
import type { PeriodFigures } from '../../../shared/business/earnings';
import type { ReplyOf } from '../../../shared/ipc/contract';
import type { IpcError } from '../../../shared/ipc/errors';
import type { Locale } from '../../../shared/settings';
import { api } from '../api';
import { ErrorBox } from '../components/ErrorBox';
import { addDaysToDay, formatPrice, intlLocale } from '../format';
import type { MessageKey, Translate } from '../i18n';
import { Dialog } from '../inout/Dialog';
import { HoursChart, IncomeChart, KindsChart } from './EarningsCharts';

type Earnings = ReplyOf<'getEarnings'>;
const PERIODS = ['week', 'month', 'year'] as const;
type PeriodName = (typeof PERIODS)[number];

const ROWS: { key: string; label: MessageKey; value: (p: PeriodFigures, locale: Locale) => string }[] = [
  { key: 'classes', label: 'earnings.classesGiven', value: (p) => String(p.classesGiven) },
  { key: 'hours', label: 'earnings.hoursTaught', value: (p, l) => new Intl.NumberFormat(intlLocale(l), { maximumFractionDigits: 1 }).format(p.minutesTaught / 60) },
  { key: 'students', label: 'earnings.studentsTaught', value: (p) => String(p.studentsTaught) },
  { key: 'cancelled', label: 'earnings.cancelled', value: (p) => String(p.cancelled) },
  { key: 'received', label: 'earnings.received', value: (p, l) => formatPrice(p.incomeReceived, l) },
  { key: 'waiting', label: 'earnings.waiting', value: (p, l) => formatPrice(p.incomeWaiting, l) },
];

/** "23 nov – 29 nov" for a period [from, to). */
function periodRange(p: PeriodFigures, locale: Locale): string {
  const f = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  return f.formatRange(new Date(`${p.from}T12:00:00Z`), new Date(`${addDaysToDay(p.to, -1)}T12:00:00Z`));
}

export interface EarningsDialogProps {
  t: Translate;
  locale: Locale;
  /** Today in the teacher's zone: the view opens on it. */
  today: string;
  onToast(text: string): void;
  onClose(): void;
}

/** Earnings and hours for the week, month and year holding a day, with charts and a CSV of the figures. */
export function EarningsDialog({ t, locale, today, onToast, onClose }: EarningsDialogProps) {
  const [anchor, setAnchor] = useState(today);
  const [earnings, setEarnings] = useState<Earnings | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [series, setSeries] = useState<'week' | 'month'>('month');
  const [kindsOf, setKindsOf] = useState<PeriodName>('year');

  useEffect(() => {
    let live = true;
    void api.getEarnings({ anchor }).then((reply) => {
      if (!live) return;
      if (reply.ok) {
        setEarnings(reply.value);
        setError(null);
      } else setError(reply.error);
    });
    return () => {
      live = false;
    };
  }, [anchor]);

  const exportCsv = async () => {
    const reply = await api.exportEarnings({ anchor, locale });
    if (reply.ok) onToast(t('earnings.saved', { path: reply.value.savedTo }));
    else if (reply.error.code !== 'CANCELLED') setError(reply.error);
  };

  return (
    <Dialog
      title={t('earnings.title')}
      subtitle={earnings ? t('earnings.subtitle', { zone: earnings.timeZone }) : null}
      onClose={onClose}
      closeLabel={t('queue.close')}
      className="earnings-dialog"
      testId="earnings-dialog"
      footer={
        <>
          <p className="muted earnings-note">{t('earnings.noShows')}</p>
          <button type="button" className="button" onClick={() => void exportCsv()} data-testid="earnings-export">
            {t('earnings.export')}
          </button>
        </>
      }
    >
      <div className="earnings-nav">
        <button type="button" className="icon-button" onClick={() => setAnchor((d) => addDaysToDay(d, -7))} aria-label={t('earnings.previous')} data-testid="earnings-previous">
          ‹
        </button>
        <input type="date" value={anchor} onChange={(e) => e.target.value && setAnchor(e.target.value)} aria-label={t('earnings.anchor')} data-testid="earnings-anchor" data-autofocus />
        <button type="button" className="icon-button" onClick={() => setAnchor((d) => addDaysToDay(d, 7))} aria-label={t('earnings.next')} data-testid="earnings-next">
          ›
        </button>
      </div>
      {error ? <ErrorBox error={error} t={t} onDismiss={() => setError(null)} /> : null}
      {!earnings ? <p className="muted">{t('earnings.loading')}</p> : null}
      {earnings ? (
        <>
          <table className="earnings-table" data-testid="earnings-table">
            <thead>
              <tr>
                <td />
                {PERIODS.map((p) => (
                  <th key={p} scope="col">
                    {t(`earnings.${p}`)}
                    <span className="earnings-range">{periodRange(earnings[p], locale)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(row.label)}</th>
                  {PERIODS.map((p) => (
                    <td key={p} data-testid={`earnings-${p}-${row.key}`}>
                      {row.value(earnings[p], locale)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <div className="earnings-switch" role="group" aria-label={t('earnings.chartsLabel')}>
            {(['week', 'month'] as const).map((s) => (
              <button key={s} type="button" className={`button small${series === s ? ' primary' : ''}`} aria-pressed={series === s} onClick={() => setSeries(s)} data-testid={`earnings-series-${s}`}>
                {t(s === 'week' ? 'earnings.seriesWeek' : 'earnings.seriesMonth')}
              </button>
            ))}
          </div>
          <div className="charts">
            <IncomeChart series={series === 'week' ? earnings.byWeek : earnings.byMonth} title={t(series === 'week' ? 'earnings.incomeByWeek' : 'earnings.incomeByMonth')} t={t} locale={locale} />
            <HoursChart series={series === 'week' ? earnings.byWeek : earnings.byMonth} title={t(series === 'week' ? 'earnings.hoursByWeek' : 'earnings.hoursByMonth')} t={t} locale={locale} />
            <div className="chart-with-switch">
              <div className="earnings-switch" role="group" aria-label={t('earnings.byKind')}>
                {PERIODS.map((p) => (
                  <button key={p} type="button" className={`button small${kindsOf === p ? ' primary' : ''}`} aria-pressed={kindsOf === p} onClick={() => setKindsOf(p)}>
                    {t(`earnings.${p}`)}
                  </button>
                ))}
              </div>
              <KindsChart period={earnings[kindsOf]} title={`${t('earnings.byKind')} · ${t(`earnings.${kindsOf}`)}`} t={t} />
            </div>
          </div>
        </>
      ) : null}
    </Dialog>
  );
}
