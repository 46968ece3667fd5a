import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type EventName } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createEventBus } from '../../main/events';
import { emptyPlatformExportState, PLATFORM_CHANGES_FILE, PlatformExportStateSchema } from '../../main/export/platform-changes';
import { inOutHandlers } from '../../main/import/in-out-handlers';
import { createDispatcher, type Dispatch, type Handlers } from '../../main/ipc/dispatch';
import { memoryLogger } from '../../main/logger';
import { openJsonFile } from '../../main/small-store/json-file';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';

/** The four channels of issue 6 through the real dispatcher: requests and replies checked against the contract. */

const NOW = new Date('2026-11-24T15:00:00Z');
let dir: string;
let store: BookingStore;
let dispatch: Dispatch;
let emitted: [EventName, unknown][];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-import-ipc-'));
  store = await openBookingStore({ dataDir: join(dir, 'data'), clock: () => NOW });
  const events = createEventBus();
  emitted = [];
  events.subscribe((event, payload) => emitted.push([event, payload]));
  const log = memoryLogger();
  const handlers = {
    ...inOutHandlers({
      store,
      settings: { get: () => DEFAULT_SETTINGS },
      clock: () => NOW,
      events,
      log,
      saveFile: async (name, content) => {
        const path = join(dir, name);
        await writeFile(path, content);
        return path;
      },
      platformExportState: await openJsonFile({ dataDir: join(dir, 'data'), name: PLATFORM_CHANGES_FILE, schema: PlatformExportStateSchema, empty: emptyPlatformExportState, log }),
    }),
  } as unknown as Handlers;
  dispatch = createDispatcher(handlers, log);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const doc = (i: number) =>
  JSON.stringify({
    _id: { $oid: `65a1b2c3d4e5f6a7b8c9d0e${i}` },
    bookedBy: { name: `Lucía ${i}`, email: `lucia${i}@example.com` },
    startTime: { $date: `2026-12-0${i + 1}T20:00:00Z` },
    endTime: { $date: `2026-12-0${i + 1}T21:00:00Z` },
    classType: 'individual',
    maxParticipants: 1,
    classPrice: 15000,
    status: 'scheduled',
    preferenceId: `pref-${i}`,
    googleEventId: `event${i}`,
    accessCode: 'X7K2Q', // short: dropped, with a note
    htmlLink: 'https://meet.google.com/abc-defg-hij',
  });

describe('bookings in and out over IPC', () => {
  it('previews, commits, searches and exports, with progress and change events', async () => {
    const preview = await dispatch(contract.previewImport.channel, { fileName: 'classes.json', content: [doc(0), doc(1), '{"startTime": "soon"}'].join('\n') });
    expect(preview).toMatchObject({
      ok: true,
      value: { fileName: 'classes.json', format: 'mongoexport', counts: { new: 2, updated: 0, unchanged: 0, invalid: 1 }, invalid: [{ line: 3, reason: expect.stringMatching(/^line 3: startTime "soon"/) }] },
    });
    expect(preview.ok && Array.isArray((preview.value as { notes: unknown }).notes)).toBe(true);
    const previewId = preview.ok ? (preview.value as { previewId: string }).previewId : '';

    expect(await dispatch(contract.commitImport.channel, { previewId })).toEqual({ ok: true, value: { created: 2, updated: 0 } });
    const phases = new Set(emitted.filter(([event]) => event === 'importProgress').map(([, p]) => (p as { phase: string }).phase));
    expect(phases).toEqual(new Set(['reading', 'checking', 'saving']));
    expect(emitted.filter(([event]) => event === 'bookingsChanged')).toEqual([['bookingsChanged', { reason: 'import' }]]);

    const search = await dispatch(contract.searchBookings.channel, { query: 'LUCIA 1' });
    expect(search.ok && (search.value as { results: { preferenceId: string }[] }).results.map((b) => b.preferenceId)).toEqual(['pref-1']);

    const exported = await dispatch(contract.exportBookings.channel, { from: '2026-12-01', to: '2026-12-31', format: 'ics' });
    expect(exported).toEqual({ ok: true, value: { savedTo: join(dir, 'teacher-desk-classes-2026-12-01_2026-12-31.ics'), count: 2 } });
    expect(await readFile(join(dir, 'teacher-desk-classes-2026-12-01_2026-12-31.ics'), 'utf8')).toMatch(/^BEGIN:VCALENDAR\r\n/);
  });

  it('answers a refused file with INVALID_REQUEST and the reason, and an old preview with NOT_FOUND', async () => {
    expect(await dispatch(contract.previewImport.channel, { fileName: 'empty.csv', content: '' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: '"empty.csv" cannot be imported: the file is empty (0 bytes).' },
    });
    expect(await dispatch(contract.commitImport.channel, { previewId: 'gone' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatch(contract.exportBookings.channel, { from: '2026-12-31', to: '2026-12-01', format: 'csv' })).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'The range ends (2026-12-01) before it starts (2026-12-31).' },
    });
  });
});
