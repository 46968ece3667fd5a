import { randomUUID } from 'node:crypto';
import { BookingSchema, describeIssues, type Booking } from '../../shared/booking';
import { transition } from '../../shared/booking-status';
import type { BusyBlock } from '../../shared/calendar';
import type { Logger } from '../logger';
import type { StoreData } from '../store/booking-store';
import { newAccessCode } from './access-code';
import { accessCodeOnEvent } from './class-event';
import { deskBookingIdOf, deskClassKeyOf } from './desk-marker';
import { classKeyOf } from './event-ids';
import type { CalendarEvent } from './google-calendar';
import { meetStateOf } from './meet';
import { bookingFromPlatformEvent, recognisePlatformEvent, type PlatformClassEvent } from './platform-events';
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
  /** Ids of bookings adopted from the platform's events; randomUUID unless a test pins them. */
  newId?: () => string;
  /** Access codes of adopted classes; newAccessCode (crypto) unless a test pins them. */
  newAccessCode?: () => string;
  /** Only asking whether the page changes anything: stop at the first change. */
  stopAtFirstChange?: boolean;
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

/**
 * Another desk's event for a platform class this desk has pending (same
 * class key): linked and scheduled with that desk's Meet link and access
 * code, so both desks show the one event. Null while its Meet link is not
 * ready (confirm or heal picks it up then).
 */
function linkOtherDeskEvent(booking: Booking, event: CalendarEvent, page: PageContext): Booking | null {
  const meet = meetStateOf(event);
  const step = transition(booking.status, 'confirm');
  if (meet.state !== 'ready' || !step.ok || event.status === 'cancelled') return null;
  const next: Booking = {
    ...booking,
    status: step.to,
    googleEventId: event.id as string,
    meetLink: meet.uri,
    calendarLink: event.htmlLink ?? booking.calendarLink,
    accessCode: accessCodeOnEvent(event) ?? booking.accessCode ?? (page.newAccessCode ?? newAccessCode)(),
    updatedAt: page.nowIso,
  };
  return BookingSchema.safeParse(next).success ? next : null;
}

type Adoption = { ok: true; booking: Booking; index: number | null } | { ok: false; reason: string };

const slotKey = (startTime: string, endTime: string) => `${Date.parse(startTime)}|${Date.parse(endTime)}`;

/**
 * What a platform event not linked to any booking does. Alone in its slot it
 * becomes a new scheduled booking. A class the desk already has at the very
 * same start and end is the same class (the teacher gives one class at a
 * time): a pending platform booking without an event (the platform's class
 * left pending while its event exists) is linked to it and scheduled; any
 * other (a second event of a class already linked: the platform's duplicate
 * events) is not adopted, so no class is ever made twice.
 */
