import { describe, expect, it } from 'vitest';
import { bookingHandlers } from '../../main/bookings/handlers';
import type { EventBus } from '../../main/events';
import type { SettingsStore } from '../../main/settings/settings-store';
import type { BookingStore } from '../../main/store/booking-store';
import type { Result } from '../../shared/ipc/errors';
import { weekContaining } from '../../shared/week';
import { WeekCache, type WeekReply } from '../../renderer/src/week/week-cache';
import { aBooking } from '../support/booking-fixture';

/** At start the page asks for this week alongside the settings, before it knows the teacher's zone: main answers for today in that zone. */

const ZONE = 'Asia/Tokyo';

function handlers(now: string, weekStartsOn: 0 | 1 = 1) {
  const store = { inRange: () => [], calendarState: () => ({ busyBlocks: [] }) } as unknown as BookingStore;
  const settings = { get: () => ({ timeZone: ZONE, weekStartsOn }) } as unknown as SettingsStore;
  return bookingHandlers({ store, settings, clock: () => new Date(now), events: {} as EventBus });
}

describe("listWeek with no day: this week in the teacher's zone", () => {
  it("is the week holding today on the teacher's wall, not on the machine's (Sunday 23:30 UTC is Monday in Tokyo)", async () => {
    const reply = await handlers('2026-11-29T23:30:00Z').listWeek({});
    expect(reply.week.start).toBe('2026-11-30');
    expect(reply.timeZone).toBe(ZONE);
  });

  it('follows the first day of the week the teacher chose', async () => {
    const reply = await handlers('2026-11-25T12:00:00Z', 0).listWeek({});
    expect(reply.week.start).toBe('2026-11-22');
  });
});

const THIS = '2026-11-23';

function fakeMain() {
  const asked: (string | null)[] = [];
  const answers: ((names: string[]) => void)[] = [];
  const reply = (day: string, names: string[]): Result<WeekReply> => ({
    ok: true,
    value: { week: weekContaining(day, 'America/Argentina/Buenos_Aires'), timeZone: 'America/Argentina/Buenos_Aires', busyBlocks: [], bookings: names.map((name) => aBooking({ bookedBy: { name, email: 'x@example.com' } })) },
  });
  const request = (day: string | null) =>
    new Promise<Result<WeekReply>>((resolve) => {
      asked.push(day);
      answers.push((names) => resolve(reply(day ?? THIS, names)));
    });
  const answer = async (i: number, names: string[]) => {
    answers[i]!(names);
    await new Promise((r) => setTimeout(r, 0));
  };
  return { asked, answer, load: (day: string) => request(day), loadToday: () => request(null) };
}

describe('the first week, asked for with the settings', () => {
  it('is asked before the page knows which week it is, and showing that week then needs no second request', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 0);
    cache.openToday(main.loadToday);
    expect(main.asked).toEqual([null]);
    // The settings land first: the page now knows this week and shows it, still waiting for the one request.
    const shown = cache.show(THIS);
    expect(main.asked).toEqual([null]);
    await main.answer(0, ['Lucía']);
    expect(await shown).toBeNull();
    expect(cache.view(THIS)?.bookings.map((b) => b.bookedBy.name)).toEqual(['Lucía']);
    expect(main.asked).toEqual([null]);
  });

  it('a change main reports while it is in flight: that answer is dropped and the week asked for again', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 0);
    cache.openToday(main.loadToday);
    const shown = cache.show(THIS);
    cache.invalidate();
    await main.answer(0, ['Lucía (before the change)']);
    expect(main.asked).toEqual([null, THIS]);
    await main.answer(1, ['Lucía (after the change)']);
    expect(await shown).toBeNull();
    expect(cache.view(THIS)?.bookings.map((b) => b.bookedBy.name)).toEqual(['Lucía (after the change)']);
  });

  it('a failed answer is not the last word: show() asks for the week itself and reports its own result', async () => {
    const main = fakeMain();
    const cache = new WeekCache(main.load, 0);
    cache.openToday(() => Promise.reject(new Error('harness closed')));
    const shown = cache.show(THIS);
    await new Promise((r) => setTimeout(r, 0));
    expect(main.asked).toEqual([THIS]);
    await main.answer(0, ['Ana']);
    expect(await shown).toBeNull();
  });
});
