import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../main/calendar/event-ids';
import { CONFIGURED_ZONE, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';
import { crashingStore } from './support/calendar-crashing-store';

let h: CalendarHarness;
useCalendarHarness((harness) => (h = harness));

async function scheduled() {
  const booking = await h.addBooking({ startTime: '2026-11-24T17:00:00-03:00', endTime: '2026-11-24T18:00:00-03:00' });
  return h.engine.confirm(booking.id);
}

describe('reschedule', () => {
  it('moves the same event and keeps its Meet link', async () => {
    const before = await scheduled();
    // A slot given in another offset is stored and sent in the configured zone.
    const moved = await h.engine.reschedule(before.id, { startTime: '2026-11-26T22:00:00Z', endTime: '2026-11-26T23:00:00Z' });
    expect(moved).toMatchObject({ status: 'scheduled', startTime: '2026-11-26T19:00:00-03:00', endTime: '2026-11-26T20:00:00-03:00', meetLink: before.meetLink, googleEventId: before.googleEventId, accessCode: before.accessCode });
    const event = h.fake.peek(TEACHER, before.googleEventId!);
    expect(event?.start).toEqual({ dateTime: '2026-11-26T19:00:00-03:00', timeZone: CONFIGURED_ZONE });
    expect(event?.hangoutLink).toBe(before.meetLink);
    expect(event?.sequence).toBe(1);
    expect(h.fake.liveEvents(TEACHER)).toHaveLength(1);
    expect(h.fake.notifications).toEqual([]);
  });

  it('e-mails the students only when asked', async () => {
    const before = await scheduled();
    await h.engine.reschedule(before.id, { startTime: '2026-11-27T17:00:00-03:00', endTime: '2026-11-27T18:00:00-03:00' }, { sendUpdates: 'all' });
    expect(h.fake.notifications).toEqual([{ kind: 'events.patch', eventId: before.googleEventId, sendUpdates: 'all' }]);
  });

  it('refuses a pending class and a slot that ends before it starts, without calling Google', async () => {
    const pending = await h.addBooking();
    await expect(h.engine.reschedule(pending.id, { startTime: '2026-11-27T17:00:00-03:00', endTime: '2026-11-27T18:00:00-03:00' })).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
    const booking = await scheduled();
    h.fake.resetRequests();
    await expect(h.engine.reschedule(booking.id, { startTime: '2026-11-27T18:00:00-03:00', endTime: '2026-11-27T17:00:00-03:00' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(h.fake.count()).toBe(0);
  });
});

describe('cancel', () => {
  it('deletes the event (Google keeps it as cancelled) and cancels the class', async () => {
    const booking = await scheduled();
    const cancelled = await h.engine.cancel(booking.id, { sendUpdates: 'all' });
    expect(cancelled.status).toBe('cancelled');
    expect(h.fake.peek(TEACHER, booking.googleEventId!)?.status).toBe('cancelled');
    expect(h.fake.notifications.at(-1)).toEqual({ kind: 'events.delete', eventId: booking.googleEventId, sendUpdates: 'all' });
    await expect(h.engine.cancel(booking.id)).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
  });

  it('treats a delete whose answer was lost as done (410 on the retry)', async () => {
    const booking = await scheduled();
    h.fake.failNext('drop-after-store', { on: 'events.delete' });
    const cancelled = await h.engine.cancel(booking.id);
    expect(cancelled.status).toBe('cancelled');
    expect(h.fake.requests.filter((r) => r.kind === 'events.delete').map((r) => r.status)).toEqual(['dropped', 410]);
  });

  it('cancels a pending class locally, and deletes the event a cut-short confirm left', async () => {
    const plain = await h.addBooking();
    expect((await h.engine.cancel(plain.id)).status).toBe('cancelled');
    expect(h.fake.count('events.delete')).toBe(0);

    const cut = await h.addBooking();
    await expect(h.newEngine({ store: crashingStore(h.store) }).confirm(cut.id)).rejects.toThrow('simulated crash');
    expect((await h.engine.cancel(cut.id)).status).toBe('cancelled');
    expect(h.fake.peek(TEACHER, eventIdFor(cut.id))?.status).toBe('cancelled');
  });
});

describe('complete', () => {
  it('completes the class and marks the event privately, without e-mails', async () => {
    const booking = await scheduled();
    const done = await h.engine.complete(booking.id);
    expect(done.status).toBe('completed');
    const event = h.fake.peek(TEACHER, booking.googleEventId!);
    expect(event?.extendedProperties?.private).toMatchObject({ teacherDeskStatus: 'completed', teacherDeskBookingId: booking.id });
    expect(event?.status).toBe('confirmed');
    expect(event?.hangoutLink).toBe(booking.meetLink);
    expect(h.fake.notifications).toEqual([]);
    await expect(h.engine.cancel(booking.id)).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
  });

  it('refuses to complete a pending class', async () => {
    const pending = await h.addBooking();
    await expect(h.engine.complete(pending.id)).rejects.toMatchObject({ code: 'TRANSITION_REFUSED' });
  });
});
