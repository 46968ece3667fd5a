import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { memoryLogger } from '../../main/logger';
import { openBookingStore } from '../../main/store/booking-store';
import { fileVersion, migrateToCurrent, MIGRATIONS } from '../../main/store/migrations';
import { CURRENT_SCHEMA_VERSION } from '../../main/store/store-data';
import { makeBookings } from '../bench/fixtures';

const clock = () => new Date('2026-11-24T20:00:00Z');
const STAMP = '20261124-200000';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-migrate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A booking as the version 1 cache kept it: the platform's names, the Meet link in htmlLink. */
function toV1(b: Booking): Record<string, unknown> {
  const { meetLink, calendarLink: _calendarLink, source: _source, platformId: _platformId, ...rest } = b;
  return { ...rest, htmlLink: meetLink };
}

async function writeV1(bookings: Record<string, unknown>[]): Promise<Buffer> {
  const bytes = Buffer.from(JSON.stringify({ version: 1, bookings }, null, 2));
  await writeFile(join(dir, 'bookings.json'), bytes);
  return bytes;
}

describe('bookings file version 1 -> 2', () => {
  it('maps every field, keeps the v1 file aside and rewrites the file as version 2', async () => {
    const bookings = makeBookings(30);
    const original = await writeV1(bookings.map(toV1));
    const log = memoryLogger();
    const store = await openBookingStore({ dataDir: dir, clock, log });

    expect(store.notices).toEqual([]);
    const expected = bookings.map((b) => ({ ...b, calendarLink: null, source: 'platform', platformId: null }));
    expect(store.list()).toEqual(expected);
    // The Meet link the platform kept in htmlLink is now meetLink.
    const withMeet = store.list().find((b) => b.meetLink !== null)!;
    expect(withMeet.meetLink).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(store.calendarState()).toEqual({ calendarId: null, syncToken: null, lastSyncedAt: null, busyBlocks: [] });

    const backup = join(dir, `bookings.v1-backup-${STAMP}.json`);
    expect(await readFile(backup)).toEqual(original);
    const rewritten = JSON.parse(await readFile(store.filePath, 'utf8')) as Record<string, unknown>;
    expect(rewritten.schemaVersion).toBe(2);
    expect(rewritten).not.toHaveProperty('version');
    expect(rewritten.calendar).toEqual(store.calendarState());
    expect(JSON.stringify(rewritten)).not.toContain('htmlLink');
    expect(log.lines.some((line) => line.startsWith('info bookings file upgraded'))).toBe(true);

    // Opening again reads version 2 directly: same data, no second backup.
    const again = await openBookingStore({ dataDir: dir, clock });
    expect(again.list()).toEqual(expected);
    expect((await readdir(dir)).sort()).toEqual(['bookings.json', `bookings.v1-backup-${STAMP}.json`]);
  });

  it('files a calendar event link found in htmlLink as the calendar link', async () => {
    const [b] = makeBookings(1);
    await writeV1([{ ...toV1(b!), htmlLink: 'https://www.google.com/calendar/event?eid=abc' }]);
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.list()[0]).toMatchObject({ meetLink: null, calendarLink: 'https://www.google.com/calendar/event?eid=abc' });
  });

  it('leaves out an access code the platform made too short, saying so in the log; the backup keeps it', async () => {
    const [b] = makeBookings(1);
    await writeV1([{ ...toV1(b!), accessCode: 'x7k2p' }]);
    const log = memoryLogger();
    const store = await openBookingStore({ dataDir: dir, clock, log });
    expect(store.list()[0]!.accessCode).toBeNull();
    expect(log.lines.find((line) => line.includes('x7k2p'))).toMatch(/^warn bookings file upgrade/);
    expect(await readFile(join(dir, `bookings.v1-backup-${STAMP}.json`), 'utf8')).toContain('x7k2p');
  });

  it('never replaces an earlier backup of the same second', async () => {
    const earlier = join(dir, `bookings.v1-backup-${STAMP}.json`);
    await writeFile(earlier, 'an earlier backup');
    const original = await writeV1(makeBookings(2).map(toV1));
    await openBookingStore({ dataDir: dir, clock });
    expect(await readFile(earlier, 'utf8')).toBe('an earlier backup');
    expect(await readFile(join(dir, `bookings.v1-backup-${STAMP}-2.json`))).toEqual(original);
  });

  it('keeps a version 1 file with an invalid booking aside as damaged, unchanged', async () => {
    const [b] = makeBookings(1);
    const original = await writeV1([{ ...toV1(b!), endTime: '2020-01-01T00:00:00Z' }]);
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.list()).toEqual([]);
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]!.kind).toBe('store-damaged');
    expect(store.notices[0]!.message).toContain('version 1 file');
    expect(store.notices[0]!.message).toContain('endTime: end time must be after start time');
    expect(await readFile(store.notices[0]!.keptAs!)).toEqual(original);
    expect(await readdir(dir)).toEqual([`bookings.damaged-${STAMP}.json`]);
  });
});

describe('migration steps', () => {
  it('form a chain from version 1 to the current version', () => {
    expect(MIGRATIONS.map((m) => [m.from, m.to])).toEqual(Array.from({ length: CURRENT_SCHEMA_VERSION - 1 }, (_, i) => [i + 1, i + 2]));
  });

  it('are pure: the input is left as it was', () => {
    const v1 = { version: 1, bookings: makeBookings(3).map(toV1) };
    const copy = structuredClone(v1);
    migrateToCurrent(v1, 1);
    migrateToCurrent(v1, 1);
    expect(v1).toEqual(copy);
  });

  it('tell the version of a file', () => {
    expect(fileVersion({ schemaVersion: 2, bookings: [] })).toBe(2);
    expect(fileVersion({ schemaVersion: 7 })).toBe(7);
    expect(fileVersion({ version: 1, bookings: [] })).toBe(1);
    expect(fileVersion({ schemaVersion: '2' })).toBeUndefined();
    expect(fileVersion({ schemaVersion: 1.5 })).toBeUndefined();
    expect(fileVersion({ schemaVersion: 0 })).toBeUndefined();
    expect(fileVersion({ bookings: [] })).toBeUndefined();
  });
});
