import { appendFile, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { memoryLogger } from '../../main/logger';
import { openBookingStore, type BookingStore, type StoreTraceEvent } from '../../main/store/booking-store';
import { serializeStore } from '../../main/store/store-json';
import { makeBookings } from '../bench/fixtures';
import { fileState, filesOf } from '../support/store-files';
import { useTempDir } from '../support/temp-dir';

/**
 * The journal beside the snapshot: what is written for a change (and what
 * is not), how a torn or damaged journal is handled, compaction, and the
 * upgrade of a file written before the journal existed.
 */

const clock = () => new Date('2026-11-24T20:00:00Z');
const STAMP = '20261124-200000';
let dir: string;
useTempDir('td-journal-', (made) => (dir = made));

const open = (options: { journalLimitBytes?: number; log?: ReturnType<typeof memoryLogger> } = {}) => openBookingStore({ dataDir: dir, clock, ...options });

async function seeded(count: number, options: Parameters<typeof open>[0] = {}): Promise<{ store: BookingStore; bookings: Booking[] }> {
  const store = await open(options);
  const bookings = makeBookings(count);
  await store.mutate((draft) => void draft.bookings.push(...bookings));
  return { store, bookings };
}

const rename = (store: BookingStore, id: string, summary: string) =>
  store.mutate((draft) => {
    const i = draft.bookings.findIndex((b) => b.id === id);
    draft.bookings[i] = { ...draft.bookings[i]!, summary };
  });

const journalLines = async (store: BookingStore) => (await readFile(store.journalPath, 'utf8')).split('\n').filter(Boolean);

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('journal: one line per change', () => {
  it('appends only the changed booking, with a checksum, and leaves the snapshot alone', async () => {
    const { store, bookings } = await seeded(200);
    const snapshot = await fileState(store.filePath);
    await rename(store, bookings[17]!.id, 'Clase 17');
    const lines = await journalLines(store);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^[0-9a-f]{8} \{"g":\d+,"put":\[\{"id":"/);
    expect(lines[0]).toContain(bookings[17]!.id);
    expect(lines[0]).not.toContain(bookings[18]!.id);
    expect(Buffer.byteLength(lines[0]!)).toBeLessThan(2_000);
    expect(await fileState(store.filePath)).toEqual(snapshot);
    expect((await open()).get(bookings[17]!.id)?.summary).toBe('Clase 17');
  });

  it('does not write busy blocks or the calendar with a booking change', async () => {
    const { store, bookings } = await seeded(5);
    const busyBlocks = Array.from({ length: 300 }, (_, i) => ({ eventId: `busy${i}`, startTime: `2026-12-0${1 + (i % 9)}T10:00:00-03:00`, endTime: `2026-12-0${1 + (i % 9)}T11:00:00-03:00` }));
    await store.mutate((draft) => {
      draft.calendar = { calendarId: 'primary', syncToken: 'tok', lastSyncedAt: '2026-11-24T17:00:00-03:00', busyBlocks };
    });
    await rename(store, bookings[2]!.id, 'changed');
    const last = (await journalLines(store)).at(-1)!;
    expect(last).not.toContain('"busy"');
    expect(last).not.toContain('"cal"');
    expect(last).not.toContain('busy0');
    const reopened = await open();
    expect(reopened.calendarState().busyBlocks).toEqual(busyBlocks);
    expect(reopened.get(bookings[2]!.id)?.summary).toBe('changed');
  });

  it('writes only the busy blocks that changed, and replays them to the same list', async () => {
    const { store } = await seeded(2);
    const busyBlocks = Array.from({ length: 300 }, (_, i) => ({ eventId: `busy${i}`, startTime: '2026-12-01T10:00:00-03:00', endTime: '2026-12-01T11:00:00-03:00' }));
    await store.mutate((draft) => void (draft.calendar.busyBlocks = busyBlocks));
    // As sync does it: a map of the blocks, one moved, one gone, one new, written back as a list.
    await store.mutate((draft) => {
      const blocks = new Map(draft.calendar.busyBlocks.map((b) => [b.eventId, b]));
      blocks.set('busy7', { eventId: 'busy7', startTime: '2026-12-02T10:00:00-03:00', endTime: '2026-12-02T11:00:00-03:00' });
      blocks.delete('busy8');
      blocks.set('new', { eventId: 'new', startTime: '2026-12-03T10:00:00-03:00', endTime: '2026-12-03T11:00:00-03:00' });
      draft.calendar.busyBlocks = [...blocks.values()];
    });
    const last = (await journalLines(store)).at(-1)!;
    expect(last).toContain('"busyPut":[{"eventId":"busy7"');
    expect(last).toContain('"busyDel":["busy8"]');
    expect(last).not.toContain('busy9"');
    expect(Buffer.byteLength(last)).toBeLessThan(600);
    expect((await open()).calendarState()).toEqual(store.calendarState());
    expect(store.calendarState().busyBlocks).toHaveLength(300);
  });

  it('deletes by id and replays in order', async () => {
    const { store, bookings } = await seeded(10);
    await store.mutate((draft) => {
      draft.bookings = draft.bookings.filter((b) => b.id !== bookings[3]!.id);
    });
    await rename(store, bookings[4]!.id, 'after the delete');
    const reopened = await open();
    expect(reopened.get(bookings[3]!.id)).toBeUndefined();
    expect(reopened.list()).toHaveLength(9);
    expect(reopened.get(bookings[4]!.id)?.summary).toBe('after the delete');
    expect(reopened.list()).toEqual(store.list());
  });

  it('keeps the index in step with every change (same answers as a fresh load)', async () => {
    const { store, bookings } = await seeded(60);
    for (let i = 0; i < 40; i++) {
      const b = bookings[(i * 7) % 60]!;
      // Move classes around in time and swap event ids, so the start order and the lookups change.
      await store.mutate((draft) => {
        const at = draft.bookings.findIndex((x) => x.id === b.id);
        const hours = ((i * 37) % 200) - 100;
        const shift = (iso: string) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();
        draft.bookings[at] = { ...draft.bookings[at]!, startTime: shift(b.startTime), endTime: shift(b.endTime), preferenceId: i % 3 ? b.preferenceId : 'shared-pref' };
      });
    }
    const fresh = await open();
    expect(store.list()).toEqual(fresh.list());
    expect(store.inRange('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z')).toEqual(fresh.inRange('2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z'));
    expect(store.findByPreferenceId('shared-pref')).toEqual(fresh.findByPreferenceId('shared-pref'));
    for (const b of bookings.filter((x) => x.googleEventId)) expect(store.findByEventId(b.googleEventId!)).toEqual(fresh.findByEventId(b.googleEventId!));
  });
  it('writes a change too big for the journal (a large import) as a snapshot, and keeps the index right in bulk', async () => {
    const { store, bookings } = await seeded(100, { journalLimitBytes: 20_000 });
    await rename(store, bookings[0]!.id, 'small change, journaled');
    const more = makeBookings(150, { seed: 4, firstDay: '2026-01-06' });
    await store.mutate((draft) => {
      draft.bookings = draft.bookings.filter((_, i) => i % 2 === 0);
      draft.bookings.push(...more);
    });
    // The snapshot took the change whole; the journal holds nothing older than it.
    expect((await stat(store.journalPath)).size).toBe(0);
    const fresh = await open();
    expect(fresh.list()).toEqual(store.list());
    expect(store.list()).toHaveLength(200);
    expect(store.inRange('2026-01-06T00:00:00-03:00', '2026-01-13T00:00:00-03:00')).toEqual(fresh.inRange('2026-01-06T00:00:00-03:00', '2026-01-13T00:00:00-03:00'));
    for (const b of [...bookings, ...more]) expect(store.findByPreferenceId(b.preferenceId!)?.id).toBe(fresh.findByPreferenceId(b.preferenceId!)?.id);
  });
});

describe('journal: no write when nothing changed', () => {
  it('a mutation that changes nothing leaves both files exactly as they were, bytes and times', async () => {
    const { store, bookings } = await seeded(20);
    await rename(store, bookings[0]!.id, 'one change, so the journal exists');
    const before = await filesOf(store);
    expect(before[1]!.bytes).not.toBeNull();
    await tick();
    await store.mutate(() => undefined);
    // Replaced by an equal copy, the same calendar put back, a list rebuilt with the same bookings.
    await store.mutate((draft) => {
      draft.bookings[3] = { ...draft.bookings[3]!, bookedBy: { ...draft.bookings[3]!.bookedBy } };
      draft.calendar = { ...draft.calendar, busyBlocks: [...draft.calendar.busyBlocks] };
    });
    await store.mutate((draft) => {
      draft.bookings = [...draft.bookings].reverse();
    });
    expect(await filesOf(store)).toEqual(before);
  });

  it('a new sync token alone is kept in memory and written with the next real change, or at close', async () => {
    const { store, bookings } = await seeded(5);
    const before = await filesOf(store);
    await tick();
    await store.mutate((draft) => {
      draft.calendar.syncToken = 'token-2';
      draft.calendar.lastSyncedAt = '2026-11-24T17:00:00-03:00';
    });
    expect(store.calendarState().syncToken).toBe('token-2');
    expect(await filesOf(store)).toEqual(before);
    // Written with the next change…
    await rename(store, bookings[1]!.id, 'x');
    expect((await open()).calendarState().syncToken).toBe('token-2');
    // …or at close.
    await store.mutate((draft) => void (draft.calendar.syncToken = 'token-3'));
    await store.close();
    expect((await open()).calendarState().syncToken).toBe('token-3');
  });

  it('opening and closing a store with nothing to fold in writes nothing', async () => {
    const { store } = await seeded(5);
    await store.close();
    const before = [await fileState(join(dir, 'bookings.json')), await fileState(join(dir, 'bookings.journal'))];
    await tick();
    const again = await open();
    again.list();
    await again.close();
    expect([await fileState(again.filePath), await fileState(again.journalPath)]).toEqual(before);
  });
});

describe('journal: compaction', () => {
  it('folds the journal into a new snapshot past its bound, by itself, and keeps every change', async () => {
    const events: StoreTraceEvent[] = [];
    const store = await openBookingStore({ dataDir: dir, clock, journalLimitBytes: 5_000, trace: (e) => events.push(e) });
    const bookings = makeBookings(50);
    await store.mutate((draft) => void draft.bookings.push(...bookings));
    for (let i = 0; i < 30; i++) await rename(store, bookings[i]!.id, `v${i}`);
    // Past the bound, compactions started without being asked, while changes went on being appended.
    const started = events.filter((e) => e.op === 'compact' && e.phase === 'start').length;
    expect(started).toBeGreaterThan(0);
    expect(events.findIndex((e) => e.op === 'compact')).toBeLessThan(events.map((e) => e.op).lastIndexOf('append'));
    // Wait for the one running, then fold what is left.
    await store.compact();
    await store.compact();
    expect((await stat(store.journalPath)).size).toBe(0);
    const snapshot = await readFile(store.filePath, 'utf8');
    expect(snapshot).toContain('"summary":"v29"');
    expect(snapshot).toMatch(/"checksum": "crc32:[0-9a-f]{8}"\n\}\n$/);
    const reopened = await open();
    expect(reopened.list()).toEqual(store.list());
  });

  it('compacts at close, leaving an empty journal', async () => {
    const { store, bookings } = await seeded(5);
    await rename(store, bookings[0]!.id, 'closing');
    await store.close();
    expect((await stat(store.journalPath)).size).toBe(0);
    expect((await open()).get(bookings[0]!.id)?.summary).toBe('closing');
  });

  it('reads its own snapshot back as trusted, an empty one too (no rewrite at open)', async () => {
    for (const count of [0, 3]) {
      await rm(dir, { recursive: true, force: true });
      const store = await open();
      await store.mutate((draft) => {
        draft.bookings.push(...makeBookings(count));
        draft.calendar.calendarId = 'primary';
      });
      await store.close();
      const log = memoryLogger();
      const again = await open({ log });
      expect(again.list()).toHaveLength(count);
      expect(again.calendarState().calendarId).toBe('primary');
      expect(log.lines.filter((line) => line.includes('rewritten'))).toEqual([]);
    }
  });

  it('the snapshot stays a JSON document lowdb can read', async () => {
    const { store, bookings } = await seeded(3);
    await store.close();
    const doc = JSON.parse(await readFile(store.filePath, 'utf8')) as { schemaVersion: number; bookings: Booking[] };
    expect(doc.schemaVersion).toBe(2);
    expect(doc.bookings).toEqual(bookings);
  });
});

describe('journal: torn tail and damage', () => {
  it('drops a torn last line with one notice, keeping every change before it', async () => {
    const { store, bookings } = await seeded(5);
    await rename(store, bookings[0]!.id, 'saved');
    const good = await readFile(store.journalPath);
    // A power cut in the middle of the next append.
    await appendFile(store.journalPath, '0badc0de {"g":1,"put":[{"id":"');
    const log = memoryLogger();
    const reopened = await open({ log });
    expect(reopened.notices).toEqual([{ kind: 'store-journal-torn', message: expect.stringContaining('was left out') as string }]);
    expect(reopened.get(bookings[0]!.id)?.summary).toBe('saved');
    expect(await readFile(store.journalPath)).toEqual(good);
    expect(log.lines.some((line) => line.startsWith('warn torn journal tail dropped'))).toBe(true);
    // Reported once: the next start finds nothing to say.
    expect((await open()).notices).toEqual([]);
  });

  it('drops a last line whose checksum fails (a torn write that kept its newline)', async () => {
    const { store, bookings } = await seeded(5);
    await rename(store, bookings[0]!.id, 'first');
    await rename(store, bookings[1]!.id, 'second');
    const bytes = await readFile(store.journalPath);
    bytes[bytes.length - 10] = 0x20;
    await writeFile(store.journalPath, bytes);
    const reopened = await open();
    expect(reopened.notices.map((n) => n.kind)).toEqual(['store-journal-torn']);
    expect(reopened.get(bookings[0]!.id)?.summary).toBe('first');
    expect(reopened.get(bookings[1]!.id)?.summary).toBe(bookings[1]!.summary);
  });

  it('keeps a journal damaged before its end aside, byte for byte, and starts from what it still proves', async () => {
    const { store, bookings } = await seeded(5);
    await rename(store, bookings[0]!.id, 'first');
    await rename(store, bookings[1]!.id, 'second');
    await rename(store, bookings[2]!.id, 'third');
    const bytes = await readFile(store.journalPath);
    const secondLine = bytes.indexOf('\n') + 1;
    bytes[secondLine + 20] = bytes[secondLine + 20] === 0x61 ? 0x62 : 0x61;
    await writeFile(store.journalPath, bytes);

    const reopened = await open();
    const keptAs = join(dir, `bookings-journal.damaged-${STAMP}.ndjson`);
    expect(reopened.notices).toEqual([{ kind: 'store-damaged', keptAs, message: expect.stringContaining('from line 2 on because its checksum does not match') as string }]);
    expect(await readFile(keptAs)).toEqual(bytes);
    expect(reopened.get(bookings[0]!.id)?.summary).toBe('first');
    expect(reopened.get(bookings[1]!.id)?.summary).toBe(bookings[1]!.summary);
    expect(reopened.get(bookings[2]!.id)?.summary).toBe(bookings[2]!.summary);
    // What it proved is now in the snapshot: the next start is clean and the same.
    const again = await open();
    expect(again.notices).toEqual([]);
    expect(again.list()).toEqual(reopened.list());
    await rename(again, bookings[3]!.id, 'goes on');
    expect(await readFile(keptAs)).toEqual(bytes);
  });

  it('keeps a damaged snapshot and its journal aside, both byte for byte', async () => {
    const { store, bookings } = await seeded(5);
    await rename(store, bookings[0]!.id, 'in the journal');
    await truncate(store.filePath, 300);
    const snapshot = await readFile(store.filePath);
    const journal = await readFile(store.journalPath);
    const reopened = await open();
    const keptAs = join(dir, `bookings.damaged-${STAMP}.json`);
    const journalKeptAs = join(dir, `bookings-journal.damaged-${STAMP}.ndjson`);
    expect(reopened.notices).toEqual([{ kind: 'store-damaged', keptAs, message: expect.stringContaining(`kept unchanged as ${journalKeptAs}`) as string }]);
    expect(await readFile(keptAs)).toEqual(snapshot);
    expect(await readFile(journalKeptAs)).toEqual(journal);
    expect(reopened.list()).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual([journalKeptAs, keptAs].map((p) => p.slice(dir.length + 1)).sort());
  });

  it('a journal that cannot be read (a directory in its place) is kept aside', async () => {
    const { store, bookings } = await seeded(2);
    await mkdir(store.journalPath);
    const reopened = await open();
    expect(reopened.notices[0]).toMatchObject({ kind: 'store-damaged', keptAs: join(dir, `bookings-journal.damaged-${STAMP}.ndjson`) });
    expect(reopened.list()).toEqual(bookings);
    await rename(reopened, bookings[0]!.id, 'journal works again');
    expect((await open()).get(bookings[0]!.id)?.summary).toBe('journal works again');
  });
});

describe('upgrading a file written before the journal', () => {
  it('reads it whole, keeps every booking equal in meaning, and rewrites it as a checked snapshot once', async () => {
    const bookings = makeBookings(40);
    const calendar = { calendarId: 'primary', syncToken: 'tok', lastSyncedAt: '2026-11-24T17:00:00-03:00', busyBlocks: [{ eventId: 'x', startTime: '2026-12-01T10:00:00-03:00', endTime: '2026-12-01T11:00:00-03:00' }] };
    // Exactly what the store wrote before this change: one booking per line, no generation, no checksum.
    await writeFile(join(dir, 'bookings.json'), serializeStore({ schemaVersion: 2, calendar, bookings }));
    const log = memoryLogger();
    const store = await open({ log });
    expect(store.notices).toEqual([]);
    expect(store.list()).toEqual(bookings);
    for (const b of bookings) expect(JSON.stringify(store.get(b.id))).toBe(JSON.stringify(b));
    expect(store.calendarState()).toEqual(calendar);
    expect(log.lines.some((line) => line.startsWith('info bookings file rewritten as a checked snapshot'))).toBe(true);
    const rewritten = await readFile(store.filePath, 'utf8');
    expect(rewritten).toMatch(/"checksum": "crc32:[0-9a-f]{8}"\n\}\n$/);

    // The next start trusts it and rewrites nothing.
    const before = await fileState(store.filePath);
    await tick();
    const again = await open({ log: memoryLogger() });
    expect(again.list()).toEqual(bookings);
    expect(again.calendarState()).toEqual(calendar);
    expect(await fileState(store.filePath)).toEqual(before);
  });

  it('validates a snapshot edited by hand (checksum no longer matches) like any outside file', async () => {
    const { store, bookings } = await seeded(3);
    await store.close();
    const text = await readFile(store.filePath, 'utf8');
    const line = text.split('\n').find((l) => l.includes(`{"id":"${bookings[1]!.id}"`))!;
    const edit = (from: string, to: string) => writeFile(store.filePath, text.replace(line, line.replace(from, to)));
    await edit(`"summary":"${bookings[1]!.summary}"`, '"summary":"Edited by hand"');
    const reopened = await open();
    expect(reopened.notices).toEqual([]);
    expect(reopened.get(bookings[1]!.id)?.summary).toBe('Edited by hand');
    await edit(`"classPrice":${bookings[1]!.classPrice}`, '"classPrice":-5');
    const refused = await open();
    expect(refused.notices[0]?.kind).toBe('store-damaged');
    expect(refused.notices[0]?.message).toContain(`booking ${bookings[1]!.id}`);
  });
});

describe('leftovers of interrupted writes', () => {
  it('are removed at start, a directory under the temporary name too, and only what was removed is reported', async () => {
    const { bookings } = await seeded(2);
    await mkdir(join(dir, '.bookings.json.4242.tmp'));
    await writeFile(join(dir, '.bookings.json.4242.tmp', 'inside'), 'x');
    await writeFile(join(dir, '.bookings.journal.4243.tmp'), 'half a journal');
    const log = memoryLogger();
    const store = await open({ log });
    expect(store.list()).toEqual(bookings);
    expect((await readdir(dir)).sort()).toEqual(['bookings.json']);
    const line = log.lines.find((l) => l.startsWith('info removed leftovers of an interrupted save'));
    expect(line).toContain('.bookings.json.4242.tmp');
    expect(line).toContain('.bookings.journal.4243.tmp');
  });
});
