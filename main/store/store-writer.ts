import type { CalendarState } from '../../shared/calendar';
import type { Logger } from '../logger';
import type { JournalFile } from './journal-file';
import { randomBytes } from 'node:crypto';
import { encodeLine, type CalendarFields, type LineGroup } from './journal-format';
import type { StoredRow } from './row';
import { snapshotChunks } from './snapshot-format';
import { CURRENT_SCHEMA_VERSION } from './store-data';
import { writeFileAtomicChunks } from './store-file';
import { storedJson } from './store-validation';

/**
 * Everything the store writes: journal lines, snapshots, and compaction
 * (see README.md, "Replay and compaction"). The store calls append and
 * snapshot from inside its mutation queue; compaction takes the queue only
 * for two short steps and writes the snapshot outside it.
 */

/** What the store is doing on disk, for tests that must prove a kill landed inside a write. */
export type StoreTraceEvent =
  | { op: 'append'; phase: 'start' | 'end'; bytes: number }
  | { op: 'group'; phase: 'start' | 'commit' | 'aborted'; lines: number }
  | { op: 'snapshot'; phase: 'start' | 'end'; generation: number }
  | { op: 'compact'; phase: 'start' | 'snapshot-written' | 'end'; generation: number };

export interface StoreWriterOptions {
  filePath: string;
  journal: JournalFile;
  /** Of the snapshot on disk, or the newest journal line's. */
  generation: number;
  snapshotExists: boolean;
  journalLimit: number;
  log: Logger;
  trace: (event: StoreTraceEvent) => void;
  /** Runs fn in the store's mutation queue. */
  enqueue: <T>(fn: () => Promise<T> | T) => Promise<T>;
  /** The store's current rows (start order) and calendar state. */
  rows: () => readonly StoredRow[];
  calendar: () => CalendarState;
}

export interface LineParts {
  put: string[];
  del: string[];
  cal: CalendarFields | null;
  /** Every busy block, or only those that changed, or none. */
  busy: CalendarState['busyBlocks'] | { put: CalendarState['busyBlocks']; del: string[] } | null;
}

export class StoreWriter {
  /** The sync token or last sync time changed and is not on disk yet: written with the next line, snapshot or at close. */
  softDirty = false;
  private generation: number;
  private snapshotExists: boolean;
  /** Lines appended while a compaction writes its snapshot: the journal keeps only these after. */
  private linesSinceCapture: string[] | null = null;
  private compacting: Promise<void> | null = null;

  constructor(private readonly o: StoreWriterOptions) {
    this.generation = o.generation;
    this.snapshotExists = o.snapshotExists;
  }

  /**
   * The first write of a new store, and a change that is both past the
   * journal's bound and most of the store (a large import into a small
   * store), are written as a snapshot: then that is the cheaper write.
   * A large change to a larger store is appended, and folded in later.
   */
  wantsSnapshot(putBytes: number, putRows: number): boolean {
    if (this.compacting) return false;
    return !this.snapshotExists || (putBytes > this.o.journalLimit && putRows * 2 > this.o.rows().length);
  }

  /** One durable journal line. Throws the file system's error; nothing is appended then. */
  async append(parts: LineParts, group: LineGroup | null = null): Promise<void> {
    const line = encodeLine(this.generation, parts, group);
    this.o.trace({ op: 'append', phase: 'start', bytes: line.length });
    await this.o.journal.append(line);
    this.o.trace({ op: 'append', phase: 'end', bytes: line.length });
    this.linesSinceCapture?.push(line);
    if (!group || group.commit) this.softDirty = false;
  }

