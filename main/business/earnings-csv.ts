import type { Earnings, PeriodFigures } from '../../shared/business/earnings';
import { CLASS_KINDS } from '../../shared/business/earnings';
import { writeCsv } from '../import/csv';

/**
 * The figures the earnings view shows, as CSV in the teacher's language:
 * one row per period (week, month, year) and per point of the weekly and
 * monthly series. Amounts in whole pesos and hours with a decimal point,
 * so any spreadsheet reads them as numbers.
 */

const HEADERS = {
  es: ['periodo', 'desde', 'hasta', 'clases dadas', 'horas', 'alumnos', 'canceladas', 'cobrado ARS', 'por cobrar ARS', 'individuales', 'grupo de 2', 'grupo de 3', 'grupo de 4', 'grupo de 5'],
  en: ['period', 'from', 'to', 'classes given', 'hours', 'students', 'cancelled', 'received ARS', 'waiting ARS', 'individual', 'group of 2', 'group of 3', 'group of 4', 'group of 5'],
} as const;
const NAMES = {
  es: { week: 'semana', month: 'mes', year: 'año', byWeek: 'semana', byMonth: 'mes' },
  en: { week: 'week', month: 'month', year: 'year', byWeek: 'week', byMonth: 'month' },
} as const;

const hours = (minutes: number) => (Math.round((minutes / 60) * 100) / 100).toString();

export function earningsToCsv(earnings: Earnings, locale: 'es' | 'en'): string {
  const names = NAMES[locale];
  const period = (name: string, p: PeriodFigures) => [name, p.from, p.to, String(p.classesGiven), hours(p.minutesTaught), String(p.studentsTaught), String(p.cancelled), String(p.incomeReceived), String(p.incomeWaiting), ...CLASS_KINDS.map((k) => String(p.byKind[k]))];
  const rows: string[][] = [[...HEADERS[locale]], period(names.week, earnings.week), period(names.month, earnings.month), period(names.year, earnings.year)];
  for (const [name, series] of [[names.byWeek, earnings.byWeek], [names.byMonth, earnings.byMonth]] as const) {
    for (const point of series) rows.push([name, point.key, '', String(point.classesGiven), hours(point.minutesTaught), '', '', String(point.incomeReceived), String(point.incomeWaiting), '', '', '', '', '']);
  }
  return '\uFEFF' + writeCsv(rows);
}
