import type { Adapter } from 'lowdb';
import { StoredRow } from './row';
import { snapshotChunks } from './snapshot-format';
import { readBytes, writeFileAtomicChunks } from './store-file';
import { storedJson, toStoredBooking } from './store-validation';
import type { StoreData } from './store-data';

/** The file exists but cannot be taken as a JSON object; `reason` completes "it could not be read because …". */
export class UnreadableStoreError extends Error {
  override readonly name = 'UnreadableStoreError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes to a JSON object, or an UnreadableStoreError that says in plain words what is wrong. Used for settings.json too. */
export function decodeJsonObject(bytes: Buffer): Record<string, unknown> {
  if (bytes.length === 0) throw new UnreadableStoreError('it is empty (0 bytes)');
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error('NUL byte');
    text = strictUtf8.decode(bytes);
  } catch {
    throw new UnreadableStoreError('it holds binary data, not text');
  }
  // An editor may have added a byte-order mark; JSON.parse refuses it, we need not.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw new UnreadableStoreError('it holds only blank space');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UnreadableStoreError(`it is not valid JSON (${(error as Error).message})`);
  }
  // lowdb's Low.read() would silently keep its defaults for a file holding `null` or `0`; refuse here instead.
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
    throw new UnreadableStoreError(`it holds ${found} where a JSON object should be`);
  }
  return value as Record<string, unknown>;
}

/**
 * The single-file format from before the journal (no generation, no key table, no checksum), one
 * booking per line. The store no longer writes it; tests write it to prove the upgrade from it.
 */
export function serializeStore(data: StoreData): string {
  const bookings = data.bookings.map(storedJson);
  return [
    '{',
    `  "schemaVersion": ${JSON.stringify(data.schemaVersion)},`,
    `  "calendar": ${JSON.stringify(data.calendar)},`,
    bookings.length ? `  "bookings": [\n    ${bookings.join(',\n    ')}\n  ]` : '  "bookings": []',
    '}',
    '',
  ].join('\n');
}

/**
 * lowdb adapter for bookings.json, for tools that open the snapshot with
 * lowdb. read() gives the raw JSON object; write() writes a checksummed
 * snapshot (snapshot-format.ts) of generation `generation`, durably and
 * atomically. The store itself reads the snapshot without lowdb so it can
 * leave untouched rows unparsed (see README.md).
 */
export class StoreFileAdapter implements Adapter<StoreData> {
  constructor(
    readonly path: string,
    readonly generation = 0,
  ) {}

  async read(): Promise<StoreData | null> {
    let bytes: Buffer | null;
    try {
      bytes = await readBytes(this.path);
    } catch (error) {
      throw new UnreadableStoreError(`the system refused to read it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    // Unchecked here, as in lowdb's own JSONFile: the store validates it right after.
    return bytes === null ? null : (decodeJsonObject(bytes) as unknown as StoreData);
  }

  write(data: StoreData): Promise<void> {
    const rows = data.bookings.map((b) => toStoredBooking(b, 0));
    return writeFileAtomicChunks(
      this.path,
      snapshotChunks(
        { schemaVersion: data.schemaVersion, generation: this.generation, calendar: data.calendar },
        { length: rows.length, key: (i) => StoredRow.of(rows[i]!).key, json: (i) => storedJson(rows[i]!) },
      ),
    );
  }
}
