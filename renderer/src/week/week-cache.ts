import type { ReplyOf } from '../../../shared/ipc/contract';
import type { IpcError, Result } from '../../../shared/ipc/errors';
import type { Booking } from '../../../shared/booking';
import { shiftWeek } from '../../../shared/week-range';

export type WeekReply = ReplyOf<'listWeek'>;
export type LoadWeek = (day: string) => Promise<Result<WeekReply>>;

interface Entry {
  reply?: WeekReply;
  settled: Promise<IpcError | null>;
}

/**
 * The weeks around the one on screen, keyed by their first day, so that a
 * switch to the previous or next week needs no round trip to main.
 *
 * Correctness over speed: when main says bookings changed, every cached
 * week is dropped (never shown stale) and a request still in flight from
 * before the change is discarded when it lands (generation check); only the
 * week on screen stays on screen until its fresh copy arrives, as before.
 * Plain TS with the loader injected, so it is tested in Node.
 */
export class WeekCache {
  private entries = new Map<string, Entry>();
  private current: string | null = null;
  /** The request for today's week sent before the zone was known (openToday), until it lands. */
  private opening: Promise<void> | null = null;
  private opened = false;
  private lastShown: WeekReply | null = null;
  private listeners = new Set<() => void>();
  private version = 0;
  /** Bumped by every invalidation; a reply asked for under an older one is thrown away. */
  generation = 0;

  constructor(
    private readonly load: LoadWeek,
    /** Weeks kept ready either side of the one on screen (0: fetch after the click, as before prefetching). */
    private readonly neighbours: number,
    /** When to ask for the neighbours: the app waits for idle time, so the week asked for is painted first. */
    private readonly later: (task: () => void) => void = (task) => task(),
  ) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;

  private notify(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  /** The week starting `start` if it is ready, else the week last shown (kept on screen while the next one loads). */
  view(start: string | null): WeekReply | null {
    const ready = start ? this.entries.get(start)?.reply : undefined;
    if (ready) this.lastShown = ready;
    return ready ?? this.lastShown;
  }

  /** The weeks either side of `start` that are ready (fetched, not invalidated since), nearest first: what the grid draws ahead. */
  ready(start: string): WeekReply[] {
    const out: WeekReply[] = [];
    for (let d = 1; d <= this.neighbours; d++) {
      for (const key of [shiftWeek(start, d), shiftWeek(start, -d)]) {
        const reply = this.entries.get(key)?.reply;
        if (reply) out.push(reply);
      }
    }
    return out;
  }

  /** Is the week starting `start` ready (fetched, not invalidated since)? */
  has(start: string): boolean {
    return this.entries.get(start)?.reply !== undefined;
  }

  /**
   * The teacher is on the week starting `start`: load it (one request however
   * often asked), then its neighbours, and forget weeks further away.
   * Resolves to the error of loading that week, or null.
   */
  async show(start: string): Promise<IpcError | null> {
    this.current = start;
    this.evictAround(start);
    const error = await this.ensure(start);
    if (error || this.current !== start || this.neighbours === 0) return error;
    this.later(() => {
      if (this.current !== start) return;
      for (let d = 1; d <= this.neighbours; d++) {
        void this.ensure(shiftWeek(start, d));
        void this.ensure(shiftWeek(start, -d));
      }
    });
    return null;
  }

  /** Main said bookings changed: nothing cached is trusted any more. */
  invalidate = (): void => {
    this.generation++;
    this.entries.clear();
    this.notify();
  };

  /** A class changed here (confirm, cancel…): show the change at once wherever it is cached; main's bookingsChanged refreshes for real. */
  patch = (updated: Booking): void => {
    const replace = (reply: WeekReply): WeekReply =>
      reply.bookings.some((b) => b.id === updated.id) ? { ...reply, bookings: reply.bookings.map((b) => (b.id === updated.id ? updated : b)) } : reply;
    for (const entry of this.entries.values()) if (entry.reply) entry.reply = replace(entry.reply);
    if (this.lastShown) this.lastShown = replace(this.lastShown);
    this.notify();
  };

  /**
   * Asks main for the week holding today before the page knows the teacher's
   * zone (main does): at start, this week and the settings are fetched at
   * once, not one after the other. The first show() waits for this answer
   * before asking for its week, and uses it if it is that week.
   */
  openToday(loadToday: () => Promise<Result<WeekReply>>): void {
    if (this.opened) return;
    this.opened = true;
    const generation = this.generation;
    this.opening = loadToday()
      .then((reply) => {
        if (!reply.ok || generation !== this.generation) return;
        const start = reply.value.week.start;
        if (this.entries.has(start)) return;
        this.entries.set(start, { reply: reply.value, settled: Promise.resolve(null) });
        if (start === this.current) this.notify();
      })
      .catch(() => undefined) // show() asks again and reports the error.
      .finally(() => {
        this.opening = null;
      });
  }

  /** The week holding today, already in hand at start (asked for before the page's script had run): what openToday would have fetched. */
  seedToday(reply: WeekReply): void {
    if (this.opened) return;
    this.opened = true;
    this.entries.set(reply.week.start, { reply, settled: Promise.resolve(null) });
    this.notify();
  }

  private async ensure(start: string): Promise<IpcError | null> {
    if (this.opening && !this.entries.has(start)) await this.opening;
    const have = this.entries.get(start);
    if (have) return have.settled;
    const generation = this.generation;
    const entry: Entry = {
      settled: this.load(start)
        .catch((error: unknown): Result<WeekReply> => ({ ok: false, error: { code: 'INTERNAL', message: (error as Error).message } }))
        .then((reply) => {
          // Asked before a change (or evicted since): a newer request answers for this week.
          if (generation !== this.generation || this.entries.get(start) !== entry) return null;
          if (!reply.ok) {
            this.entries.delete(start);
            return reply.error;
          }
          entry.reply = reply.value;
          // The week on screen, or a neighbour the grid now draws ahead (WeekGrid's panes).
          this.notify();
          return null;
        }),
    };
    this.entries.set(start, entry);
    return entry.settled;
  }

  /** Keeps the week on screen and `neighbours` + 1 either side (room for a quick back and forth). */
  private evictAround(start: string): void {
    const reach = this.neighbours + 1;
    const keep = new Set<string>([start]);
    for (let d = 1; d <= reach; d++) keep.add(shiftWeek(start, d)).add(shiftWeek(start, -d));
    for (const key of this.entries.keys()) if (!keep.has(key)) this.entries.delete(key);
  }
}
