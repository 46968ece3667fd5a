import { mkdtemp, readFile, rm, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { openBookingStore, type BookingStore, type StoreTraceEvent } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';

/**
 * A large change (an import): written in batches, as a group of journal
 * lines the last of which commits it, with the event loop given turns in
 * between; replayed only whole; a failed write or a cut-off group leaves
 * none of it, in memory or on disk.
 */

const clock = () => new Date('2026-11-24T20:00:00Z');
const BATCH = 50;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-large-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (options: { trace?: (event: StoreTraceEvent) => void } = {}) => openBookingStore({ dataDir: dir, clock, batchRows: BATCH, ...options });

/** A store of 400 bookings, then a change to 180 of them and 20 new ones: too small a part of the store to go to a snapshot. */
async function storeWithLargeChange(store: BookingStore): Promise<{ before: Booking[]; change: Promise<unknown> }> {
  await store.mutate((draft) => void draft.bookings.push(...makeBookings(400)));
  const before = store.list();
  const more = makeBookings(20, { seed: 9, firstDay: '2027-03-01' });
  const change = store.mutate((draft) => {
    draft.bookings = draft.bookings.map((b, i) => (i < 180 ? { ...b, summary: `imported ${i}` } : b));
    draft.bookings.push(...more);
    draft.bookings.splice(390, 1);
    draft.calendar.calendarId = 'after-import';
  });
  return { before, change };
}

const lines = async (store: BookingStore) => (await readFile(store.journalPath, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line.slice(9)) as Record<string, unknown>);

describe('a large change', () => {
  it('is written as a group of lines, one batch each, made whole by a last commit line, and replays to the same state', async () => {
    const store = await open();
    const { change } = await storeWithLargeChange(store);
    const seenBefore = store.all();
    const versionBefore = store.version();
    await change;
    // Readers without copies see it too: all() is rebuilt and the version moves.
    expect(store.version()).toBeGreaterThan(versionBefore);
    expect(store.all()).not.toBe(seenBefore);
    expect(store.all()).toEqual(store.list());
    const written = await lines(store);
    // 200 bookings put: 4 lines of 50, then the commit line with the deleted id and the calendar.
    expect(written.map((l) => (l.put as unknown[] | undefined)?.length ?? 0)).toEqual([BATCH, BATCH, BATCH, BATCH, 0]);
    expect(new Set(written.map((l) => l.tx)).size).toBe(1);
    expect(written.map((l) => l.commit ?? false)).toEqual([false, false, false, false, true]);
    expect(written.at(-1)).toMatchObject({ del: [expect.any(String)], cal: { calendarId: 'after-import' } });
    expect(store.list()).toHaveLength(419);

    const fresh = await open();
    expect(fresh.notices).toEqual([]);
    expect(fresh.list()).toEqual(store.list());
    expect(fresh.calendarState()).toEqual(store.calendarState());
    for (const b of store.list()) expect(fresh.findByPreferenceId(b.preferenceId!)?.id).toBe(store.findByPreferenceId(b.preferenceId!)?.id);
  });

  it('gives the event loop turns while it is checked and written', async () => {
    const store = await open();
    await store.mutate((draft) => void draft.bookings.push(...makeBookings(400)));
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const atStart = turns;
    await store.mutate((draft) => {
      // 2,000 new bookings, each validated by the store: several slices' worth.
      draft.bookings.push(...makeBookings(2_000, { seed: 3, firstDay: '2028-01-03' }));
    });
    ticking = false;
    // One line per batch, each awaited: the loop turned many times while the change was saved.
    expect(turns - atStart).toBeGreaterThan(2_000 / BATCH);
    expect(store.list()).toHaveLength(2_400);
  });

  it('cut off before its commit line (a crash mid-import) is left out whole, said once, and its lines are removed', async () => {
    const store = await open();
    const { before, change } = await storeWithLargeChange(store);
    await change;
    // The commit line never made it to disk (the store is left as a kill would leave it: not closed, not compacted).
    const text = await readFile(store.journalPath, 'utf8');
    const withoutCommit = text.slice(0, text.slice(0, -1).lastIndexOf('\n') + 1);
    await truncate(store.journalPath, Buffer.byteLength(withoutCommit));

    const reopened = await open();
    expect(reopened.notices).toEqual([{ kind: 'store-journal-torn', message: expect.stringContaining('left out whole') as string }]);
    expect(reopened.list()).toEqual(before);
    expect(reopened.calendarState().calendarId).toBeNull();
    // The group's lines are gone from the file, so the next change does not follow them.
    expect((await lines(reopened)).some((l) => l.tx !== undefined)).toBe(false);
    expect((await open()).notices).toEqual([]);
  });

  it('whose write fails halfway changes nothing, in memory or on disk, and the store goes on', async () => {
    let appends = 0;
    let failAt = Infinity;
    const store = await open({
      trace: (event) => {
        if (event.op === 'append' && event.phase === 'start' && ++appends === failAt) throw new Error('EIO: disk went away');
      },
    });
    failAt = 3; // the group's third line (the 400 bookings before it are the store's first write: a snapshot)
    const { before, change } = await storeWithLargeChange(store);
    const version = store.version();
    await expect(change).rejects.toMatchObject({ code: 'STORE_ERROR' });
    // The same version: the very same bookings (an import's commit relies on it to skip checking again).
    expect(store.version()).toBe(version);
    expect(store.list()).toEqual(before);
    expect(store.calendarState().calendarId).toBeNull();
    expect(appends).toBe(3);
    // The two lines written are taken back.
    expect(await readFile(store.journalPath, 'utf8').catch(() => '')).toBe('');

    // A mutation that changes nothing leaves the version; the next change is written and read back as usual.
    await store.mutate((draft) => void draft.bookings.slice());
    expect(store.version()).toBe(version);
    await store.mutate((draft) => {
      draft.bookings[0] = { ...draft.bookings[0]!, summary: 'after the failure' };
    });
    expect(store.version()).toBe(version + 1);
    const fresh = await open();
    expect(fresh.notices).toEqual([]);
    expect(fresh.list()).toEqual(store.list());
  });
});
