import { describe, expect, it } from 'vitest';
import type { Result } from '../../shared/ipc/errors';
import { weekContaining } from '../../shared/week';
import { WeekCache, type WeekReply } from '../../renderer/src/week/week-cache';
import { aBooking } from '../support/booking-fixture';

const ZONE = 'America/Argentina/Buenos_Aires';
const THIS = '2026-11-23';
const NEXT = '2026-11-30';
const PREV = '2026-11-16';

/** main's listWeek, played by the test: each request waits until the test answers it with the week's bookings then. */
function fakeMain() {
  const pending: { day: string; answer(names: string[]): void; fail(): void }[] = [];
  const load = (day: string) =>
    new Promise<Result<WeekReply>>((resolve) =>
      pending.push({
        day,
        answer: (names) =>
          resolve({ ok: true, value: { week: weekContaining(day, ZONE), timeZone: ZONE, busyBlocks: [], bookings: names.map((name) => aBooking({ bookedBy: { name, email: 'x@example.com' } })) } }),
        fail: () => resolve({ ok: false, error: { code: 'STORE_ERROR', message: 'The bookings file could not be read.' } }),
      }),
    );
  /** Answers the oldest open request for `day`. */
  const answer = async (day: string, names: string[]) => {
    const at = pending.findIndex((p) => p.day === day);
    if (at === -1) throw new Error(`no open request for ${day}; open: ${pending.map((p) => p.day).join(', ')}`);
    pending.splice(at, 1)[0]!.answer(names);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { load, pending, answer };
}

const names = (reply: WeekReply | null) => reply?.bookings.map((b) => b.bookedBy.name) ?? null;

describe('the weeks around the one on screen', () => {
  it('loads the week, then the previous and next ones, so a switch to either is ready with no request', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    void cache.show(THIS);
    expect(main.pending.map((p) => p.day)).toEqual([THIS]); // the week itself first, alone
    await main.answer(THIS, ['Lucía']);
    expect(main.pending.map((p) => p.day).sort()).toEqual([PREV, NEXT]);
    await main.answer(NEXT, ['Joaquín']);
    await main.answer(PREV, ['Gabriela']);
    expect(names(cache.view(NEXT))).toEqual(['Joaquín']);
    await cache.show(NEXT);
    // Arriving asked nothing for the week itself; only its new neighbour beyond.
    expect(main.pending.map((p) => p.day)).toEqual(['2026-12-07']);
  });

  it('a change main reports while next week is prefetched: that copy is never shown, the fresh one is', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    void cache.show(THIS);
    await main.answer(THIS, ['Lucía']);
    await main.answer(NEXT, ['Joaquín']);
    await main.answer(PREV, []);
    expect(names(cache.view(THIS))).toEqual(['Lucía']); // on screen

    cache.invalidate(); // bookingsChanged: an import added Julieta to next week
    // Arriving before the fresh copy lands keeps this week on screen (as before prefetching), never the old next week.
    expect(names(cache.view(NEXT))).toEqual(['Lucía']);
    expect(cache.has(NEXT)).toBe(false);
    void cache.show(NEXT);
    await main.answer(NEXT, ['Joaquín', 'Julieta']);
    expect(names(cache.view(NEXT))).toEqual(['Joaquín', 'Julieta']);
  });

  it('a reply asked for before the change, landing after it, is thrown away', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    void cache.show(THIS);
    await main.answer(THIS, ['Lucía']);
    // Next week's prefetch is in flight when the change is reported.
    cache.invalidate();
    void cache.show(THIS);
    await main.answer(NEXT, ['Joaquín']); // the old request's answer
    expect(cache.has(NEXT)).toBe(false);
    await main.answer(THIS, ['Lucía']);
    await main.answer(NEXT, ['Joaquín', 'Julieta']);
    expect(names(cache.view(NEXT))).toEqual(['Joaquín', 'Julieta']);
  });

  it('asks once for a week however often it is wanted, and forgets weeks far from the one on screen', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    void cache.show(THIS);
    void cache.show(THIS);
    expect(main.pending).toHaveLength(1);
    await main.answer(THIS, ['Lucía']);
    await main.answer(NEXT, []);
    await main.answer(PREV, []);
    void cache.show('2026-12-21'); // three weeks on: everything cached is out of reach
    expect(cache.has(THIS)).toBe(false);
    expect(cache.has(NEXT)).toBe(false);
  });

  it('a class changed here shows at once in every cached copy; the week on screen stays while it reloads', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    void cache.show(THIS);
    await main.answer(THIS, ['Lucía']);
    const lucia = cache.view(THIS)!.bookings[0]!;
    cache.patch({ ...lucia, status: 'scheduled' });
    cache.invalidate();
    expect(cache.view(THIS)!.bookings[0]!.status).toBe('scheduled');
  });

  it('a week that fails to load says why and is asked for again next time; a failed neighbour does not', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    const shown = cache.show(THIS);
    main.pending.shift()!.fail();
    expect(await shown).toEqual({ code: 'STORE_ERROR', message: 'The bookings file could not be read.' });
    void cache.show(THIS);
    expect(main.pending.map((p) => p.day)).toEqual([THIS]);
  });

  it('asks for the neighbours only when the app says it has time (after the week asked for is painted)', async () => {
    const main = fakeMain();
    const tasks: (() => void)[] = [];
    const cache = new WeekCache(main.load, 1, (task) => tasks.push(task));
    void cache.show(THIS);
    await main.answer(THIS, ['Lucía']);
    expect(main.pending).toEqual([]);
    tasks.shift()!();
    expect(main.pending.map((p) => p.day).sort()).toEqual([PREV, NEXT]);
  });

  it("with no neighbours (the bench's baseline) it fetches only the week asked for", async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 0);
    void cache.show(THIS);
    await main.answer(THIS, []);
    expect(main.pending).toEqual([]);
  });
});

describe("this week in hand at start (startup.ts's early answer)", () => {
  it('is shown at once, and neither openToday nor show asks main for it again', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 1);
    const today: WeekReply = { week: weekContaining(THIS, ZONE), timeZone: ZONE, busyBlocks: [], bookings: [aBooking({ bookedBy: { name: 'Lucía', email: 'l@example.com' } })] };
    cache.seedToday(today);
    expect(names(cache.view(THIS))).toEqual(['Lucía']);
    cache.openToday(() => main.load('today'));
    void cache.show(THIS);
    await new Promise((r) => setTimeout(r, 0));
    // Only the neighbours are asked for.
    expect(main.pending.map((p) => p.day).sort()).toEqual([PREV, NEXT]);
  });
});
