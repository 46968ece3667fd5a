import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../main/logger';
import { openBookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';

const clock = () => new Date('2026-11-24T20:00:00Z');
const STAMP = '20261124-200000';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-damaged-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const [good, other] = makeBookings(2);
const calendar = { calendarId: null, syncToken: null, lastSyncedAt: null, busyBlocks: [] };
const v2 = (bookings: unknown[]) => JSON.stringify({ schemaVersion: 2, calendar, bookings });

const CASES: [string, Buffer, string][] = [
  ['broken JSON', Buffer.from('{"schemaVersion": 2, "bookings": [{"id": "'), 'it is not valid JSON'],
  ['a list at the top', Buffer.from('[1, 2, 3]'), 'it holds a list where a JSON object should be'],
  ['null at the top', Buffer.from('null'), 'it holds null where a JSON object should be'],
  ['an object of another program', Buffer.from('{"hello": "world"}'), 'it is not a Teacher Desk bookings file'],
  ['bookings that are not a list', Buffer.from(JSON.stringify({ schemaVersion: 2, calendar, bookings: {} })), '"bookings" is not a list'],
  ['no calendar state', Buffer.from(JSON.stringify({ schemaVersion: 2, bookings: [] })), 'the calendar state is not valid'],
  ['a booking that fails the schema', Buffer.from(v2([good, { ...other!, classType: 'grupal', maxParticipants: 1 }])), `booking ${other!.id}`],
  ['two bookings with one id', Buffer.from(v2([good, { ...other!, id: good!.id }])), `two bookings have the same id ${good!.id}`],
  ['binary data', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0xff, 0xfe]), 'it holds binary data, not text'],
  ['text that is not UTF-8', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]), 'it holds binary data, not text'],
  ['0 bytes', Buffer.alloc(0), 'it is empty (0 bytes)'],
  ['only blank space', Buffer.from('  \n\n '), 'it holds only blank space'],
];

describe('a damaged bookings file', () => {
  it.each(CASES)('holding %s is kept aside unchanged, reported, and never overwritten', async (_what, bytes, reason) => {
    const file = join(dir, 'bookings.json');
    await writeFile(file, bytes);
    const log = memoryLogger();
    const store = await openBookingStore({ dataDir: dir, clock, log });

    const keptAs = join(dir, `bookings.damaged-${STAMP}.json`);
    expect(store.notices).toEqual([{ kind: 'store-damaged', keptAs, message: expect.stringContaining(reason) as string }]);
    const message = store.notices[0]!.message;
    expect(message).toMatch(/^The bookings file could not be read because /);
    expect(message).toContain(`It was kept unchanged as ${keptAs}`);
    expect(await readFile(keptAs)).toEqual(bytes);
    expect(store.list()).toEqual([]);
    expect(log.lines.some((line) => line.startsWith('warn bookings file kept aside'))).toBe(true);

    // Starting over writes a new bookings.json; the kept file stays as it was.
    await store.mutate((draft) => void draft.bookings.push(good!));
    expect(await readFile(keptAs)).toEqual(bytes);
    expect((await readdir(dir)).sort()).toEqual([`bookings.damaged-${STAMP}.json`, 'bookings.json']);
  });

  it('says that an empty file lost nothing', async () => {
    await writeFile(join(dir, 'bookings.json'), '');
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.notices[0]!.message).toContain('The file held no bookings, so none were lost.');
  });

  it('names the booking and field that failed', async () => {
    await writeFile(join(dir, 'bookings.json'), v2([{ ...good!, learningFocus: 'x'.repeat(101) }]));
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.notices[0]!.message).toContain(`booking ${good!.id} (${good!.bookedBy.name}, ${good!.startTime}): learningFocus: learning focus is at most 100 characters`);
  });

  it('never replaces a file kept aside earlier in the same second', async () => {
    const earlier = join(dir, `bookings.damaged-${STAMP}.json`);
    await writeFile(earlier, 'kept before');
    await writeFile(join(dir, 'bookings.json'), 'not json');
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.notices[0]!.keptAs).toBe(join(dir, `bookings.damaged-${STAMP}-2.json`));
    expect(await readFile(earlier, 'utf8')).toBe('kept before');
    expect(await readFile(join(dir, `bookings.damaged-${STAMP}-2.json`), 'utf8')).toBe('not json');
  });

  it('that cannot be read at all (a directory in its place) is moved aside too', async () => {
    await mkdir(join(dir, 'bookings.json'));
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.notices[0]!.message).toContain('the system refused to read it (EISDIR)');
    expect((await stat(store.notices[0]!.keptAs!)).isDirectory()).toBe(true);
  });
});

describe('a bookings file from a newer version', () => {
  it('is kept aside unchanged and reported', async () => {
    const bytes = Buffer.from(JSON.stringify({ schemaVersion: 3, bookings: [{ somethingNew: true }], calendar }));
    await writeFile(join(dir, 'bookings.json'), bytes);
    const store = await openBookingStore({ dataDir: dir, clock });
    const keptAs = join(dir, `bookings.v3-newer-${STAMP}.json`);
    expect(store.notices).toEqual([{ kind: 'store-newer-version', keptAs, message: expect.stringContaining('file version 3') as string }]);
    expect(store.notices[0]!.message).toContain(keptAs);
    expect(await readFile(keptAs)).toEqual(bytes);
    expect(store.list()).toEqual([]);
  });
});
