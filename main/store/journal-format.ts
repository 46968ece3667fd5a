import { crc32 } from 'node:zlib';
import type { Booking } from '../../shared/booking';
import type { BusyBlock, CalendarState } from '../../shared/calendar';

/**
 * bookings.journal: one line per committed change, appended and fsynced.
 *
 *   <crc32 of the JSON, 8 hex digits> <JSON>\n
 *
 * The JSON says what the change left behind, never how: whole bookings put
 * (added or replaced), ids deleted, the calendar's fields and, only when
 * they changed, its busy blocks that changed (by event id). Replaying a line twice gives the same
 * state, so a line already folded into a snapshot does no harm.
 */

export type CalendarFields = Omit<CalendarState, 'busyBlocks'>;

export interface JournalEntry {
  /** The snapshot generation this line extends: lines older than the snapshot are already in it. */
  g: number;
  put?: Booking[];
  del?: string[];
  cal?: CalendarFields;
  /** Every busy block, when they changed in a way a diff does not say (rare). */
  busy?: BusyBlock[];
  /** Busy blocks added or moved, and event ids of those gone. */
  busyPut?: BusyBlock[];
  busyDel?: string[];
  /** A line of a large change written as a group of lines (an import): replayed only once the group's commit line is read. */
  tx?: string;
  /** The group's last line: the change is whole. */
  commit?: true;
}

/** Where a line belongs in a group of lines written as one change. */
export interface LineGroup {
  tx: string;
  commit: boolean;
}

const hex = (n: number) => n.toString(16).padStart(8, '0');

/** A line from the entry's JSON (put bookings as their cached JSON, so nothing is stringified twice). */
export function encodeLine(
  g: number,
  parts: { put: string[]; del: string[]; cal: CalendarFields | null; busy: BusyBlock[] | { put: BusyBlock[]; del: string[] } | null },
  group: LineGroup | null = null,
): string {
  const fields = [`"g":${g}`];
  if (group) fields.push(`"tx":${JSON.stringify(group.tx)}`);
  if (group?.commit) fields.push('"commit":true');
  if (parts.put.length) fields.push(`"put":[${parts.put.join(',')}]`);
  if (parts.del.length) fields.push(`"del":${JSON.stringify(parts.del)}`);
  if (parts.cal) fields.push(`"cal":${JSON.stringify(parts.cal)}`);
  if (Array.isArray(parts.busy)) fields.push(`"busy":${JSON.stringify(parts.busy)}`);
  else if (parts.busy) {
    if (parts.busy.put.length) fields.push(`"busyPut":${JSON.stringify(parts.busy.put)}`);
    if (parts.busy.del.length) fields.push(`"busyDel":${JSON.stringify(parts.busy.del)}`);
  }
  const json = `{${fields.join(',')}}`;
  return `${hex(crc32(json))} ${json}\n`;
}

export interface JournalRead {
  entries: JournalEntry[];
  /** Where each entry's line starts in the file. */
  offsets: number[];
  /** Bytes of the intact lines from the start: the file is cut back to this when the tail is torn. */
  goodLength: number;
  /** The last line was cut off or fails its checksum, with nothing after it: a power cut mid-append. */
  torn: { bytes: number } | null;
  /** A bad line with lines after it: not a torn append; the file is kept aside. */
  damage: { line: number; reason: string } | null;
}

const LINE = /^([0-9a-f]{8}) /;

function decodeLine(bytes: Buffer): JournalEntry | string {
  const head = LINE.exec(bytes.subarray(0, 9).toString('latin1'));
  if (!head) return 'it does not start with a checksum';
  const json = bytes.subarray(9);
  if (parseInt(head[1]!, 16) !== crc32(json)) return 'its checksum does not match its content';
  try {
    const entry = JSON.parse(json.toString('utf8')) as JournalEntry;
    if (typeof entry !== 'object' || entry === null || typeof entry.g !== 'number') return 'it is not a journal entry';
    return entry;
  } catch (error) {
    return `it is not valid JSON (${(error as Error).message})`;
  }
}

export function decodeJournal(bytes: Buffer): JournalRead {
  const entries: JournalEntry[] = [];
  const offsets: number[] = [];
  let at = 0;
  let line = 0;
  while (at < bytes.length) {
    line++;
    const end = bytes.indexOf(0x0a, at);
    const last = end < 0 || end === bytes.length - 1;
    const decoded = end < 0 ? 'it was cut off' : decodeLine(bytes.subarray(at, end));
    if (typeof decoded === 'string') {
      if (last) return { entries, offsets, goodLength: at, torn: { bytes: bytes.length - at }, damage: null };
      return { entries, offsets, goodLength: at, torn: null, damage: { line, reason: decoded } };
    }
    entries.push(decoded);
    offsets.push(at);
    at = end + 1;
  }
  return { entries, offsets, goodLength: at, torn: null, damage: null };
}
