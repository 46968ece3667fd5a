import { EMPTY_CALENDAR_STATE, type CalendarState } from '../../shared/calendar';
import type { Notice } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/errors';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { BookingIndex } from './booking-index';
import { decodeJournal, type JournalEntry, type JournalRead } from './journal-format';
import { fileVersion, migrateToCurrent } from './migrations';
import { StoredRow } from './row';
import { applyBusyDiff } from './store-diff';
import { readTrustedSnapshot } from './snapshot-format';
import { CURRENT_SCHEMA_VERSION, type StoreData } from './store-data';
import { copyAside, fileStamp, moveAside, readBytes } from './store-file';
import { decodeJsonObject, UnreadableStoreError } from './store-json';
import { freezeCalendar, StoreDataError, toCalendarState, toStoredBookings, trustedBooking } from './store-validation';

export function emptyStoreData(): StoreData {
  return { schemaVersion: CURRENT_SCHEMA_VERSION, bookings: [], calendar: { ...EMPTY_CALENDAR_STATE, busyBlocks: [] } };
}

export interface LoadContext {
  filePath: string;
  journalPath: string;
  clock: Clock;
  log: Logger;
  notices: Notice[];
}

/** What the store starts from: snapshot + journal replayed. */
export interface LoadedState {
  index: BookingIndex<StoredRow>;
  calendar: CalendarState;
  /** The generation the snapshot on disk has (0: none yet, or written before generations). */
  snapshotGeneration: number;
  /** The generation new journal lines carry: the newest seen. */
  generation: number;
  snapshotExists: boolean;
  /** Bytes of intact journal on disk (0 when there is none). */
  journalSize: number;
  /** Write a snapshot before anything else: the file was upgraded, edited outside the app, or the journal lost its tail to damage. */
  rewrite: 'upgrade' | 'untrusted' | null;
  /** The journal's tail was torn: cut the file back to this many bytes before appending. */
  truncateJournalTo: number | null;
  /** A journal with damage in it, to keep aside once the state it still proved is in a new snapshot. */
  damagedJournal: { line: number; reason: string } | null;
}

type Base = { rows: StoredRow[]; calendar: CalendarState; generation: number; exists: boolean; rewrite: LoadedState['rewrite'] };

const emptyBase = (): Base => ({ rows: [], calendar: freezeCalendar({ ...EMPTY_CALENDAR_STATE, busyBlocks: [] }), generation: 0, exists: false, rewrite: null });

/** The bookings file is never overwritten when it cannot be used: it is moved aside, byte for byte, with its journal, and the teacher is told. */
async function setAside(ctx: LoadContext, kind: Notice['kind'], name: string, explain: (keptAs: string) => string): Promise<Base> {
  let keptAs: string;
  let journalKeptAs: string | null = null;
  try {
    keptAs = await moveAside(ctx.filePath, `${name}-${fileStamp(ctx.clock())}`);
    // The journal's lines extend that file and mean nothing without it.
    if ((await readBytes(ctx.journalPath)) !== null) journalKeptAs = await moveAside(ctx.journalPath, `${name.replace('bookings', 'bookings-journal')}-${fileStamp(ctx.clock())}`, '.ndjson');
  } catch (error) {
    // Starting empty would overwrite the file at the first save: refuse to start instead.
    throw new AppError('STORE_ERROR', `${explain(ctx.filePath)} Moving it aside failed too (${(error as Error).message}), so Teacher Desk stopped rather than risk overwriting it.`, { cause: error });
  }
  const message = explain(keptAs) + (journalKeptAs ? ` The record of recent changes that belongs to it was kept unchanged as ${journalKeptAs}.` : '');
  ctx.notices.push({ kind, message, keptAs });
  ctx.log.warn('bookings file kept aside', { kind, keptAs, journalKeptAs, message });
  return emptyBase();
}

function damaged(ctx: LoadContext, reason: string): Promise<Base> {
  const empty = /empty \(0 bytes\)|only blank space/.test(reason);
  return setAside(ctx, 'store-damaged', 'bookings.damaged', (keptAs) =>
    `The bookings file could not be read because ${reason}. It was kept unchanged as ${keptAs}, and Teacher Desk started with no bookings.` +
    (empty ? ' The file held no bookings, so none were lost.' : ''),
  );
}

function newer(ctx: LoadContext, version: number): Promise<Base> {
  return setAside(ctx, 'store-newer-version', `bookings.v${version}-newer`, (keptAs) =>
    `The bookings file was written by a newer Teacher Desk (file version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}). ` +
    `It was kept unchanged as ${keptAs}, and Teacher Desk started with no bookings. To see them again, update Teacher Desk and put that file back as bookings.json.`,
  );
}

function validated(raw: Record<string, unknown>): { rows: StoredRow[]; calendar: CalendarState } {
  return { rows: toStoredBookings(raw.bookings).map(StoredRow.of), calendar: freezeCalendar(toCalendarState(raw.calendar)) };
}