function adopt(found: PlatformClassEvent, sameSlot: readonly { booking: Booking; index: number }[], page: PageContext): Adoption {
  let booking: Booking;
  let index: number | null = null;
  if (sameSlot.length === 0) {
    booking = bookingFromPlatformEvent(found, { id: (page.newId ?? randomUUID)(), accessCode: (page.newAccessCode ?? newAccessCode)(), nowIso: page.nowIso });
  } else {
    const [only] = sameSlot;
    const b = only?.booking;
    if (sameSlot.length > 1 || !only || !b || b.status !== 'pending' || b.googleEventId !== null || b.source !== 'platform' || b.classType !== found.classType) {
      const other = sameSlot.map((s) => `${s.booking.id} (${s.booking.status}${s.booking.googleEventId ? `, event ${s.booking.googleEventId}` : ''})`).join(', ');
      return { ok: false, reason: `the desk already has a class at that time: ${other}` };
    }
    const step = transition(b.status, 'confirm');
    if (!step.ok) return { ok: false, reason: step.reason };
    index = only.index;
    booking = {
      ...b,
      status: step.to,
      googleEventId: found.eventId,
      meetLink: found.meetLink,
      calendarLink: found.calendarLink ?? b.calendarLink,
      accessCode: b.accessCode ?? (page.newAccessCode ?? newAccessCode)(),
      updatedAt: page.nowIso,
    };
  }
  // Checked here so one odd event cannot make the whole page's write fail.
  const checked = BookingSchema.safeParse(booking);
  if (!checked.success) return { ok: false, reason: describeIssues(checked.error) };
  return { ok: true, booking, index };
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

  // Live bookings by exact start and end, built at the first platform event and kept current after.
  let slots: Map<string, number[]> | null = null;
  const slotsOf = (): Map<string, number[]> => {
    if (!slots) {
      slots = new Map();
      draft.bookings.forEach((b, i) => addSlot(b, i));
    }
    return slots;
  };
  const addSlot = (b: Booking, i: number) => {
    if (!slots || b.status === 'cancelled') return;
    const key = slotKey(b.startTime, b.endTime);
    const list = slots.get(key);
    if (list) list.push(i);
    else slots.set(key, [i]);
  };
  const replaceBooking = (i: number, next: Booking) => {
    const before = draft.bookings[i];
    if (slots && before) {
      const list = slots.get(slotKey(before.startTime, before.endTime));
      if (list?.includes(i)) list.splice(list.indexOf(i), 1);
    }
    draft.bookings[i] = next;
    addSlot(next, i);
  };

  // Pending bookings without an event, by class key, built at the first desk event that carries a key.
  let byKey: Map<string, number> | null = null;
  const byKeyOf = (): Map<string, number> => {
    if (!byKey) {
      byKey = new Map();
      draft.bookings.forEach((b, i) => {
        const key = b.status === 'pending' && b.googleEventId === null ? classKeyOf(b) : null;
        if (key) byKey?.set(key, i);
      });
    }
    return byKey;
  };

  for (const event of events) {
    if (page.stopAtFirstChange && changed > 0) return changed;
    if (!event.id) continue;
    const index = bookingIndex.get(event.id);
    const linked = index === undefined ? undefined : draft.bookings[index];
    if (linked && index !== undefined) {
      const next = applyToBooking(linked, event, page);
      if (next) {
        replaceBooking(index, next);
        changed++;
      }
      continue;
    }
    const deskBookingId = deskBookingIdOf(event);
    if (deskBookingId && knownBookings.has(deskBookingId)) {
      // The desk's event for a booking not yet linked to it: a confirm cut short, which heal() finishes.
      continue;
    }
    const classKey = deskClassKeyOf(event);
    const keyed = classKey === null ? undefined : byKeyOf().get(classKey);
    const pendingOfKey = keyed === undefined ? undefined : draft.bookings[keyed];
    if (keyed !== undefined && pendingOfKey) {
      const next = linkOtherDeskEvent(pendingOfKey, event, page);
      if (next) {
        replaceBooking(keyed, next);
        byKeyOf().delete(classKey as string);
        bookingIndex.set(event.id, keyed);
        changed++;
        if (blocks.delete(event.id)) {
          blocksChanged = true;
          changed++;
        }
        page.log.info('linked a pending class to the event another desk made for it', { bookingId: next.id, eventId: event.id });
      }
      // Not ready yet: not busy time either, it is this class's own event.
      continue;
    }
    // The platform's class events become bookings linked by event id (see README.md, "The platform's events").
    const found = recognisePlatformEvent(event, page.timeZone);
    if (found) {
      const sameSlot = (slotsOf().get(slotKey(found.startTime, found.endTime)) ?? []).map((i) => ({ booking: draft.bookings[i] as Booking, index: i }));
      const adoption = adopt(found, sameSlot, page);
      if (adoption.ok) {
        const { booking } = adoption;
        const at = adoption.index ?? draft.bookings.length;
        if (adoption.index === null) {
          draft.bookings.push(booking);
          knownBookings.add(booking.id);
          addSlot(booking, at);
        } else {
          replaceBooking(at, booking);
        }
        bookingIndex.set(found.eventId, at);
        changed++;
        if (blocks.delete(event.id)) {
          blocksChanged = true;
          changed++;
        }
        const how = adoption.index === null ? 'adopted a platform class from the calendar' : 'linked a pending platform class to its calendar event';
        page.log.info(how, { bookingId: booking.id, eventId: found.eventId, classType: found.classType, maxParticipants: found.maxParticipants });
        if (found.statedParticipants !== found.maxParticipants) {
          page.log.warn('platform event states a class size outside its type’s limits; adjusted', { eventId: found.eventId, stated: found.statedParticipants, kept: found.maxParticipants });
        }
        continue;
      }
      page.log.warn('platform event not adopted; kept as busy time', { eventId: found.eventId, reason: adoption.reason });
    }
    // Everything else is someone else's time: the teacher's own events, a platform event the desk does not adopt.
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

export interface FinishOptions {
  syncToken: string | null;
  nowIso: string;
  windowStartMs: number;
  seen: Set<string> | null;
}

/**
 * After the last page: a full sync drops blocks it did not see; every sync
 * forgets blocks that ended before the window. Returns how many blocks went
 * (a new token or sync time alone is no change worth a write).
 */
export function finishSync(draft: StoreData, options: FinishOptions): number {
  const before = draft.calendar.busyBlocks.length;
  draft.calendar.busyBlocks = draft.calendar.busyBlocks.filter((b) => (options.seen ? options.seen.has(b.eventId) : true) && Date.parse(b.endTime) > options.windowStartMs);
  draft.calendar.syncToken = options.syncToken;
  draft.calendar.lastSyncedAt = options.nowIso;
  return before - draft.calendar.busyBlocks.length;
}
