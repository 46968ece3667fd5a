import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { CLASS_KINDS, type ClassKind, type PeriodFigures, type SeriesPoint } from '../../../shared/business/earnings';
import type { Locale } from '../../../shared/settings';
import { formatPrice, intlLocale } from '../format';
import type { Translate } from '../i18n';

/**
 * The earnings view's charts (Recharts: SVG, keyboard-reachable tooltips
 * through its accessibility layer, colours from the theme's CSS variables
 * so light and dark both read well).
 */

const AXIS = { stroke: 'var(--muted)', fontSize: 12 };
const TOOLTIP = { contentStyle: { background: 'var(--surface)', border: '1px solid var(--line-strong)', color: 'var(--fg)', borderRadius: 8 }, labelStyle: { color: 'var(--fg)' }, cursor: { fill: 'var(--surface-3)' } };

function compactMoney(value: number, locale: Locale): string {
  return new Intl.NumberFormat(intlLocale(locale), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

function seriesLabel(key: string, locale: Locale): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number | undefined];
  const date = new Date(Date.UTC(y, m - 1, d ?? 1, 12));
  return new Intl.DateTimeFormat(intlLocale(locale), d ? { timeZone: 'UTC', day: 'numeric', month: 'short' } : { timeZone: 'UTC', month: 'short' }).format(date);
}

/** Twelve months fit under a small chart only as initials ("E F M…"); the tooltip keeps the short name. Weeks keep the axis's own spacing. */
function axisProps(series: SeriesPoint[]) {
  const monthly = series[0]?.key.length === 7;
  return monthly ? { interval: 0 as const, tickFormatter: (label: string) => label.charAt(0).toUpperCase() } : {};
}

/** The frame both series charts share: caption, size, grid and the period axis; each chart adds its own axis, tooltip and bars. */
function SeriesChart({ testId, title, series, data, children }: { testId: string; title: string; series: SeriesPoint[]; data: object[]; children: ReactNode }) {
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} title={title}>
          <CartesianGrid stroke="var(--line)" vertical={false} />
          <XAxis dataKey="label" tick={AXIS} stroke="var(--line-strong)" {...axisProps(series)} />
          {children}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}

export function IncomeChart({ series, title, t, locale }: { series: SeriesPoint[]; title: string; t: Translate; locale: Locale }) {
  const data = series.map((p) => ({ label: seriesLabel(p.key, locale), received: p.incomeReceived, waiting: p.incomeWaiting }));
  return (
    <SeriesChart testId="chart-income" title={title} series={series} data={data}>
      <YAxis tick={AXIS} stroke="var(--line-strong)" tickFormatter={(v: number) => compactMoney(v, locale)} width={48} />
      <Tooltip {...TOOLTIP} formatter={(v) => formatPrice(Number(v), locale)} />
      <Legend wrapperStyle={{ color: 'var(--fg)', fontSize: 12 }} />
      <Bar dataKey="received" name={t('earnings.received')} stackId="income" fill="var(--chart-received)" isAnimationActive={false} />
      <Bar dataKey="waiting" name={t('earnings.waiting')} stackId="income" fill="var(--chart-waiting)" isAnimationActive={false} />
    </SeriesChart>
  );
}

export function HoursChart({ series, title, t, locale }: { series: SeriesPoint[]; title: string; t: Translate; locale: Locale }) {
  const data = series.map((p) => ({ label: seriesLabel(p.key, locale), hours: Math.round((p.minutesTaught / 60) * 10) / 10 }));
  return (
    <SeriesChart testId="chart-hours" title={title} series={series} data={data}>
      <YAxis tick={AXIS} stroke="var(--line-strong)" allowDecimals={false} width={36} />
      <Tooltip {...TOOLTIP} />
      <Bar dataKey="hours" name={t('earnings.hours')} fill="var(--chart-hours)" isAnimationActive={false} />
    </SeriesChart>
  );
}

export function kindLabel(kind: ClassKind, t: Translate): string {
  return kind === 'individual' ? t('earnings.kind.individual') : t('earnings.kind.group', { n: kind.slice(-1) });
}

export function KindsChart({ period, title, t }: { period: PeriodFigures; title: string; t: Translate }) {
  const data = CLASS_KINDS.map((kind) => ({ label: kindLabel(kind, t), classes: period.byKind[kind] }));
  return (
    <figure className="chart" data-testid="chart-kinds">
      <figcaption>{title}</figcaption>
      <ResponsiveContainer width="100%" height={200}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }} title={title}>
          <CartesianGrid stroke="var(--line)" horizontal={false} />
          <XAxis type="number" tick={AXIS} stroke="var(--line-strong)" allowDecimals={false} />
          <YAxis type="category" dataKey="label" tick={AXIS} stroke="var(--line-strong)" width={90} />
          <Tooltip {...TOOLTIP} />
          <Bar dataKey="classes" name={t('earnings.classesGiven')} fill="var(--chart-kinds)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