const generationOf = (raw: Record<string, unknown>) => (Number.isSafeInteger(raw.generation) && (raw.generation as number) >= 0 ? (raw.generation as number) : 0);

/** A file the store cannot prove it wrote: parsed, version-checked, migrated and validated whole (today's rules). */
async function loadUntrusted(ctx: LoadContext, bytes: Buffer): Promise<Base> {
  let raw: Record<string, unknown>;
  try {
    raw = decodeJsonObject(bytes);
  } catch (error) {
    if (error instanceof UnreadableStoreError) return damaged(ctx, error.reason);
    throw error;
  }
  const version = fileVersion(raw);
  if (version === undefined) return damaged(ctx, 'it is not a Teacher Desk bookings file (it has no valid schemaVersion)');
  if (version > CURRENT_SCHEMA_VERSION) return newer(ctx, version);

  if (version === CURRENT_SCHEMA_VERSION) {
    try {
      return { ...validated(raw), generation: generationOf(raw), exists: true, rewrite: 'untrusted' };
    } catch (error) {
      if (error instanceof StoreDataError) return damaged(ctx, `it holds data Teacher Desk cannot accept (${error.message})`);
      throw error;
    }
  }

  const migrated = migrateToCurrent(raw, version);
  let data: { rows: StoredRow[]; calendar: CalendarState };
  try {
    data = validated(migrated.data);
  } catch (error) {
    if (error instanceof StoreDataError) {
      return damaged(ctx, `it is a version ${version} file holding data Teacher Desk cannot accept even after upgrading it (${error.message})`);
    }
    throw error;
  }
  const backup = await copyAside(ctx.filePath, `bookings.v${version}-backup-${fileStamp(ctx.clock())}`);
  for (const note of migrated.notes) ctx.log.warn('bookings file upgrade', { note });
  ctx.log.info('bookings file upgraded', { from: version, to: CURRENT_SCHEMA_VERSION, steps: migrated.steps, backup, bookings: data.rows.length });
  return { ...data, generation: 0, exists: true, rewrite: 'upgrade' };
}

