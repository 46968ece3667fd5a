import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { memoryLogger } from '../../main/logger';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { tempPathFor } from '../../main/store/store-file';
import { makeBookings } from '../bench/fixtures';

const clock = () => new Date('2026-11-24T20:00:00Z');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (dataDir = dir) => openBookingStore({ dataDir, clock });

async function seeded(count: number): Promise<{ store: BookingStore; bookings: Booking[] }> {
  const store = await open();
  const bookings = makeBookings(count);
  await store.mutate((draft) => {
    draft.bookings.push(...bookings);
  });
  return { store, bookings };
}

/** The rejection of a promise, for assertions on its code and message. */
async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('booking store: files and round trip', () => {
  it('creates a missing data directory and writes nothing until the first change', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = await open(dataDir);
    expect(store.notices).toEqual([]);
    expect(store.list()).toEqual([]);
    expect(store.filePath).toBe(join(dataDir, 'bookings.json'));
    expect(await readdir(dataDir)).toEqual([]);
  });

  it('reads back exactly what it wrote, calendar state included', async () => {
    const { store, bookings } = await seeded(50);
    const calendar = {
      calendarId: 'primary',
      syncToken: 'tok-1',
      lastSyncedAt: '2026-11-24T17:00:00-03:00',
      busyBlocks: [{ eventId: 'other', startTime: '2026-11-25T10:00:00-03:00', endTime: '2026-11-25T11:00:00-03:00' }],
    };
    await store.mutate((draft) => {
      draft.calendar = calendar;
    });
    const reopened = await open();
    expect(reopened.notices).toEqual([]);
    expect(reopened.list()).toEqual(bookings);
    expect(reopened.calendarState()).toEqual(calendar);
    const file = JSON.parse(await readFile(store.filePath, 'utf8')) as { schemaVersion: number; bookings: unknown[] };
    expect(file.schemaVersion).toBe(2);
    expect(file.bookings).toHaveLength(50);
  });

  // Windows has no POSIX file modes: a skip there, reported as one.
  it.skipIf(process.platform === 'win32')('keeps the file private to the user (mode 600; skipped on Windows, which has no POSIX modes)', async () => {
    const { store } = await seeded(1);
    expect((await stat(store.filePath)).mode & 0o777).toBe(0o600);
  });

  it('removes leftovers of a save a crash interrupted, keeping the last complete file', async () => {
    const { store, bookings } = await seeded(3);
    const leftover = join(dir, '.bookings.json.99999.tmp');
    await writeFile(leftover, '{"schemaVersion": 2, "bookin');
    const reopened = await open();
    expect(reopened.list()).toEqual(bookings);
    expect(reopened.notices).toEqual([]);
    expect(await readdir(dir)).toEqual(['bookings.json']);
    expect(store.filePath).toBe(reopened.filePath);
  });

  it('reads a file an editor saved with a byte-order mark', async () => {
    const { store, bookings } = await seeded(2);
    await writeFile(store.filePath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), await readFile(store.filePath)]));
    const reopened = await open();
    expect(reopened.notices).toEqual([]);
    expect(reopened.list()).toEqual(bookings);
  });
});

