import { crc32 } from 'node:zlib';
import type { CalendarState } from '../../shared/calendar';
import type { SnapshotKey } from './row';

/**
 * bookings.json as the store writes it: still lowdb's JSON document (one
 * object, readable by any JSON tool and by lowdb's JSONFile), laid out so the
 * store can prove it wrote the file itself and read it without parsing every
 * booking:
 *
 *   {
 *     "schemaVersion": 2,
 *     "generation": 7,
 *     "calendar": {...},
 *     "bookingKeys": [
 *       ["<id>",<start ms>,<end ms>,"<event id>"|null,"<preferenceId>"|null],
 *     ],
 *     "bookings": [
 *       {...one booking per line, same order as bookingKeys...},
 *     ],
 *     "checksum": "crc32:1a2b3c4d"
 *   }
 *
 * The checksum covers every byte before its own line. A file whose layout or
 * checksum does not match is read the slow way: parsed and validated whole.
 */

export interface SnapshotHeader {
  schemaVersion: number;
  generation: number;
  calendar: CalendarState;
}

export interface SnapshotRows {
  readonly length: number;
  key(i: number): SnapshotKey;
  json(i: number): string;
}

const CHUNK_ROWS = 1_000;
const KEYS_OPEN = '\n  "bookingKeys": [\n';
const BOOKINGS_OPEN = '  ],\n  "bookings": [\n';
const CHECKSUM_OPEN = '  ],\n  "checksum": "crc32:';
const hex = (n: number) => n.toString(16).padStart(8, '0');

/**
 * The snapshot as chunks of bytes, built lazily (a thousand rows at a time)
 * so writing 20,000 bookings never holds the event loop for long.
 */
export function* snapshotChunks(header: SnapshotHeader, rows: SnapshotRows): Generator<Buffer> {
  let crc = 0;
  const emit = (text: string): Buffer => {
    const bytes = Buffer.from(text, 'utf8');
    crc = crc32(bytes, crc);
    return bytes;
  };
  yield emit(
    `{\n  "schemaVersion": ${JSON.stringify(header.schemaVersion)},\n  "generation": ${JSON.stringify(header.generation)},\n  "calendar": ${JSON.stringify(header.calendar)},` +
      KEYS_OPEN,
  );
  const last = rows.length - 1;
  for (let from = 0; from < rows.length; from += CHUNK_ROWS) {
    let text = '';
    for (let i = from; i < Math.min(rows.length, from + CHUNK_ROWS); i++) text += `    ${JSON.stringify(rows.key(i))}${i === last ? '' : ','}\n`;
    yield emit(text);
  }
  yield emit(BOOKINGS_OPEN);
  for (let from = 0; from < rows.length; from += CHUNK_ROWS) {
    let text = '';
    for (let i = from; i < Math.min(rows.length, from + CHUNK_ROWS); i++) text += `    ${rows.json(i)}${i === last ? '' : ','}\n`;
    yield emit(text);
  }
  // Not emit(): the checksum's own line is outside what it covers.
  yield Buffer.from(`${CHECKSUM_OPEN}${hex(crc)}"\n}\n`, 'utf8');
}

export interface TrustedSnapshot {
  header: SnapshotHeader;
  keys: SnapshotKey[];
  /** Where each booking's JSON is in the bytes, in key order: [start, end) offsets. Left undecoded until asked for. */
  bytes: Buffer;
  starts: Uint32Array;
  ends: Uint32Array;
}

const NEWLINE = 0x0a;
const COMMA = 0x2c;

/**
 * The snapshot's parts when the bytes are exactly what snapshotChunks wrote
 * (layout and checksum); null when they are not (an older file, a file
 * edited by hand, damage): the caller then parses and validates it whole.
 * Only the head and the key table are decoded and parsed here: 20,000
 * bookings' worth of UTF-8 is left as bytes until a booking is asked for.
 */
export function readTrustedSnapshot(bytes: Buffer): TrustedSnapshot | null {
  const checksumAt = bytes.lastIndexOf(CHECKSUM_OPEN);
  if (checksumAt < 0) return null;
  const tail = bytes.subarray(checksumAt + CHECKSUM_OPEN.length).toString('latin1');
  const match = /^([0-9a-f]{8})"\n\}\n$/.exec(tail);
  if (!match || parseInt(match[1]!, 16) !== crc32(bytes.subarray(0, checksumAt))) return null;
  // Proven intact: the layout below is exactly what snapshotChunks wrote.
  const keysAt = bytes.indexOf(KEYS_OPEN);
  const bookingsAt = bytes.indexOf(`\n${BOOKINGS_OPEN}`, keysAt);
  if (keysAt < 0 || bookingsAt < 0) return null;
  try {
    const head = JSON.parse(`${bytes.toString('utf8', 0, keysAt - 1)}\n}`) as Record<string, unknown>; // keysAt - 1 drops the comma
    const keysStart = keysAt + KEYS_OPEN.length;
    const keys = JSON.parse(`[${keysStart < bookingsAt ? bytes.toString('utf8', keysStart, bookingsAt) : ''}]`) as SnapshotKey[];
    const starts = new Uint32Array(keys.length);
    const ends = new Uint32Array(keys.length);
    let at = bookingsAt + 1 + BOOKINGS_OPEN.length;
    for (let i = 0; i < keys.length; i++) {
      const end = bytes.indexOf(NEWLINE, at);
      if (end < 0 || end > checksumAt) return null;
      starts[i] = at + 4;
      ends[i] = bytes[end - 1] === COMMA ? end - 1 : end;
      at = end + 1;
    }
    if (at !== checksumAt) return null;
    const { schemaVersion, generation, calendar } = head;
    if (typeof schemaVersion !== 'number' || typeof generation !== 'number') return null;
    return { header: { schemaVersion, generation, calendar: calendar as CalendarState }, keys, bytes, starts, ends };
  } catch {
    return null;
  }
}
