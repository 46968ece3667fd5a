import type { Booking } from '../booking';
import { dateOfDay, dayNumber, dayOfDate, firstDayOfMonth, monthIndex, monthKey, weekStartDay } from './local-days';

/**
 * The teacher's figures for a week, a month and a year in the teacher's
 * zone, and series of income and hours per week and per month, from the
 * bookings alone (offline), in one pass over them.
 *
 * What counts, honestly from what the desk knows:
 * - a class is *given* when it is scheduled or completed and has ended;
 *   hours are those classes' own lengths; students are the distinct people
 *   (the host and the participants the desk can tell apart) of those classes;
 * - *cancelled* are the period's cancelled classes;
 * - income is by the class's day: *received* what was paid (its amount, else
 *   the class price), *waiting* what waits on MercadoPago; cancelled classes
 *   and unknown payments count in neither;
 * - no-shows are not counted: neither the platform nor the desk records
 *   whether a student came (the platform never writes `completed`), so any
 *   figure would be a guess.
 */

export const CLASS_KINDS = ['individual', 'group-2', 'group-3', 'group-4', 'group-5'] as const;
export type ClassKind = (typeof CLASS_KINDS)[number];

export interface PeriodFigures {
  /** First day (YYYY-MM-DD) and the day after the last, in the teacher's zone. */
  from: string;
  to: string;
  classesGiven: number;
  minutesTaught: number;
  studentsTaught: number;
  cancelled: number;
  /** ARS. */
  incomeReceived: number;
  incomeWaiting: number;
  /** Classes given, by kind (individual, or group by its size). */
  byKind: Record<ClassKind, number>;
}

export interface SeriesPoint {
  /** The week's first day (YYYY-MM-DD) or the month (YYYY-MM). */
  key: string;
  incomeReceived: number;
  incomeWaiting: number;
  minutesTaught: number;
  classesGiven: number;
}

export interface Earnings {
  week: PeriodFigures;
  month: PeriodFigures;
  year: PeriodFigures;
  /** The `weeks` weeks that end with the anchor's week, oldest first. */
  byWeek: SeriesPoint[];
  /** The twelve months of the anchor's year. */
  byMonth: SeriesPoint[];
}

export interface EarningsOptions {
  timeZone: string;
  weekStartsOn: 0 | 1;
  /** Now, in ms: classes that have not ended are not given yet. */
  now: number;
  /** A day (YYYY-MM-DD) of the week, month and year to show. */
  anchor: string;
  /** How many weeks the weekly series holds; 12. */
  weeks?: number;
}

export function classKind(b: Pick<Booking, 'classType' | 'maxParticipants'>): ClassKind {
  return b.classType === 'individual' ? 'individual' : (`group-${Math.min(5, Math.max(2, b.maxParticipants))}` as ClassKind);
}

/** What the class brings in, or null when its payment is unknown or rejected. */
export function classIncome(b: Pick<Booking, 'status' | 'payment' | 'classPrice'>): { state: 'paid' | 'waiting'; amount: number } | null {
  if (b.status === 'cancelled' || !b.payment || b.payment.state === 'rejected') return null;
  return { state: b.payment.state, amount: b.payment.amount ?? b.classPrice };
}

function emptyKinds(): Record<ClassKind, number> {
  return { individual: 0, 'group-2': 0, 'group-3': 0, 'group-4': 0, 'group-5': 0 };
}

class Period {
  readonly figures: PeriodFigures;
  readonly people = new Set<string>();
  constructor(
    readonly fromDay: number,
    readonly toDay: number,
  ) {
    this.figures = { from: dateOfDay(fromDay), to: dateOfDay(toDay), classesGiven: 0, minutesTaught: 0, studentsTaught: 0, cancelled: 0, incomeReceived: 0, incomeWaiting: 0, byKind: emptyKinds() };
  }
  holds(day: number): boolean {
    return day >= this.fromDay && day < this.toDay;
  }
}

function emptyPoint(key: string): SeriesPoint {
  return { key, incomeReceived: 0, incomeWaiting: 0, minutesTaught: 0, classesGiven: 0 };
}

/** The people of a class the desk can tell apart: by e-mail, else by platform user id. */
export function peopleOf(b: Pick<Booking, 'bookedBy' | 'participants'>): string[] {
  const keys = [b.bookedBy.email.toLowerCase()];
  for (const p of b.participants) {
    const key = p.email ? p.email.toLowerCase() : p.platformUserId ? `user:${p.platformUserId}` : null;
    if (key && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

export function computeEarnings(bookings: Iterable<Booking>, options: EarningsOptions): Earnings {
  const { timeZone, weekStartsOn, now } = options;
  const anchor = dayOfDate(options.anchor);
  const weekFrom = weekStartDay(anchor, weekStartsOn);
  const month = monthIndex(anchor);
  const year = Math.floor(month / 12);
  const periods = [
    new Period(weekFrom, weekFrom + 7),
    new Period(firstDayOfMonth(month), firstDayOfMonth(month + 1)),
    new Period(firstDayOfMonth(year * 12), firstDayOfMonth(year * 12 + 12)),
  ] as const;
  const weeks = options.weeks ?? 12;
  const firstWeek = weekFrom - (weeks - 1) * 7;
  const byWeek = Array.from({ length: weeks }, (_, i) => emptyPoint(dateOfDay(firstWeek + i * 7)));
  const byMonth = Array.from({ length: 12 }, (_, i) => emptyPoint(monthKey(year * 12 + i)));
  const yearFrom = periods[2].fromDay;
  const yearTo = periods[2].toDay;

  for (const b of bookings) {
    const start = Date.parse(b.startTime);
    const day = dayNumber(start, timeZone);
    const inWeeks = day >= firstWeek && day < weekFrom + 7;
    const inYear = day >= yearFrom && day < yearTo;
    if (!inWeeks && !inYear) continue;
    const end = Date.parse(b.endTime);
    const given = (b.status === 'scheduled' || b.status === 'completed') && end <= now;
    const minutes = given ? Math.round((end - start) / 60_000) : 0;
    const income = classIncome(b);
    const points: SeriesPoint[] = [];
    if (inWeeks) points.push(byWeek[Math.floor((day - firstWeek) / 7)] as SeriesPoint);
    if (inYear) points.push(byMonth[monthIndex(day) - year * 12] as SeriesPoint);
    for (const point of points) {
      if (given) {
        point.classesGiven++;
        point.minutesTaught += minutes;
      }
      if (income?.state === 'paid') point.incomeReceived += income.amount;
      else if (income) point.incomeWaiting += income.amount;
    }
    for (const period of periods) {
      if (!period.holds(day)) continue;
      const f = period.figures;
      if (b.status === 'cancelled') f.cancelled++;
      if (given) {
        f.classesGiven++;
        f.minutesTaught += minutes;
        f.byKind[classKind(b)]++;
        for (const person of peopleOf(b)) period.people.add(person);
      }
      if (income?.state === 'paid') f.incomeReceived += income.amount;
      else if (income) f.incomeWaiting += income.amount;
    }
  }
  for (const period of periods) period.figures.studentsTaught = period.people.size;
  return { week: periods[0].figures, month: periods[1].figures, year: periods[2].figures, byWeek, byMonth };
}
