import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { newAccessCode } from './access-code';
import { allowed, replaceInDraft, requireBooking } from './booking-guards';
import type { EngineContext } from './context';
import { accessCodeOnEvent, findClassEvent, isEventOfBooking } from './class-event';
import { eventBodyFor } from './event-body';
import { eventIdForBooking } from './event-ids';
import type { CalendarEvent } from './google-calendar';
import { waitForMeet } from './meet';
import type { SendUpdates } from './types';

export type ConfirmStep = 'checking' | 'creating' | 'waiting-for-meet' | 'saving';
export interface ConfirmProgress {
  bookingId: string;
  step: ConfirmStep;
  /** For waiting-for-meet: which read of the pending conference (1, 2, ...). */
  attempt?: number;
}

export interface ConfirmOptions {
  /** Whether Google e-mails the students the invitation; default none. */
  sendUpdates?: SendUpdates;
  onProgress?(progress: ConfirmProgress): void;
}

/**
 * An event that already carries the booking's derived id: ours from an
 * earlier try whose answer was lost, from a run that crashed before saving,
 * or another desk's for the same platform class. Adopted when it is the
 * class's and alive; refused otherwise, because Google never frees an id,
 * not even a deleted event's.
 */
export async function existingEventFor(ctx: EngineContext, booking: Booking): Promise<CalendarEvent | null> {
  const event = await ctx.google.getEvent(ctx.settings().calendarId, eventIdForBooking(booking));
  if (!event) return null;
  if (!isEventOfBooking(event, booking)) {
    throw new AppError('CONFLICT', 'Google Calendar already has an event with this class’s id that Teacher Desk did not make for it. Nothing was changed; check Google Calendar.');
  }
  if (event.status === 'cancelled') {
    throw new AppError(
      'CONFLICT',
      'This class’s event was deleted in Google Calendar, and Google keeps the id of a deleted event, so Teacher Desk cannot create it again. Restore the event from Google Calendar’s bin and press Confirm again, or cancel this class and add it anew.',
    );
  }
  return event;
}

/** The one write that makes a booking scheduled: status, event, links and a new access code together, or nothing. */
export async function saveScheduled(ctx: EngineContext, bookingId: string, event: CalendarEvent, meetLink: string): Promise<Booking> {
  const now = ctx.clock().toISOString();
  return ctx.store.mutate((draft) =>
    replaceInDraft(draft, bookingId, (current) => {
      // Saved already by a confirm or heal that ran meanwhile: same event, nothing to do.
      if (current.status === 'scheduled' && current.googleEventId === event.id) return current;
      const status = allowed(current, 'confirm');
      // Another desk's code when it wrote one on the event, so the students get one code whichever desk they ask.
      const accessCode = accessCodeOnEvent(event) ?? current.accessCode ?? newAccessCode();
      return { ...current, status, googleEventId: event.id as string, meetLink, calendarLink: event.htmlLink ?? null, accessCode, updatedAt: now };
    }),
  );
}

export async function confirmBooking(ctx: EngineContext, bookingId: string, options: ConfirmOptions = {}): Promise<Booking> {
  const progress = (step: ConfirmStep, attempt?: number) => options.onProgress?.({ bookingId, step, ...(attempt === undefined ? {} : { attempt }) });
  progress('checking');
  const booking = requireBooking(ctx.store.get(bookingId));
  allowed(booking, 'confirm');
  const settings = ctx.settings();

  // An event of this class made elsewhere (another desk, an older desk, the platform) is adopted, never doubled.
  const found = await findClassEvent(ctx, booking);
  let event: CalendarEvent;
  let created = false;
  if (found) {
    ctx.log.info('adopting the class’s existing event', { bookingId, eventId: found.id });
    event = found;
  } else {
    progress('creating');
    const body = eventBodyFor(booking, settings, booking.accessCode ?? newAccessCode());
    const inserted = await ctx.google.insertEvent(settings.calendarId, body, options.sendUpdates ?? 'none');
    if (inserted.created) {
      event = inserted.event;
      created = true;
    } else {
      ctx.log.info('event id already taken; adopting the existing event', { bookingId });
      const existing = await existingEventFor(ctx, booking);
      if (!existing) throw new AppError('GOOGLE_ERROR', 'Google Calendar says this class’s event exists but cannot find it. Try again in a minute.');
      event = existing;
    }
  }

  const ready = await waitForMeet(ctx, bookingId, event, { mayRenew: !created, onWait: (attempt) => progress('waiting-for-meet', attempt) });
  progress('saving');
  const saved = await saveScheduled(ctx, bookingId, ready.event, ready.meetLink);
  ctx.log.info('class confirmed', { bookingId, eventId: saved.googleEventId });
  return saved;
}
