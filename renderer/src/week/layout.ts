import type { Booking } from '../../../shared/booking';
import type { BusyBlock } from '../../../shared/calendar';
import { DAY_MINUTES, wallTime } from './zoned';

/**
 * The week's layout as a pure function: where every class and busy block
 * goes in a grid of seven day columns by hours, in the teacher's zone.
 *
 * Rules (each one is unit-tested in tests/unit/week-layout.test.ts):
 *
 * - **Wall-clock placement.** A box sits where the clock on the teacher's
 *   wall reads, in `timeZone`, never the machine's zone. Positions are
 *   minutes since the day's midnight as the clock reads them, so the 17:00
 *   line is at the same height on every day, including the days of a DST
 *   change (23 or 25 hours long).
 * - **DST days.** On a spring-forward day the skipped hour does not exist on
 *   the wall: a class 01:30 → 03:30 (one real hour) is drawn from 01:30 to
 *   03:30, as the clock reads. On a fall-back day the repeated hour is drawn
 *   once: classes in its first and second pass share the same rows and sit
 *   side by side like any overlap; a class that would end at or before the
 *   wall time it began (02:30 summer time → 02:30 winter time) is drawn with
 *   its real length from its start.
 * - **Midnight.** A class that crosses midnight is **split**: one box on each
 *   day it touches (`continuesToNextDay` on the first part,
 *   `continuesFromPreviousDay` on the next), each flagged `crossesMidnight`.
 *   Parts falling outside the week's seven days are dropped. A class ending
 *   exactly at 00:00 stays on its own day (it does not cross midnight).
 * - **Visible hours.** Boxes are clipped to [startHour, endHour) with
 *   `clippedTop` / `clippedBottom`; bookings entirely outside are counted
 *   per day in `hidden` (`fitHours` widens the range so that none are).
 * - **Overlaps.** Per day, boxes that overlap (directly or through a chain)
 *   form a cluster; each gets the first free column, `columns` is the
 *   cluster's column count, and `span` lets a box widen into free columns to
 *   its right. Busy blocks take part, so a class that clashes with another
 *   calendar event is visibly beside it.
 */

export interface HourRange {
  /** First visible hour, 0-23. */
  startHour: number;
  /** End of the visible range, 1-24, after startHour. */
  endHour: number;
}

export interface LayoutInput {
  bookings: readonly Booking[];
  busyBlocks: readonly BusyBlock[];
  /** The seven days of the week, in order (YYYY-MM-DD, in `timeZone`). */
  days: readonly string[];
  timeZone: string;
  hours: HourRange;
}

interface BoxBase {
  /** Unique per box: a split class has one box per day. */
  key: string;
  dayIndex: number;
  /** Wall-clock minutes since the day's midnight, clipped to the visible hours. */
  startMinute: number;
  endMinute: number;
  /** Fractions (0-1) of the visible range's height. */
  top: number;
  height: number;
  /** Column within its overlap cluster, counted from 0, of `columns`; spans `span` columns. */
  column: number;
  columns: number;
  span: number;
  /** The box is the part after midnight of something that began on an earlier day. */
  continuesFromPreviousDay: boolean;
  /** The box is the part before midnight of something that ends on a later day. */
  continuesToNextDay: boolean;
  /** Part of it lies before / after the visible hours. */
  clippedTop: boolean;
  clippedBottom: boolean;
}

export interface BookingBox extends BoxBase {
  kind: 'booking';
  /** Place of the class in the week's keyboard order: ties in time sit left to right in this order too. */
  rank: number;
  booking: Booking;
  /** The class runs past midnight (it is split into one box per day). */
  crossesMidnight: boolean;
  /** The first box of the class (where it starts), the one keyboard focus goes to. */
  primary: boolean;
}

export interface BusyBox extends BoxBase {
  kind: 'busy';
  block: BusyBlock;
}

export type WeekBox = BookingBox | BusyBox;

export interface WeekLayout {
  /** One list per day, in time order (the order boxes appear in the page). */
  days: WeekBox[][];
  /** Per day, bookings that lie entirely before or after the visible hours. */
  hidden: { before: number; after: number }[];
  /** Ids of the week's classes in time order, for keyboard navigation. */
  order: string[];
}

interface Segment {
  dayIndex: number;
  start: number;
  end: number;
  fromPrevious: boolean;
  toNext: boolean;
}

const MINUTE = 60_000;

