import type { Adapter } from 'lowdb';
import { readBytes, writeFileAtomic } from './store-file';
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
 * Bookings are frozen once stored, so each one's JSON never changes: caching
 * it makes saving 20,000 bookings cost one JSON.stringify per changed booking.
 */
const bookingJson = new WeakMap<object, string>();

function jsonOf(booking: object): string {
  let json = bookingJson.get(booking);
  if (json === undefined) {
    json = JSON.stringify(booking);
    if (Object.isFrozen(booking)) bookingJson.set(booking, json);
  }
  return json;
}

/** One booking per line: small, greppable, and a diff shows exactly which bookings changed. */
export function serializeStore(data: StoreData): string {
  const bookings = data.bookings.map(jsonOf);
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
 * lowdb adapter for bookings.json. read() gives the raw JSON object (the
 * store checks its version and shape); write() is durable and atomic.
 */
export class StoreFileAdapter implements Adapter<StoreData> {
  constructor(readonly path: string) {}

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
    return writeFileAtomic(this.path, serializeStore(data));
  }
}
