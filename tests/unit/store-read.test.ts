import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBookingStore } from '../../main/store/booking-store';
import { makeBookings } from '../bench/fixtures';

/**
 * The store's cheap read: all() hands out the stored, frozen bookings
 * without copies, the same array until a change, and version() says when
 * what was derived from it must be built again.
 */

const clock = () => new Date('2026-11-24T20:00:00Z');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-store-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('store all() and version()', () => {
  it('gives the bookings in start order, frozen (payment too), the same array until the bookings change', async () => {
    const store = await openBookingStore({ dataDir: dir, clock });
    const bookings = makeBookings(5).map((b) => ({ ...b, payment: { state: 'paid' as const, amount: b.classPrice, at: null, source: 'platform' as const } }));
    await store.mutate((draft) => void draft.bookings.push(...bookings.slice().reverse()));

    const all = store.all();
    expect(all).toEqual(store.list());
    expect(all.map((b) => b.id)).toEqual(store.list().map((b) => b.id));
    expect(store.all()).toBe(all);
    expect(Object.isFrozen(all)).toBe(true);
    for (const b of all) {
      expect(Object.isFrozen(b)).toBe(true);
      expect(Object.isFrozen(b.bookedBy)).toBe(true);
      expect(Object.isFrozen(b.payment)).toBe(true);
    }
    // A reader cannot change the store through it.
    expect(() => ((all[0] as { summary: string }).summary = 'x')).toThrow(TypeError);
    expect(() => ((all[0]!.payment as { state: string }).state = 'rejected')).toThrow(TypeError);
    expect(store.get(all[0]!.id)!.summary).toBe(bookings[0]!.summary);

    const version = store.version();
    // Sync fields alone are no change of the bookings.
    await store.mutate((draft) => void (draft.calendar = { ...draft.calendar, syncToken: 'token-2' }));
    expect(store.version()).toBe(version);
    expect(store.all()).toBe(all);
    // Nor is a booking replaced by an equal copy.
    await store.mutate((draft) => void (draft.bookings[0] = { ...draft.bookings[0]! }));
    expect(store.version()).toBe(version);

    await store.mutate((draft) => {
      const i = draft.bookings.findIndex((b) => b.id === bookings[2]!.id);
      draft.bookings[i] = { ...draft.bookings[i]!, summary: 'Moved on' };
    });
    expect(store.version()).toBeGreaterThan(version);
    const after = store.all();
    expect(after).not.toBe(all);
    expect(after.find((b) => b.id === bookings[2]!.id)!.summary).toBe('Moved on');
    // The array handed out before is untouched: a reader keeps what it had.
    expect(all.find((b) => b.id === bookings[2]!.id)!.summary).toBe(bookings[2]!.summary);
    // Bookings that did not change are the very same objects: nothing copied.
    expect(after.find((b) => b.id === bookings[0]!.id)).toBe(all.find((b) => b.id === bookings[0]!.id));
    await store.close();
  });

  it('reads a reopened store, lazily parsed, the same way', async () => {
    const first = await openBookingStore({ dataDir: dir, clock });
    await first.mutate((draft) => void draft.bookings.push(...makeBookings(50)));
    const expected = first.list();
    await first.close();
    const store = await openBookingStore({ dataDir: dir, clock });
    expect(store.all()).toEqual(expected);
    expect(store.all().every((b) => Object.isFrozen(b))).toBe(true);
    await store.close();
  });
});