describe('booking store: queries', () => {
  it('lists by start instant, not by string, whatever the offsets', async () => {
    const [a, b] = makeBookings(2);
    const store = await open();
    // b at 12:00Z is earlier than a at 17:00-03:00 (20:00Z) on the same day, though its string sorts later.
    const early = { ...b!, startTime: '2026-01-05T12:00:00Z', endTime: '2026-01-05T13:00:00Z' };
    await store.mutate((draft) => {
      draft.bookings.push(a!, early);
    });
    expect(store.list().map((x) => x.id)).toEqual([early.id, a!.id]);
  });

  it('hands out copies: changing one does not change the store', async () => {
    const { store, bookings } = await seeded(2);
    const copy = store.get(bookings[0]!.id)!;
    copy.status = 'cancelled';
    copy.bookedBy.name = 'Someone Else';
    store.list()[0]!.summary = 'changed';
    expect(store.get(bookings[0]!.id)).toEqual(bookings[0]);
    expect(store.list()[0]).toEqual(bookings[0]);
  });

  it('finds by id, Google event id and preference id', async () => {
    const { store, bookings } = await seeded(20);
    const withEvent = bookings.find((b) => b.googleEventId !== null)!;
    expect(store.get(bookings[3]!.id)).toEqual(bookings[3]);
    expect(store.get('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(store.findByEventId(withEvent.googleEventId!)).toEqual(withEvent);
    expect(store.findByEventId('nope')).toBeUndefined();
    expect(store.findByPreferenceId(bookings[5]!.preferenceId!)).toEqual(bookings[5]);
    expect(store.findByPreferenceId('nope')).toBeUndefined();
  });

  it('gives the earliest class when the platform reused a preference id', async () => {
    const [first, second] = makeBookings(2);
    const store = await open();
    await store.mutate((draft) => {
      draft.bookings.push({ ...second!, preferenceId: 'pref-1' }, { ...first!, preferenceId: 'pref-1' });
    });
    expect(store.findByPreferenceId('pref-1')?.id).toBe(first!.id);
  });

  it('returns the bookings overlapping [from, to)', async () => {
    // Fixture slots on Monday 2026-01-05: 17, 18, 19, 20 h at -03:00.
    const { store, bookings } = await seeded(4);
    const ids = (from: string, to: string) => store.inRange(from, to).map((b) => b.id);
    expect(ids('2026-01-05T18:00:00-03:00', '2026-01-05T20:00:00-03:00')).toEqual([bookings[1]!.id, bookings[2]!.id]);
    // Same instants written in UTC and in Tokyo time.
    expect(ids('2026-01-05T21:00:00Z', '2026-01-06T08:00:00+09:00')).toEqual([bookings[1]!.id, bookings[2]!.id]);
    expect(ids('2026-01-05T18:30:00-03:00', '2026-01-05T18:31:00-03:00')).toEqual([bookings[1]!.id]);
    expect(ids('2026-01-05T21:00:00-03:00', '2026-01-06T00:00:00-03:00')).toEqual([]);
    expect(() => store.inRange('yesterday', '2026-01-06T00:00:00Z')).toThrow(AppError);
  });
});

describe('booking store: mutate', () => {
  it('returns what the mutator returns and saves the change', async () => {
    const { store, bookings } = await seeded(3);
    const id = bookings[1]!.id;
    const result = await store.mutate((draft) => {
      const i = draft.bookings.findIndex((b) => b.id === id);
      draft.bookings[i] = { ...draft.bookings[i]!, status: 'cancelled' };
      return i;
    });
    expect(result).toBe(1);
    expect(store.get(id)?.status).toBe('cancelled');
    expect((await open()).get(id)?.status).toBe('cancelled');
  });

  it('changes nothing, in memory or on disk, when the mutator throws', async () => {
    const { store, bookings } = await seeded(5);
    const before = await readFile(store.filePath);
    const boom = new AppError('NOT_FOUND', 'no such class');
    await expect(
      store.mutate((draft) => {
        draft.bookings.splice(0, 3);
        draft.calendar.syncToken = 'half-done';
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(store.list()).toEqual(bookings);
    expect(store.calendarState().syncToken).toBeNull();
    expect(await readFile(store.filePath)).toEqual(before);
  });

  it('refuses an invalid booking by id and field, changing nothing', async () => {
    const { store, bookings } = await seeded(5);
    const before = await readFile(store.filePath);
    const bad = { ...bookings[2]!, endTime: '2026-01-01T00:00:00-03:00' };
    const error = await failure(
      store.mutate((draft) => {
        draft.bookings.push(makeBookings(1, { seed: 9, firstDay: '2027-01-04' })[0]!);
        draft.bookings[2] = bad;
      }),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain(`booking ${bad.id} (${bad.bookedBy.name}, ${bad.startTime})`);
    expect(error.message).toContain('endTime: end time must be after start time');
    expect(store.list()).toEqual(bookings);
    expect(await readFile(store.filePath)).toEqual(before);
  });

  it('refuses an invalid calendar state', async () => {
    const { store } = await seeded(1);
    const error = await failure(
      store.mutate((draft) => {
        draft.calendar.lastSyncedAt = 'last tuesday';
      }),
    );
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('calendar: lastSyncedAt');
    expect(store.calendarState().lastSyncedAt).toBeNull();
  });

  it('refuses two bookings with one id, or two with one Google event', async () => {
    const { store, bookings } = await seeded(6);
    const withEvent = bookings.filter((b) => b.googleEventId !== null);
    const sameId = await failure(store.mutate((draft) => void draft.bookings.push({ ...makeBookings(1, { seed: 3 })[0]!, id: bookings[0]!.id })));
    expect(sameId.message).toContain(`same id ${bookings[0]!.id}`);
    const sameEvent = await failure(
      store.mutate((draft) => {
        const i = draft.bookings.indexOf(draft.bookings.find((b) => b.id === withEvent[1]!.id)!);
        draft.bookings[i] = { ...draft.bookings[i]!, googleEventId: withEvent[0]!.googleEventId };
      }),
    );
    expect(sameEvent.code).toBe('INVALID_REQUEST');
    expect(sameEvent.message).toContain(`already belongs to booking ${withEvent[0]!.id}`);
    expect(store.list()).toEqual(bookings);
  });

  it('explains that stored bookings are replaced, not edited in place', async () => {
    const { store, bookings } = await seeded(2);
    const error = await failure(
      store.mutate((draft) => {
        draft.bookings[0]!.status = 'cancelled';
      }),
    );
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toContain('draft.bookings[i] = { ...booking, field: value }');
    expect(store.list()).toEqual(bookings);
  });

  it('refuses an async mutator, whose late changes would be lost', async () => {
    const { store, bookings } = await seeded(2);
    const error = await failure(store.mutate(async (draft) => void draft.bookings.pop()));
    expect(error.code).toBe('STORE_ERROR');
    expect(store.list()).toEqual(bookings);
  });

  it('runs concurrent mutations one after another, a failing one not stopping the rest', async () => {
    const store = await open();
    const bookings = makeBookings(20);
    const seen = await Promise.all(
      bookings.map((booking, i) =>
        store
          .mutate((draft) => {
            if (i === 7) throw new Error('this one fails');
            const count = draft.bookings.length;
            draft.bookings.push(booking);
            return count;
          })
          .catch(() => 'failed'),
      ),
    );
    // Each mutator saw every earlier successful one, never a half-applied state.
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 'failed', 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect((await open()).list()).toHaveLength(19);
  });

  it('changes nothing when the journal cannot be written, and recovers after', async () => {
    const { store, bookings } = await seeded(3);
    const before = await readFile(store.filePath);
    const log = memoryLogger();
    const failing = await openBookingStore({ dataDir: dir, clock, log });
    // A directory where the journal goes makes the append fail.
    await mkdir(failing.journalPath);
    const error = await failure(failing.mutate((draft) => void draft.bookings.pop()));
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toContain(failing.journalPath);
    expect(failing.list()).toEqual(bookings);
    expect(await readFile(store.filePath)).toEqual(before);
    expect(log.lines.some((line) => line.startsWith('error saving bookings failed'))).toBe(true);

    await rmdir(failing.journalPath);
    await failing.mutate((draft) => void draft.bookings.pop());
    expect((await open()).list()).toHaveLength(2);
  });

  it('changes nothing when the first snapshot cannot be written, and recovers after', async () => {
    const log = memoryLogger();
    const store = await openBookingStore({ dataDir: dir, clock, log });
    // A directory where the temporary file must go makes the write fail (made after open, which would clean it up).
    await mkdir(tempPathFor(store.filePath));
    const error = await failure(store.mutate((draft) => void draft.bookings.push(...makeBookings(2))));
    expect(error.code).toBe('STORE_ERROR');
    expect(error.message).toContain(store.filePath);
    expect(store.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([`.bookings.json.${process.pid}.tmp`]);
    expect(log.lines.some((line) => line.startsWith('error saving bookings failed'))).toBe(true);

    await rmdir(tempPathFor(store.filePath));
    await store.mutate((draft) => void draft.bookings.push(...makeBookings(2)));
    expect((await open()).list()).toHaveLength(2);
  });

  it('refuses changes after close, once queued ones are done', async () => {
    const store = await open();
    const queued = store.mutate((draft) => void draft.bookings.push(makeBookings(1)[0]!));
    await store.close();
    await queued;
    expect((await failure(store.mutate(() => undefined))).code).toBe('STORE_ERROR');
    expect((await open()).list()).toHaveLength(1);
  });
});
