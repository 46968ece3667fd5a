import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON, ObjectId } from 'bson';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createEventBus } from '../../main/events';
import { emptyPlatformExportState, PLATFORM_CHANGES_FILE, PlatformExportStateSchema } from '../../main/export/platform-changes';
import { inOutHandlers } from '../../main/import/in-out-handlers';
import { createDispatcher, type Dispatch, type Handlers } from '../../main/ipc/dispatch';
import { memoryLogger } from '../../main/logger';
import { openJsonFile } from '../../main/small-store/json-file';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { aBooking } from '../support/booking-fixture';

/**
 * The export that tells the platform what the desk did, through the real
 * dispatcher and real files: read back with bson's own EJSON parser, it is
 * exactly the documents mongoimport --mode=merge --upsertFields=_id needs.
 */

const NOW = new Date('2026-11-24T15:00:00Z');
let dir: string;
let dataDir: string;
let store: BookingStore;
let dispatch: Dispatch;
let saved: { name: string; path: string }[];

async function openDesk() {
  store = await openBookingStore({ dataDir, clock: () => NOW });
  const log = memoryLogger();
  const platformExportState = await openJsonFile({ dataDir, name: PLATFORM_CHANGES_FILE, schema: PlatformExportStateSchema, empty: emptyPlatformExportState, log });
  const handlers = inOutHandlers({
    store,
    settings: { get: () => DEFAULT_SETTINGS },
    clock: () => NOW,
    events: createEventBus(),
    log,
    saveFile: async (name, content) => {
      const path = join(dir, `${saved.length}-${name}`);
      await writeFile(path, content);
      saved.push({ name, path });
      return path;
    },
    platformExportState,
  }) as unknown as Handlers;
  dispatch = createDispatcher(handlers, log);
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-platform-export-'));
  dataDir = join(dir, 'data');
  saved = [];
  await openDesk();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const OID_A = '6720f0c2a1b2c3d4e5f60718';
const OID_B = '6720f0c2a1b2c3d4e5f60719';

async function exportChanges() {
  const reply = await dispatch(contract.exportPlatformChanges.channel, {});
  if (!reply.ok) throw new Error(reply.error.message);
  const value = reply.value as { savedTo: string | null; count: number };
  const text = value.savedTo ? await readFile(value.savedTo, 'utf8') : '';
  return { ...value, text, docs: text.split('\n').filter(Boolean).map((line) => EJSON.parse(line, { relaxed: false }) as Record<string, unknown>) };
}

describe('export for the platform', () => {
  it('writes one Extended JSON document per line for platform classes only, which bson’s parser reads back as the same documents', async () => {
    const scheduled = aBooking({
      platformId: OID_A,
      status: 'scheduled',
      googleEventId: 'tdkabc123',
      meetLink: 'https://meet.google.com/abc-defg-hij',
      calendarLink: 'https://www.google.com/calendar/event?eid=x',
      accessCode: 'K7M2Q9PX',
      updatedAt: '2026-11-24T11:30:00-03:00',
    });
    const pending = aBooking({ platformId: OID_B, status: 'pending', accessCode: null, updatedAt: '2026-11-23T10:00:00-03:00' });
    const manual = aBooking({ platformId: null, preferenceId: null, source: 'manual', status: 'scheduled', googleEventId: 'tdfoo12', meetLink: 'https://meet.google.com/xyz-abcd-efg', accessCode: 'ABCDEFGH' });
    const prefOnly = aBooking({ platformId: null, status: 'cancelled' });
    await store.mutate((d) => {
      d.bookings.push(scheduled, pending, manual, prefOnly);
    });

    const first = await exportChanges();
    expect(first.count).toBe(2);
    expect(saved[0]?.name).toMatch(/^virtualclass-changes-\d{8}-\d{6}\.json$/);
    // mongoimport's input: one document per line, ObjectId and dates in Extended JSON.
    const lines = first.text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines.find((l) => l.includes(OID_A)) as string)).toEqual({
      _id: { $oid: OID_A },
      status: 'scheduled',
      googleEventId: 'tdkabc123',
      htmlLink: 'https://meet.google.com/abc-defg-hij',
      accessCode: 'K7M2Q9PX',
      updatedAt: { $date: { $numberLong: String(Date.parse('2026-11-24T11:30:00-03:00')) } },
    });
    // The same documents after bson's EJSON.parse: real ObjectIds and Dates; no null that would wipe the platform's value.
    const byId = (x: Record<string, unknown>, y: Record<string, unknown>) => String(x._id).localeCompare(String(y._id));
    expect([...first.docs].sort(byId)).toEqual([
      { _id: new ObjectId(OID_A), status: 'scheduled', googleEventId: 'tdkabc123', htmlLink: 'https://meet.google.com/abc-defg-hij', accessCode: 'K7M2Q9PX', updatedAt: new Date('2026-11-24T14:30:00Z') },
      { _id: new ObjectId(OID_B), status: 'pending', updatedAt: new Date('2026-11-23T13:00:00Z') },
    ]);
    for (const doc of first.docs) {
      expect(doc._id).toBeInstanceOf(ObjectId);
      expect(doc.updatedAt).toBeInstanceOf(Date);
    }
    // Round trip: stringify what was parsed, parse it again, same documents.
    expect(first.docs.map((d) => EJSON.parse(EJSON.stringify(d, { relaxed: false }), { relaxed: false }))).toEqual(first.docs);
  });

  it('a second export with nothing changed in between is empty; a change, even after a restart, exports only that class', async () => {
    const a = aBooking({ platformId: OID_A, status: 'pending' });
    const b = aBooking({ platformId: OID_B, status: 'pending' });
    await store.mutate((d) => {
      d.bookings.push(a, b);
    });
    expect((await exportChanges()).count).toBe(2);
    const again = await exportChanges();
    expect(again).toMatchObject({ count: 0, savedTo: null, docs: [] });
    expect(saved).toHaveLength(1);

    await store.mutate((d) => {
      d.bookings[d.bookings.findIndex((x) => x.id === b.id)] = { ...b, status: 'cancelled', updatedAt: '2026-11-24T12:00:00-03:00' };
    });
    await store.close();
    await openDesk();
    const third = await exportChanges();
    expect(third.docs).toEqual([{ _id: new ObjectId(OID_B), status: 'cancelled', updatedAt: new Date('2026-11-24T15:00:00Z') }]);
    expect((await exportChanges()).count).toBe(0);
  });

  it('a cancelled save dialog exports the same changes next time', async () => {
    await store.mutate((d) => {
      d.bookings.push(aBooking({ platformId: OID_A }));
    });
    const cancelling = inOutHandlers({
      store,
      settings: { get: () => DEFAULT_SETTINGS },
      clock: () => NOW,
      events: createEventBus(),
      log: memoryLogger(),
      saveFile: async () => {
        const { AppError } = await import('../../shared/ipc/errors');
        throw new AppError('CANCELLED', 'No file was saved.');
      },
      platformExportState: await openJsonFile({ dataDir, name: PLATFORM_CHANGES_FILE, schema: PlatformExportStateSchema, empty: emptyPlatformExportState, log: memoryLogger() }),
    }) as unknown as Handlers;
    const reply = await createDispatcher(cancelling, memoryLogger())(contract.exportPlatformChanges.channel, {});
    expect(reply).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect((await exportChanges()).count).toBe(1);
  });

  it('refuses a request with fields it does not know (strict schema)', async () => {
    const reply = await dispatch(contract.exportPlatformChanges.channel, { since: '2026-01-01' } as never);
    expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