/** The parts of [startMs, endMs) on each of the week's days, in wall-clock minutes. */
export function segmentsOf(startMs: number, endMs: number, dayIndex: ReadonlyMap<string, number>, timeZone: string): Segment[] {
  if (!(endMs > startMs)) return [];
  const a = wallTime(startMs, timeZone);
  const b = wallTime(endMs, timeZone);
  const realMinutes = (endMs - startMs) / MINUTE;
  const all: { day: string; start: number; end: number; fromPrevious: boolean; toNext: boolean }[] = [];
  const endsAtMidnightAfter = b.minute === 0 && b.day > a.day && nextDay(a.day) === b.day;
  if (b.day === a.day || endsAtMidnightAfter || b.day < a.day) {
    let end = endsAtMidnightAfter ? DAY_MINUTES : b.minute;
    // Fall-back day: the clock went back, so the wall end is at or before the wall start.
    if (b.day < a.day || end <= a.minute) end = Math.min(DAY_MINUTES, a.minute + realMinutes);
    all.push({ day: a.day, start: a.minute, end, fromPrevious: false, toNext: false });
  } else {
    // Crosses midnight: split by day.
    all.push({ day: a.day, start: a.minute, end: DAY_MINUTES, fromPrevious: false, toNext: true });
    let day = nextDay(a.day);
    for (let guard = 0; day < b.day && guard < 400; guard++, day = nextDay(day)) all.push({ day, start: 0, end: DAY_MINUTES, fromPrevious: true, toNext: true });
    if (b.minute > 0) all.push({ day: b.day, start: 0, end: b.minute, fromPrevious: true, toNext: false });
    else all[all.length - 1]!.toNext = false; // ends exactly at a midnight
  }
  const out: Segment[] = [];
  for (const s of all) {
    const index = dayIndex.get(s.day);
    if (index !== undefined && s.end > s.start) out.push({ dayIndex: index, start: s.start, end: s.end, fromPrevious: s.fromPrevious, toNext: s.toNext });
  }
  return out;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function dayIndexOf(days: readonly string[]): Map<string, number> {
  return new Map(days.map((day, i) => [day, i]));
}

/**
 * The visible hours: the preferred working hours, widened to whole hours so
 * that every class of the week is inside them (busy blocks do not widen it).
 */
export function fitHours(input: Omit<LayoutInput, 'hours' | 'busyBlocks'>, preferred: HourRange): HourRange {
  const index = dayIndexOf(input.days);
  let first = preferred.startHour * 60;
  let last = preferred.endHour * 60;
  for (const booking of input.bookings) {
    for (const s of segmentsOf(Date.parse(booking.startTime), Date.parse(booking.endTime), index, input.timeZone)) {
      if (s.start < first) first = s.start;
      if (s.end > last) last = s.end;
    }
  }
  return { startHour: Math.max(0, Math.floor(first / 60)), endHour: Math.min(24, Math.ceil(last / 60)) };
}

/** Page and column order: by wall start, classes before busy time, then classes in keyboard order (so left to right is the order ↑ ↓ walk). */
function compareBoxes(x: WeekBox, y: WeekBox): number {
  return (
    x.startMinute - y.startMinute ||
    (x.kind === y.kind ? 0 : x.kind === 'booking' ? -1 : 1) ||
    (x.kind === 'booking' && y.kind === 'booking' ? x.rank - y.rank : y.endMinute - x.endMinute) ||
    (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
}

/** Keyboard order: real start, longer first (as columns fill), then name and id so ties never depend on storage order. */
function compareClasses(x: Booking, y: Booking): number {
  return Date.parse(x.startTime) - Date.parse(y.startTime) || Date.parse(y.endTime) - Date.parse(x.endTime) || x.bookedBy.name.localeCompare(y.bookedBy.name) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** Columns for one day's boxes, already sorted by compareBoxes. Mutates column, columns and span. */
function assignColumns(boxes: WeekBox[]): void {
  let cluster: WeekBox[] = [];
  let columnEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    const columns = columnEnds.length;
    for (const box of cluster) {
      box.columns = columns;
      let span = 1;
      for (let c = box.column + 1; c < columns; c++) {
        const blocked = cluster.some((o) => o.column === c && o.startMinute < box.endMinute && o.endMinute > box.startMinute);
        if (blocked) break;
        span++;
      }
      box.span = span;
    }
    cluster = [];
    columnEnds = [];
    clusterEnd = -Infinity;
  };
  for (const box of boxes) {
    if (box.startMinute >= clusterEnd && cluster.length > 0) close();
    let column = columnEnds.findIndex((end) => end <= box.startMinute);
    if (column === -1) {
      column = columnEnds.length;
      columnEnds.push(box.endMinute);
    } else {
      columnEnds[column] = box.endMinute;
    }
    box.column = column;
    cluster.push(box);
    clusterEnd = Math.max(clusterEnd, box.endMinute);
  }
  if (cluster.length > 0) close();
}

export function layoutWeek(input: LayoutInput): WeekLayout {
  const { timeZone, hours } = input;
  if (!(hours.startHour >= 0 && hours.endHour <= 24 && hours.endHour > hours.startHour)) {
    throw new RangeError(`visible hours must satisfy 0 <= start < end <= 24, not ${hours.startHour}-${hours.endHour}`);
  }
  const index = dayIndexOf(input.days);
  const rangeStart = hours.startHour * 60;
  const rangeEnd = hours.endHour * 60;
  const rangeLength = rangeEnd - rangeStart;
  const days: WeekBox[][] = input.days.map(() => []);
  const hidden = input.days.map(() => ({ before: 0, after: 0 }));
  const order: string[] = [];

  const place = (segment: Segment, make: (base: BoxBase) => WeekBox | null, countHidden: boolean) => {
    if (segment.end <= rangeStart || segment.start >= rangeEnd) {
      if (countHidden) hidden[segment.dayIndex]![segment.end <= rangeStart ? 'before' : 'after']++;
      return;
    }
    const start = Math.max(segment.start, rangeStart);
    const end = Math.min(segment.end, rangeEnd);
    const box = make({
      key: '',
      dayIndex: segment.dayIndex,
      startMinute: start,
      endMinute: end,
      top: (start - rangeStart) / rangeLength,
      height: (end - start) / rangeLength,
      column: 0,
      columns: 1,
      span: 1,
      continuesFromPreviousDay: segment.fromPrevious,
      continuesToNextDay: segment.toNext,
      clippedTop: segment.start < rangeStart,
      clippedBottom: segment.end > rangeEnd,
    });
    if (box) days[segment.dayIndex]!.push(box);
  };

  for (const booking of [...input.bookings].sort(compareClasses)) {
    const segments = segmentsOf(Date.parse(booking.startTime), Date.parse(booking.endTime), index, timeZone);
    if (segments.length === 0) continue;
    const rank = order.push(booking.id) - 1;
    const crossesMidnight = segments.some((s) => s.toNext || s.fromPrevious);
    let primaryTaken = false;
    for (const segment of segments) {
      place(
        segment,
        (base) => {
          const primary = !primaryTaken;
          primaryTaken = true;
          return { ...base, key: `b:${booking.id}:${segment.dayIndex}`, kind: 'booking', booking, rank, crossesMidnight, primary };
        },
        true,
      );
    }
  }
  for (const block of input.busyBlocks) {
    for (const segment of segmentsOf(Date.parse(block.startTime), Date.parse(block.endTime), index, timeZone)) {
      place(segment, (base) => ({ ...base, key: `x:${block.eventId}:${block.startTime}:${segment.dayIndex}`, kind: 'busy', block }), false);
    }
  }
  for (const day of days) {
    day.sort(compareBoxes);
    assignColumns(day);
  }
  return { days, hidden, order };
}

/**
 * A day's share of the week's width: a day with classes side by side gets
 * twice a plain day's (so two classes in one hour stay readable), an empty
 * day less (but room for its heading), today and a DST day at least a plain one.
 */
export function dayWeight(boxes: readonly WeekBox[], isToday: boolean, hasZoneChange: boolean): number {
  let columns = 0;
  for (const box of boxes) if (box.columns > columns) columns = box.columns;
  if (columns === 0) return isToday || hasZoneChange ? 1 : 0.6;
  return columns === 1 ? 1 : Math.min(2.6, 2 + 0.3 * (columns - 2));
}

/** Where the now-line goes: the day of the week it is on in `timeZone`, and its height as a fraction; null when now is outside the week or the visible hours. */
export function nowPosition(nowMs: number, days: readonly string[], timeZone: string, hours: HourRange): { dayIndex: number; top: number; minute: number } | null {
  const wall = wallTime(nowMs, timeZone);
  const dayIndex = days.indexOf(wall.day);
  const rangeStart = hours.startHour * 60;
  const rangeEnd = hours.endHour * 60;
  if (dayIndex === -1 || wall.minute < rangeStart || wall.minute > rangeEnd) return null;
  return { dayIndex, top: (wall.minute - rangeStart) / (rangeEnd - rangeStart), minute: wall.minute };
}
