import type { Booking } from '../../shared/booking';
import { transition } from '../../shared/booking-status';
import type { BusyBlock } from '../../shared/calendar';
import type { Logger } from '../logger';
import type { StoreData } from '../store/booking-store';
import { deskBookingIdOf } from './desk-marker';
import type { CalendarEvent } from './google-calendar';
import { meetStateOf } from './meet';
import { eventTimeToIso, sameInstant } from './zoned-time';

/**
 * How one page of events from Google changes the store draft. Pure apart
 * from logging, so a page is applied in one synchronous mutate.
 */

export interface PageContext {
  timeZone: string;
  nowIso: string;
  log: Logger;
  /** Full sync: ids of live foreign events seen so far, so blocks not seen can be dropped at the end. */
  seen: Set<string> | null;
}

function applyToBooking(booking: Booking, event: CalendarEvent, page: PageContext): Booking | null {
  if (event.status === 'cancelled') {
    if (booking.status === 'cancelled') return null;
    const t = transition(booking.status, 'cancel');
    if (!t.ok) {
      // e.g. a completed class whose event was deleted afterwards: what happened here stands.
      page.log.warn('event deleted in Google Calendar; the class keeps its status here', { bookingId: booking.id, status: booking.status });
      return null;
    }
    return { ...booking, status: t.to, updatedAt: page.nowIso };
  }
  const start = eventTimeToIso(event.start, page.timeZone);
  const end = eventTimeToIso(event.end, page.timeZone);
  let next = booking;
  if (start && end && Date.parse(end) > Date.parse(start) && !(sameInstant(start, booking.startTime) && sameInstant(end, booking.endTime))) {
    if (transition(booking.status, 'reschedule').ok) next = { ...next, startTime: start, endTime: end };
    else page.log.warn('event moved in Google Calendar; the class keeps its times here', { bookingId: booking.id, status: booking.status });
  }
  const meet = meetStateOf(event);
  if (meet.state === 'ready' && meet.uri !== booking.meetLink && booking.status === 'scheduled') next = { ...next, meetLink: meet.uri };
  return next === booking ? null : { ...next, updatedAt: page.nowIso };
}

function busyBlockOf(event: CalendarEvent, timeZone: string): BusyBlock | null {
  if (event.status === 'cancelled' || event.transparency === 'transparent') return null;
  const startTime = eventTimeToIso(event.start, timeZone);
  const endTime = eventTimeToIso(event.end, timeZone);
  if (!startTime || !endTime || Date.parse(endTime) <= Date.parse(startTime)) return null;
  return { eventId: event.id as string, startTime, endTime };
}

/** Applies one page; returns how many bookings and busy blocks changed. */
export function applyEventsPage(draft: StoreData, events: CalendarEvent[], page: PageContext): number {
  let changed = 0;
  const bookingIndex = new Map<string, number>();
  draft.bookings.forEach((b, i) => {
    if (b.googleEventId) bookingIndex.set(b.googleEventId, i);
  });
  const knownBookings = new Set(draft.bookings.map((b) => b.id));
  const blocks = new Map(draft.calendar.busyBlocks.map((b) => [b.eventId, b]));
  let blocksChanged = false;

  for (const event of events) {
    if (!event.id) continue;
    const index = bookingIndex.get(event.id);
    const linked = index === undefined ? undefined : draft.bookings[index];
    if (linked && index !== undefined) {
      const next = applyToBooking(linked, event, page);
      if (next) {
        draft.bookings[index] = next;
        changed++;
      }
      continue;
    }
    const deskBookingId = deskBookingIdOf(event);
    if (deskBookingId && knownBookings.has(deskBookingId)) {
      // The desk's event for a booking not yet linked to it: a confirm cut short, which heal() finishes.
      continue;
    }
    // Everything else is someone else's time: the teacher's own events, the platform's.
    // Adopting the platform's class events as bookings is a later issue; it belongs here.
    const block = busyBlockOf(event, page.timeZone);
    const before = blocks.get(event.id);
    if (block) {
      page.seen?.add(event.id);
      if (!before || before.startTime !== block.startTime || before.endTime !== block.endTime) {
        blocks.set(event.id, block);
        blocksChanged = true;
        changed++;
      }
    } else if (before) {
      blocks.delete(event.id);
      blocksChanged = true;
      changed++;
    }
  }
  if (blocksChanged) draft.calendar.busyBlocks = [...blocks.values()];
  return changed;
}

/** After the last page: a full sync drops blocks it did not see; every sync forgets blocks that ended before the window. */
export function finishSync(draft: StoreData, options: { syncToken: string | null; nowIso: string; windowStartMs: number; seen: Set<string> | null }): number {
  const before = draft.calendar.busyBlocks.length;
  draft.calendar.busyBlocks = draft.calendar.busyBlocks.filter((b) => (options.seen ? options.seen.has(b.eventId) : true) && Date.parse(b.endTime) > options.windowStartMs);
  draft.calendar.syncToken = options.syncToken;
  draft.calendar.lastSyncedAt = options.nowIso;
  return before - draft.calendar.busyBlocks.length;
}
