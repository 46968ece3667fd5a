import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInTimeZone } from 'date-fns-tz';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import type { Booking } from '../../shared/booking';
import type { CalendarEngine } from '../../main/calendar/calendar-engine';
import { DESK_BOOKING_ID, DESK_MARK } from '../../main/calendar/desk-marker';
import { eventIdFor } from '../../main/calendar/event-ids';
import { systemClock } from '../../main/clock';
import { createImportService } from '../../main/import/import-service';
import { openBookingStore, type BookingStore } from '../../main/store/booking-store';
import { ndjson, virtualClassDoc } from '../e2e/support/platform-export';
import { classStart, CONFIGURED_ZONE, plusHours, startCalendarHarness, TEACHER, type CalendarHarness } from './support/calendar-harness';

/**
 * Two desks (a laptop and a desktop: two data directories, two engines) on
 * one Google account. Each imports the same platform file, so each gives
 * the class its own random booking id; confirming there must still make one
 * event with one Meet link, in either order and at the same time.
 */

interface Desk {
  store: BookingStore;
  engine: CalendarEngine;
  dir: string;
  booking(): Booking;
}

let h: CalendarHarness;
let desks: Desk[];
const start = classStart(3, 18);
const PLATFORM_FILE = ndjson([
  virtualClassDoc({
    oid: '6720f0c2a1b2c3d4e5f60718',
    preferenceId: '162275027-8f3a1c2e-6d1b-4a7e-9c55-2b1f0a9d3e77',
    student: { name: 'Mariana Sosa', email: 'mariana.sosa@example.com' },
    day: formatInTimeZone(Date.parse(start), CONFIGURED_ZONE, 'yyyy-MM-dd'),
    time: '18:00',
    timeZone: CONFIGURED_ZONE,
  }),
]);

async function openDesk(): Promise<Desk> {
  const dir = await mkdtemp(join(tmpdir(), 'desk-two-'));
  const store = await openBookingStore({ dataDir: dir, clock: systemClock, log: h.log });
  const imports = createImportService({ store, settings: () => h.settings, clock: systemClock, log: h.log });
  const preview = await imports.preview({ fileName: 'virtualclasses.json', content: PLATFORM_FILE });
  await imports.commit({ previewId: preview.previewId });
  const engine = h.newEngine({ store });
  return {
    store,
    engine,
    dir,
    booking() {
      const [only, ...rest] = store.list();
      expect(rest).toEqual([]);
      return only as Booking;
    },
  };
}

beforeEach(async () => {
  h = await startCalendarHarness();
  desks = [await openDesk(), await openDesk()];
});
afterEach(async () => {
  expect(h.schemaProblems).toEqual([]);
  for (const d of desks) {
    await d.store.close();
    await rm(d.dir, { recursive: true, force: true });
  }
  await h.close();
});

const meetOf = (e: calendar_v3.Schema$Event | undefined) => e?.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri;

function expectOneClassEvent() {
  const live = h.fake.liveEvents(TEACHER);
  expect(live).toHaveLength(1);
  const [a, b] = desks.map((d) => d.booking());
  expect(a?.id).not.toBe(b?.id);
  for (const booking of [a, b]) {
    expect(booking).toMatchObject({ status: 'scheduled', googleEventId: live[0]?.id, meetLink: meetOf(live[0]) });
  }
  // One code for the students, whichever desk they ask.
  expect(a?.accessCode).toBe(b?.accessCode);
  // One Meet conference was asked for.
  const requests = new Set(h.fake.allEvents(TEACHER).map((e) => e.conferenceData?.createRequest?.requestId ?? e.conferenceData?.conferenceId));
  expect(requests.size).toBe(1);
}

