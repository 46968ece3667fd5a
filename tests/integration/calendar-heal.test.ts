import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../main/calendar/event-ids';
import { classStart, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';
import { crashingStore } from './support/calendar-crashing-store';

let h: CalendarHarness;
useCalendarHarness((harness) => (h = harness));

describe('heal', () => {
  it('finishes a confirm that crashed between the insert and the save: one event, booking scheduled', async () => {
    const booking = await h.addBooking();
    const crashing = h.newEngine({ store: crashingStore(h.store) });
    await expect(crashing.confirm(booking.id)).rejects.toThrow('simulated crash');
    expect(h.fake.liveEvents(TEACHER)).toHaveLength(1);
    expect(h.store.get(booking.id)?.status).toBe('pending');

    // The app starts again: the file is read anew and a new engine heals.
    const store = await h.reopenStore();
    const summary = await h.newEngine({ store }).heal();
    expect(summary).toEqual({ checked: 1, adopted: [booking.id], unresolved: [] });
    const events = h.fake.allEvents(TEACHER);
    expect(events).toHaveLength(1);
    expect(store.get(booking.id)).toMatchObject({ status: 'scheduled', googleEventId: eventIdFor(booking.id), meetLink: events[0]?.hangoutLink });
    expect(store.get(booking.id)?.accessCode).toHaveLength(8);

    // Confirming again is refused before Google is asked: the class is scheduled.
    await expect(h.newEngine({ store }).confirm(booking.id)).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
    expect(h.fake.count('events.insert')).toBe(1);
  });

  it('waits for the Meet link of a healed event that is still pending', async () => {
    h.fake.conference = { pendingReads: 30, outcome: 'success' };
    const booking = await h.addBooking();
    await expect(h.newEngine({ store: crashingStore(h.store), tuning: { meetPolls: 2 } }).confirm(booking.id)).rejects.toMatchObject({ code: 'TIMEOUT' });
    h.fake.conference = { pendingReads: 0, outcome: 'success' };
    const summary = await h.newEngine({ tuning: { meetPolls: 40 } }).heal();
    expect(summary.adopted).toEqual([booking.id]);
    expect(h.store.get(booking.id)?.meetLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('leaves pending classes without an event pending, and does not look at past ones', async () => {
    const upcoming = await h.addBooking();
    const past = await h.addBooking({ startTime: classStart(-3) });
    const summary = await h.engine.heal();
    expect(summary).toEqual({ checked: 1, adopted: [], unresolved: [] });
    expect(h.fake.requests.map((r) => r.path)).toEqual([`/calendar/v3/calendars/primary/events/${eventIdFor(upcoming.id)}`]);
    expect(h.store.get(upcoming.id)?.status).toBe('pending');
    expect(h.store.get(past.id)?.status).toBe('pending');
    expect(h.fake.allEvents(TEACHER)).toHaveLength(0);
  });

  it('leaves a class pending when its event was deleted in Google Calendar meanwhile', async () => {
    const booking = await h.addBooking();
    await expect(h.newEngine({ store: crashingStore(h.store) }).confirm(booking.id)).rejects.toThrow('simulated crash');
    h.fake.deleteEvent(TEACHER, eventIdFor(booking.id));
    const summary = await h.engine.heal();
    expect(summary).toEqual({ checked: 1, adopted: [], unresolved: [booking.id] });
    expect(h.store.get(booking.id)?.status).toBe('pending');
  });
});
