import { EJSON, ObjectId } from 'bson';
import { z } from 'zod';
import type { Booking } from '../../shared/booking';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { fileStamp } from '../store/store-file';
import type { JsonFile } from '../small-store/json-file';
import type { SaveFile } from './save-file';

/**
 * Telling the platform what the desk did: the platform's VirtualClass
 * documents the desk changed since the last such export, as a file that
 *   mongoimport --collection=VirtualClass --mode=merge --upsertFields=_id
 * applies as it is. MongoDB Extended JSON (canonical) through the official
 * `bson` package, one document per line: `_id` as an ObjectId, `updatedAt`
 * as a date, and only the fields the desk owns (status, googleEventId, the
 * Meet link under the platform's name `htmlLink`, accessCode). A field the
 * desk has no value for is left out, so merge keeps the platform's.
 */

export const PLATFORM_CHANGES_FILE = 'platform-export.json';

/** What was last exported, per VirtualClass _id: the exported fields' fingerprint. */
export const PlatformExportStateSchema = z
  .object({
    version: z.literal(1),
    exported: z.record(z.string(), z.string()),
  })
  .strict();
export type PlatformExportState = z.infer<typeof PlatformExportStateSchema>;
export const emptyPlatformExportState = (): PlatformExportState => ({ version: 1, exported: {} });

export interface VirtualClassChange {
  _id: ObjectId;
  status: Booking['status'];
  googleEventId?: string;
  htmlLink?: string;
  accessCode?: string;
  updatedAt: Date;
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** Only classes that came from the platform (a VirtualClass _id) are told back; classes made here are the desk's own. */
export function virtualClassChangeOf(b: Booking): VirtualClassChange | null {
  if (!b.platformId || !OBJECT_ID.test(b.platformId)) return null;
  return {
    _id: ObjectId.createFromHexString(b.platformId),
    status: b.status,
    ...(b.googleEventId ? { googleEventId: b.googleEventId } : {}),
    ...(b.meetLink ? { htmlLink: b.meetLink } : {}),
    ...(b.accessCode ? { accessCode: b.accessCode } : {}),
    updatedAt: new Date(b.updatedAt),
  };
}

/** updatedAt moves with any change (a reschedule too); only the exported fields decide whether the platform needs telling. */
const fingerprintOf = (c: VirtualClassChange): string => JSON.stringify([c.status, c.googleEventId ?? null, c.htmlLink ?? null, c.accessCode ?? null]);

export interface BuiltPlatformChanges {
  changes: VirtualClassChange[];
  /** One canonical Extended JSON document per line; empty when nothing changed. */
  content: string;
  /** The state to remember once the file is saved. */
  next: PlatformExportState;
}

export function buildPlatformChanges(bookings: readonly Booking[], state: PlatformExportState): BuiltPlatformChanges {
  const changes: VirtualClassChange[] = [];
  const exported = { ...state.exported };
  for (const b of bookings) {
    const change = virtualClassChangeOf(b);
    if (!change) continue;
    const key = change._id.toHexString();
    const fingerprint = fingerprintOf(change);
    if (exported[key] === fingerprint) continue;
    exported[key] = fingerprint;
    changes.push(change);
  }
  const content = changes.map((c) => `${EJSON.stringify(c, { relaxed: false })}\n`).join('');
  return { changes, content, next: { version: 1, exported } };
}

export interface PlatformChangesDeps {
  /** all(): the stored bookings, read without copies. */
  store: { all(): readonly Booking[] };
  state: JsonFile<PlatformExportState>;
  saveFile: SaveFile;
  clock: Clock;
  log: Logger;
}

/**
 * The `exportPlatformChanges` channel: nothing changed -> nothing to save
 * (savedTo null). Otherwise the file is saved first and remembered after,
 * so a cancelled save dialog or a failed write exports the same next time.
 */
export async function exportPlatformChanges(deps: PlatformChangesDeps): Promise<{ savedTo: string | null; count: number }> {
  const built = buildPlatformChanges(deps.store.all(), deps.state.get());
  if (built.changes.length === 0) return { savedTo: null, count: 0 };
  const savedTo = await deps.saveFile(`virtualclass-changes-${fileStamp(deps.clock())}.json`, built.content);
  await deps.state.update(() => built.next);
  deps.log.info('changes exported for the platform', { count: built.changes.length });
  return { savedTo, count: built.changes.length };
}
