import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { allowed, replaceInDraft, requireBooking } from './booking-guards';
import type { EngineContext } from './context';
import { isEventOfBooking } from './class-event';
import { DESK_STATUS } from './desk-marker';
import { eventTimes } from './event-body';
import { eventIdForBooking } from './event-ids';
import { checkSlot, type Slot } from './free-busy';
import type { SendUpdates } from './types';
import { toZonedIso } from './zoned-time';

/**
 * Reschedule, cancel and complete. Each asks transition() first, changes
 * Google next, and writes the booking last, in one mutate that asks
 * transition() again against the booking as it is by then.
 */

export interface ChangeOptions {
  /** Whether Google e-mails the students about the change; default none. */
  sendUpdates?: SendUpdates;
}

function eventIdOf(booking: Booking): string {
  if (!booking.googleEventId) throw new AppError('CONFLICT', 'This class has no Google Calendar event to change. Sync, then try again.');
  return booking.googleEventId;
}

/** Moves the class: the same event (same id, same Meet link) gets the new start and end. */
export async function rescheduleBooking(ctx: EngineContext, bookingId: string, slot: Slot, options: ChangeOptions = {}): Promise<Booking> {
  const booking = requireBooking(ctx.store.get(bookingId));
  allowed(booking, 'reschedule');
  const { calendarId, timeZone } = ctx.settings();
  const next = checkSlot(slot);
  const event = await ctx.google.patchEvent(calendarId, eventIdOf(booking), eventTimes(next, timeZone), { sendUpdates: options.sendUpdates ?? 'none' });
  if (event.status === 'cancelled') {
    throw new AppError('CONFLICT', 'The class event was deleted in Google Calendar, so it was not moved. Sync to bring Teacher Desk up to date.');
  }
  const now = ctx.clock().toISOString();
  return ctx.store.mutate((draft) =>
    replaceInDraft(draft, bookingId, (current) => {
      const status = allowed(current, 'reschedule');
      return { ...current, status, startTime: toZonedIso(next.startTime, timeZone), endTime: toZonedIso(next.endTime, timeZone), updatedAt: now };
    }),
  );
}

/**
 * Cancels the class and deletes its event (see README.md, "Cancel"). A
 * pending class normally has no event; if a confirm was cut short and left
 * one under the derived id, that one is deleted too, so no orphan Meet link
 * stays on the calendar.
 */
export async function cancelBooking(ctx: EngineContext, bookingId: string, options: ChangeOptions = {}): Promise<Booking> {
  const booking = requireBooking(ctx.store.get(bookingId));
  allowed(booking, 'cancel');
  const { calendarId } = ctx.settings();
  const sendUpdates = options.sendUpdates ?? 'none';
  let eventId = booking.googleEventId;
  if (!eventId) {
    const orphan = await ctx.google.getEvent(calendarId, eventIdForBooking(booking));
    if (orphan && orphan.status !== 'cancelled' && isEventOfBooking(orphan, booking)) eventId = orphan.id as string;
  }
  if (eventId) {
    const outcome = await ctx.google.deleteEvent(calendarId, eventId, sendUpdates);
    if (outcome === 'already-deleted') ctx.log.info('event was already deleted in Google Calendar', { bookingId });
  }
  const now = ctx.clock().toISOString();
  return ctx.store.mutate((draft) =>
    replaceInDraft(draft, bookingId, (current) => {
      if (current.status === 'cancelled') return current; // a sync saw the deletion meanwhile
      return { ...current, status: allowed(current, 'cancel'), updatedAt: now };
    }),
  );
}

/**
 * Marks the class as held. The event stays as it is for the students; only
 * a private property (invisible to them, no e-mail) records the completion
 * on the calendar (see README.md, "Complete").
 */
export async function completeBooking(ctx: EngineContext, bookingId: string): Promise<Booking> {
  const booking = requireBooking(ctx.store.get(bookingId));
  allowed(booking, 'complete');
  const { calendarId } = ctx.settings();
  if (booking.googleEventId) {
    await ctx.google.patchEvent(calendarId, booking.googleEventId, { extendedProperties: { private: { [DESK_STATUS]: 'completed' } } }, { sendUpdates: 'none' });
  }
  const now = ctx.clock().toISOString();
  return ctx.store.mutate((draft) =>
    replaceInDraft(draft, bookingId, (current) => {
      if (current.status === 'completed') return current;
      return { ...current, status: allowed(current, 'complete'), updatedAt: now };
    }),
  );
}