  /**
   * A large change as a group of lines (README "Large changes"), from inside
   * the queue: append() each part, then commit() with the last one; the
   * change exists on disk only once commit() resolved. abort() takes back
   * the lines already written (replay would skip them anyway).
   */
  group(): { append(parts: LineParts): Promise<void>; commit(parts: LineParts): Promise<void>; abort(): Promise<void> } {
    const tx = randomBytes(6).toString('hex');
    const startSize = this.o.journal.size;
    const sinceCapture = this.linesSinceCapture?.length ?? null;
    let lines = 0;
    this.o.trace({ op: 'group', phase: 'start', lines: 0 });
    return {
      append: async (parts) => {
        await this.append(parts, { tx, commit: false });
        lines++;
      },
      commit: async (parts) => {
        await this.append(parts, { tx, commit: true });
        this.o.trace({ op: 'group', phase: 'commit', lines: lines + 1 });
      },
      abort: async () => {
        if (sinceCapture !== null) this.linesSinceCapture?.splice(sinceCapture);
        if (this.o.journal.size > startSize) {
          await this.o.journal.truncate(startSize).catch((error: unknown) => this.o.log.warn('could not take back an unfinished large change from the journal; load skips it', { error: String(error) }));
        }
        this.o.trace({ op: 'group', phase: 'aborted', lines });
      },
    };
  }

  /** A snapshot of the current state (or of `rows`, the state a large change is about to give), written from inside the queue: nothing runs beside it. */
  async snapshot(trimJournal = true, rows: readonly StoredRow[] = this.o.rows(), calendar: CalendarState = this.o.calendar()): Promise<void> {
    const generation = this.generation + 1;
    this.o.trace({ op: 'snapshot', phase: 'start', generation });
    await this.write(rows, calendar, generation);
    this.generation = generation;
    this.snapshotExists = true;
    this.softDirty = false;
    if (trimJournal && this.o.journal.size > 0) await this.o.journal.replace('');
    this.o.trace({ op: 'snapshot', phase: 'end', generation });
  }

  /** Starts a compaction in the background once the journal passed its bound. */
  compactIfDue(): void {
    if (this.o.journal.size > this.o.journalLimit) {
      this.compact().catch((error: unknown) => this.o.log.error('compacting the bookings journal failed', { error: String(error) }));
    }
  }

  /** Folds the journal into a new snapshot; joins one already running. */
  compact(): Promise<void> {
    this.compacting ??= this.runCompaction().finally(() => {
      this.compacting = null;
    });
    return this.compacting;
  }

  /** At quit: waits for a running compaction, then folds what is left. */
  async close(): Promise<void> {
    await this.compacting;
    await this.compact().catch((error: unknown) => this.o.log.warn('could not compact the bookings journal at close', { error: String(error) }));
    await this.o.journal.close();
  }

  private async runCompaction(): Promise<void> {
    const { enqueue, journal, trace, log } = this.o;
    // 1. In the queue, for an instant: a new generation, and the state to write.
    const captured = await enqueue(() => {
      if (this.snapshotExists && journal.size === 0 && !this.softDirty) return null;
      this.generation += 1;
      this.linesSinceCapture = [];
      this.softDirty = false;
      return { rows: this.o.rows().slice(), calendar: this.o.calendar(), generation: this.generation };
    });
    if (!captured) return;
    trace({ op: 'compact', phase: 'start', generation: captured.generation });
    // 2. Outside the queue: clicks keep appending (with the new generation) meanwhile.
    try {
      await this.write(captured.rows, captured.calendar, captured.generation);
    } catch (error) {
      log.error('compacting the bookings journal failed; it keeps growing until the next try', { error: (error as Error).message });
      await enqueue(() => {
        this.linesSinceCapture = null;
        this.softDirty = true;
      });
      return;
    }
    trace({ op: 'compact', phase: 'snapshot-written', generation: captured.generation });
    // 3. In the queue: the journal keeps only the lines written since step 1.
    await enqueue(async () => {
      const keep = (this.linesSinceCapture ?? []).join('');
      this.linesSinceCapture = null;
      this.snapshotExists = true;
      try {
        await journal.replace(keep);
      } catch (error) {
        // The older lines stay; load skips them (their generation is older than the snapshot's).
        log.warn('could not trim the bookings journal after a compaction', { error: (error as Error).message });
      }
    });
    trace({ op: 'compact', phase: 'end', generation: captured.generation });
  }

  private async write(rows: readonly StoredRow[], calendar: CalendarState, generation: number): Promise<void> {
    await writeFileAtomicChunks(
      this.o.filePath,
      snapshotChunks(
        { schemaVersion: CURRENT_SCHEMA_VERSION, generation, calendar },
        { length: rows.length, key: (i) => rows[i]!.key, json: (i) => rows[i]!.json(storedJson) },
      ),
    );
  }
}
