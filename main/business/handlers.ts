import { computeEarnings } from '../../shared/business/earnings';
import { dateOfDay, dayOfDate, firstDayOfMonth, monthIndex, weekStartDay } from '../../shared/business/local-days';
import { toConfirmQueue } from '../../shared/business/queue';
import { buildStudents, studentClasses, type StudentSummary } from '../../shared/business/students';
import { AppError } from '../../shared/ipc/errors';
import type { Settings } from '../../shared/settings';
import { startOfLocalDay } from '../../shared/week';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { SaveFile } from '../export/save-file';
import type { Handlers } from '../ipc/dispatch';
import type { Logger } from '../logger';
import type { BookingStore } from '../store/booking-store';
import { earningsToCsv } from './earnings-csv';

/**
 * The business views, all from the local store (they work offline): the
 * To-confirm queue, the earnings of a week / month / year, the students.
 * Earnings read only the bookings of the year and the weeks shown.
 */

export type BusinessMethods = 'listToConfirm' | 'getEarnings' | 'exportEarnings' | 'listStudents' | 'getStudent' | 'copyStudentEmail';

export interface BusinessDeps {
  /** all(): the stored bookings without copies (these views only read); version(): what the students' list is kept by. */
  store: Pick<BookingStore, 'all' | 'version' | 'inRange'>;
  settings: { get(): Settings };
  clock: Clock;
  log: Logger;
  saveFile: SaveFile;
  writeClipboard(text: string): Promise<void>;
  /** The core's events: the students' list is kept until main says bookings changed. */
  events?: Pick<EventBus, 'subscribe'>;
}

const WEEKS = 12;

export function earningsFor(deps: Pick<BusinessDeps, 'store' | 'settings' | 'clock'>, anchor: string) {
  const { timeZone, weekStartsOn } = deps.settings.get();
  const day = dayOfDate(anchor);
  const year = Math.floor(monthIndex(day) / 12);
  const from = Math.min(firstDayOfMonth(year * 12), weekStartDay(day, weekStartsOn) - (WEEKS - 1) * 7);
  const to = Math.max(firstDayOfMonth(year * 12 + 12), weekStartDay(day, weekStartsOn) + 7);
  // A day's margin either side: the zone's day and the UTC day differ by hours.
  const bookings = deps.store.inRange(startOfLocalDay(dateOfDay(from - 1), timeZone).toISOString(), startOfLocalDay(dateOfDay(to + 1), timeZone).toISOString());
  return { timeZone, ...computeEarnings(bookings, { timeZone, weekStartsOn, now: deps.clock().getTime(), anchor, weeks: WEEKS }) };
}

export function businessHandlers(deps: BusinessDeps): Pick<Handlers, BusinessMethods> {
  const { store, settings, clock, log } = deps;
  // Building the students reads every booking; reopening the view or a student should not. The list holds until
  // the store's bookings change (its version; main's bookingsChanged drops it too) or a student's next class starts.
  let cached: { students: StudentSummary[]; validUntil: number; version: number } | null = null;
  deps.events?.subscribe((event) => {
    if (event === 'bookingsChanged') cached = null;
  });
  const students = (now: number): StudentSummary[] => {
    const version = store.version();
    if (cached && cached.version === version && now < cached.validUntil) return cached.students;
    const built = buildStudents(store.all(), now);
    let validUntil = Infinity;
    for (const s of built) if (s.next !== null) validUntil = Math.min(validUntil, Date.parse(s.next));
    cached = { students: built, validUntil, version };
    return built;
  };
  const studentOf = (key: string, now: number): StudentSummary => {
    const student = students(now).find((s) => s.key === key);
    if (!student) throw new AppError('NOT_FOUND', 'No student with that e-mail is in Teacher Desk.');
    return student;
  };
  return {
    listToConfirm: () => ({ items: toConfirmQueue(store.all(), clock().getTime(), settings.get().staleRules) }),
    getEarnings: ({ anchor }) => earningsFor(deps, anchor),
    async exportEarnings({ anchor, locale }) {
      const savedTo = await deps.saveFile(`teacher-desk-earnings-${anchor}.csv`, earningsToCsv(earningsFor(deps, anchor), locale));
      log.info('earnings exported', { anchor });
      return { savedTo };
    },
    listStudents: () => ({ students: students(clock().getTime()) }),
    getStudent({ key }) {
      const now = clock().getTime();
      return { student: studentOf(key, now), ...studentClasses(store.all(), key, now) };
    },
    async copyStudentEmail({ key }) {
      await deps.writeClipboard(studentOf(key, clock().getTime()).email);
      return { copied: true as const };
    },
  };
}