async function loadSnapshot(ctx: LoadContext): Promise<Base> {
  let bytes: Buffer | null;
  try {
    bytes = await readBytes(ctx.filePath);
  } catch (error) {
    return damaged(ctx, `the system refused to read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (bytes === null) return emptyBase(); // no file yet
  const trusted = readTrustedSnapshot(bytes);
  if (!trusted || trusted.header.schemaVersion !== CURRENT_SCHEMA_VERSION) return loadUntrusted(ctx, bytes);
  // Written by the store and intact: rows stay unparsed until asked for.
  const rows = trusted.keys.map((key, i) => StoredRow.lazy(key, trusted.bytes, trusted.starts[i]!, trusted.ends[i]!));
  return { rows, calendar: freezeCalendar(trusted.header.calendar), generation: trusted.header.generation, exists: true, rewrite: null };
}

function applyEntry(index: BookingIndex<StoredRow>, cal: CalendarState, entry: JournalEntry): CalendarState {
  for (const id of entry.del ?? []) {
    const row = index.byId.get(id);
    if (row) index.remove(row);
  }
  const puts = entry.put ?? [];
  const olds: StoredRow[] = [];
  for (const put of puts) {
    const old = index.byId.get(put.id);
    if (old) olds.push(old);
  }
  // A group's line carries a thousand bookings: one merge, not a splice each.
  index.removeMany(olds);
  index.insertMany(puts.map((put) => StoredRow.of(trustedBooking(put, JSON.stringify(put)))));
  if (entry.cal || entry.busy || entry.busyPut || entry.busyDel) {
    const blocks = entry.busy ?? (entry.busyPut || entry.busyDel ? applyBusyDiff(cal.busyBlocks, { put: entry.busyPut ?? [], del: entry.busyDel ?? [] }) : cal.busyBlocks);
    return freezeCalendar({ ...cal, ...(entry.cal ?? {}), busyBlocks: blocks });
  }
  return cal;
}

interface Replayed {
  calendar: CalendarState;
  generation: number;
  /** A group of lines (a large change) whose commit line never came, at the end of the journal: where it starts, and its bookings. */
  unfinished: { at: number; bookings: number } | null;
}

/**
 * The journal over the snapshot, in file order. The lines of a group (one
 * large change written in several lines, README "Large changes") are held
 * until the group's commit line, then replayed together; a group without
 * its commit line never happened.
 */
function replay(index: BookingIndex<StoredRow>, calendar: CalendarState, read: JournalRead, from: number, log: Logger): Replayed {
  let generation = from;
  let cal = calendar;
  let group: { tx: string; at: number; entries: JournalEntry[] } | null = null;
  const drop = () => {
    if (group) log.warn('an unfinished large change in the bookings journal was left out', { tx: group.tx, lines: group.entries.length });
    group = null;
  };
  read.entries.forEach((entry, n) => {
    if (entry.g < from) return; // folded into the snapshot by a compaction that could not trim the journal
    if (entry.tx === undefined) {
      drop();
      generation = Math.max(generation, entry.g);
      cal = applyEntry(index, cal, entry);
      return;
    }
    if (group?.tx !== entry.tx) {
      drop();
      group = { tx: entry.tx, at: read.offsets[n]!, entries: [] };
    }
    group.entries.push(entry);
    if (entry.commit) {
      for (const line of group.entries) {
        generation = Math.max(generation, line.g);
        cal = applyEntry(index, cal, line);
      }
      group = null;
    }
  });
  const open = group as { at: number; entries: JournalEntry[] } | null;
  const unfinished = open ? { at: open.at, bookings: open.entries.reduce((sum, e) => sum + (e.put?.length ?? 0), 0) } : null;
  return { calendar: cal, generation, unfinished };
}

/**
 * Reads the snapshot (bookings.json) and replays the journal over it. A
 * damaged or newer-version snapshot is kept aside with its journal; a torn
 * journal tail is cut off and reported once; other journal damage is
 * reported to the caller, who keeps that file aside after saving what it
 * still proves.
 */
export async function loadStore(ctx: LoadContext): Promise<LoadedState> {
  const base = await loadSnapshot(ctx);
  const index = new BookingIndex(base.rows);
  let journalBytes: Buffer | null = null;
  try {
    journalBytes = await readBytes(ctx.journalPath);
  } catch (error) {
    // A directory or an unreadable file where the journal goes: keep it aside like any damage.
    return {
      index,
      calendar: base.calendar,
      snapshotGeneration: base.generation,
      generation: base.generation,
      snapshotExists: base.exists,
      journalSize: 0,
      rewrite: base.rewrite ?? 'untrusted',
      truncateJournalTo: null,
      damagedJournal: { line: 1, reason: `the system refused to read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` },
    };
  }
  if (journalBytes === null) {
    return { index, calendar: base.calendar, snapshotGeneration: base.generation, generation: base.generation, snapshotExists: base.exists, journalSize: 0, rewrite: base.rewrite, truncateJournalTo: null, damagedJournal: null };
  }
  const read = decodeJournal(journalBytes);
  const replayed = replay(index, base.calendar, read, base.generation, ctx.log);
  let journalSize = journalBytes.length;
  let truncateJournalTo: number | null = null;
  if (read.torn) {
    journalSize = truncateJournalTo = read.goodLength;
    const message =
      `The last change to the bookings was cut off while it was being saved (the computer or Teacher Desk stopped mid-write) and was left out: ` +
      `${read.torn.bytes} bytes at the end of ${ctx.journalPath}. That change had not finished saving; everything saved before it is here.`;
    ctx.notices.push({ kind: 'store-journal-torn', message });
    ctx.log.warn('torn journal tail dropped', { journalPath: ctx.journalPath, bytes: read.torn.bytes, keptBytes: read.goodLength });
  }
  if (replayed.unfinished && !read.damage) {
    // Its lines are cut off too, so the next change does not follow half of one.
    journalSize = truncateJournalTo = replayed.unfinished.at;
    if (!read.torn) {
      const message =
        `The last large change to the bookings (${replayed.unfinished.bookings} or more bookings, such as an import) was cut off while it was being saved ` +
        `(the computer or Teacher Desk stopped mid-write) and was left out whole: none of it is here. Everything saved before it is here.`;
      ctx.notices.push({ kind: 'store-journal-torn', message });
    }
    ctx.log.warn('unfinished large change dropped from the journal tail', { journalPath: ctx.journalPath, keptBytes: replayed.unfinished.at });
  }
  return {
    index,
    calendar: replayed.calendar,
    snapshotGeneration: base.generation,
    generation: replayed.generation,
    snapshotExists: base.exists,
    journalSize,
    rewrite: read.damage ? (base.rewrite ?? 'untrusted') : base.rewrite,
    truncateJournalTo,
    damagedJournal: read.damage,
  };
}

/** Keeps a damaged journal aside, byte for byte, and tells the teacher. Call once a snapshot holds what it still proved. */
export async function setJournalAside(ctx: LoadContext, damage: { line: number; reason: string }): Promise<void> {
  const keptAs = await moveAside(ctx.journalPath, `bookings-journal.damaged-${fileStamp(ctx.clock())}`, '.ndjson');
  const message =
    `The record of recent changes to the bookings could not be read from line ${damage.line} on because ${damage.reason}. ` +
    `It was kept unchanged as ${keptAs}, and Teacher Desk started with the bookings as they were before that line.`;
  ctx.notices.push({ kind: 'store-damaged', message, keptAs });
  ctx.log.warn('bookings journal kept aside', { keptAs, line: damage.line, reason: damage.reason });
}
