/**
 * Read-side lookups over the stored bookings, updated in place on each
 * committed change (never rebuilt). A row knows a booking's keys before the
 * booking itself is parsed: rows of a trusted snapshot carry only their JSON
 * line until something asks for the booking (see row.ts).
 */

export interface Row {
  readonly id: string;
  /** Start and end as instants: bookings may carry different offsets, so their strings do not sort by time. */
  readonly start: number;
  readonly end: number;
  readonly eventId: string | null;
  readonly preferenceId: string | null;
}

/** By start instant, then id, so the order is total and stable. */
export function compareRows(a: Row, b: Row): number {
  return a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** From this many rows on, insertMany and removeMany rebuild the order in one pass. */
const BULK = 64;

export class BookingIndex<R extends Row> {
  private sorted: R[];
  readonly byId = new Map<string, R>();
  readonly byEventId = new Map<string, R>();
  /** preferenceId is not unique on the platform: every row that holds one, earliest first. */
  private readonly byPreferenceId = new Map<string, R[]>();
  /** The longest booking seen: how far before `from` an overlapping booking can start. */
  private maxSpan = 0;

  constructor(rows: R[]) {
    let ordered = true;
    for (let i = 1; i < rows.length && ordered; i++) ordered = compareRows(rows[i - 1]!, rows[i]!) < 0;
    this.sorted = ordered ? rows : [...rows].sort(compareRows);
    for (const row of this.sorted) this.addKeys(row);
  }

  get size(): number {
    return this.sorted.length;
  }

  /** Every row, in start order. Do not change the array. */
  rows(): readonly R[] {
    return this.sorted;
  }

  earliestWithPreference(preferenceId: string): R | undefined {
    return this.byPreferenceId.get(preferenceId)?.[0];
  }

  insert(row: R): void {
    this.sorted.splice(this.lowerBound(row), 0, row);
    this.addKeys(row);
  }

  /** Many rows at once (an import): one merge instead of a splice each, so it stays linear. */
  insertMany(rows: readonly R[]): void {
    if (rows.length < BULK) {
      for (const row of rows) this.insert(row);
      return;
    }
    const added = [...rows].sort(compareRows);
    const merged: R[] = new Array<R>(this.sorted.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length && j < added.length) merged[k++] = compareRows(this.sorted[i]!, added[j]!) <= 0 ? this.sorted[i++]! : added[j++]!;
    while (i < this.sorted.length) merged[k++] = this.sorted[i++]!;
    while (j < added.length) merged[k++] = added[j++]!;
    this.sorted = merged;
    for (const row of added) this.addKeys(row);
  }

  /** Many rows at once: one pass instead of a splice each. */
  removeMany(rows: readonly R[]): void {
    if (rows.length < BULK) {
      for (const row of rows) this.remove(row);
      return;
    }
    const gone = new Set(rows);
    this.sorted = this.sorted.filter((row) => !gone.has(row));
    for (const row of rows) this.removeKeys(row);
  }

  remove(row: R): void {
    const at = this.lowerBound(row);
    if (this.sorted[at] !== row) throw new Error(`index out of step: booking ${row.id} is not where it should be`);
    this.sorted.splice(at, 1);
    this.removeKeys(row);
  }

  private removeKeys(row: R): void {
    this.byId.delete(row.id);
    if (row.eventId !== null && this.byEventId.get(row.eventId) === row) this.byEventId.delete(row.eventId);
    if (row.preferenceId !== null) {
      const list = this.byPreferenceId.get(row.preferenceId) ?? [];
      const rest = list.filter((r) => r !== row);
      if (rest.length) this.byPreferenceId.set(row.preferenceId, rest);
      else this.byPreferenceId.delete(row.preferenceId);
    }
  }

  /** Rows overlapping [from, to), in start order: a binary search, then only the rows that can overlap. */
  overlapping(from: number, to: number): R[] {
    const out: R[] = [];
    let i = this.firstStartingAtOrAfter(from - this.maxSpan);
    for (; i < this.sorted.length; i++) {
      const row = this.sorted[i]!;
      if (row.start >= to) break;
      if (row.end > from) out.push(row);
    }
    return out;
  }

  private addKeys(row: R): void {
    this.byId.set(row.id, row);
    if (row.eventId !== null) this.byEventId.set(row.eventId, row);
    if (row.preferenceId !== null) {
      const list = this.byPreferenceId.get(row.preferenceId);
      if (!list) this.byPreferenceId.set(row.preferenceId, [row]);
      else {
        list.push(row);
        if (list.length > 1) list.sort(compareRows);
      }
    }
    if (row.end - row.start > this.maxSpan) this.maxSpan = row.end - row.start;
  }

  private lowerBound(row: Row): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareRows(this.sorted[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstStartingAtOrAfter(instant: number): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sorted[mid]!.start < instant) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