describe('one event per class on every desk', () => {
  it('laptop first, then desktop: the desktop adopts the laptop’s event', async () => {
    const [laptop, desktop] = desks as [Desk, Desk];
    await laptop.engine.confirm(laptop.booking().id);
    // The laptop's event is this class, not something in its way.
    expect((await desktop.engine.checkFreeBusy(desktop.booking().id)).overlaps).toEqual([]);
    await desktop.engine.confirm(desktop.booking().id);
    expectOneClassEvent();
    expect(h.fake.count('events.insert')).toBe(1);
  });

  it('desktop first, then laptop', async () => {
    const [laptop, desktop] = desks as [Desk, Desk];
    await desktop.engine.confirm(desktop.booking().id);
    await laptop.engine.confirm(laptop.booking().id);
    expectOneClassEvent();
  });

  it('both at the same time: Google’s 409 on the shared event id makes the second adopt the first', async () => {
    const [laptop, desktop] = desks as [Desk, Desk];
    await Promise.all([laptop.engine.confirm(laptop.booking().id), desktop.engine.confirm(desktop.booking().id)]);
    expectOneClassEvent();
  });

  it('a desk that only syncs shows the other desk’s event, Meet link and code', async () => {
    const [laptop, desktop] = desks as [Desk, Desk];
    await laptop.engine.confirm(laptop.booking().id);
    await desktop.engine.sync();
    expectOneClassEvent();
    expect(desktop.store.calendarState().busyBlocks).toEqual([]);
  });

  it('adopts an older desk’s event (made from its own booking id, no class key) instead of inserting', async () => {
    const [laptop, desktop] = desks as [Desk, Desk];
    const olderId = '0b9e6c1e-2f4a-4c39-9a8e-5d2f1b7c3a10';
    h.fake.addEvent(TEACHER, {
      id: eventIdFor(olderId),
      summary: 'Clase de Inglés',
      start: { dateTime: start, timeZone: CONFIGURED_ZONE },
      end: { dateTime: plusHours(start, 1), timeZone: CONFIGURED_ZONE },
      conferenceData: { createRequest: { requestId: `${eventIdFor(olderId)}-meet-1`, conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      extendedProperties: { private: { [DESK_MARK]: '1', [DESK_BOOKING_ID]: olderId } },
    });
    h.fake.resetRequests();
    await laptop.engine.confirm(laptop.booking().id);
    await desktop.engine.confirm(desktop.booking().id);
    expect(h.fake.count('events.insert')).toBe(0);
    expect(h.fake.liveEvents(TEACHER)).toHaveLength(1);
    expect(laptop.booking()).toMatchObject({ status: 'scheduled', googleEventId: eventIdFor(olderId) });
    expect(desktop.booking().googleEventId).toBe(eventIdFor(olderId));
  });

  it('adopts the platform’s own event for the class (its payment webhook made it) on both desks', async () => {
    const [laptop, desktop] = desks as [Desk, Desk];
    // As the platform's createGoogleCalendarEvent sends it: conferenceDataVersion=1, no attendees, no desk marks.
    const { token } = await h.auth.getAccessToken();
    const res = await fetch(`${h.server.origin}/calendar/v3/calendars/primary/events?conferenceDataVersion=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        summary: 'Clase de Inglés',
        description: 'La clase sera individual con x1 participantes',
        start: { dateTime: start, timeZone: CONFIGURED_ZONE },
        end: { dateTime: plusHours(start, 1), timeZone: CONFIGURED_ZONE },
        conferenceData: { createRequest: { requestId: 'platform-webhook-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      }),
    });
    const platformEvent = (await res.json()) as calendar_v3.Schema$Event;
    h.fake.resetRequests();
    await laptop.engine.confirm(laptop.booking().id);
    await desktop.engine.confirm(desktop.booking().id);
    expect(h.fake.count('events.insert')).toBe(0);
    expect(h.fake.liveEvents(TEACHER)).toHaveLength(1);
    for (const d of desks) expect(d.booking()).toMatchObject({ status: 'scheduled', googleEventId: platformEvent.id, meetLink: meetOf(h.fake.peek(TEACHER, platformEvent.id as string)) });
  });

  it('a class made by hand keeps the event id derived from the desk’s booking id', async () => {
    const manual = await h.addBooking({ startTime: classStart(4), endTime: plusHours(classStart(4), 1) });
    const confirmed = await h.engine.confirm(manual.id);
    expect(confirmed.googleEventId).toBe(eventIdFor(manual.id));
  });
});
