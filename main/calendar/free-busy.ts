import { IsoInstantSchema } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { requireBooking } from './booking-guards';
import type { EngineContext } from './context';
import { isClassEventElsewhere } from './class-event';
import { eventIdForBooking } from './event-ids';
import type { BusyInterval } from './google-calendar';
import { eventTimeToIso, toZonedIso } from './zoned-time';

export interface Slot {
  startTime: string;
  endTime: string;
}

export interface FreeBusyAnswer {
  /** The slot asked about, in the configured zone. */
  slot: Slot;
  /** Busy time of the calendar inside the slot, other than the class's own event; empty when the slot is free. */
  overlaps: BusyInterval[];
}

export function checkSlot(slot: Slot): Slot {
  for (const [name, value] of Object.entries(slot)) {
    if (!IsoInstantSchema.safeParse(value).success) throw new AppError('INVALID_REQUEST', `${name} must be a date-time with a zone offset, like 2026-11-24T17:00:00-03:00.`);
  }
  if (Date.parse(slot.endTime) <= Date.parse(slot.startTime)) throw new AppError('INVALID_REQUEST', 'The class must end after it starts.');
  return slot;
}

function merge(spans: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const span of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else out.push([...span]);
  }
  return out;
}

/**
 * Asks Google when the calendar is busy during the class's slot (or a new
 * slot, before a reschedule). freeBusy's intervals do not say whose they
 * are, so when it reports something, or when the grant lacks the freeBusy
 * scope, the events in the slot are listed to leave out the class's own.
 */
export async function checkFreeBusy(ctx: EngineContext, bookingId: string, slot?: Slot): Promise<FreeBusyAnswer> {
  const booking = requireBooking(ctx.store.get(bookingId));
  const { calendarId, timeZone } = ctx.settings();
  const asked = checkSlot(slot ?? { startTime: booking.startTime, endTime: booking.endTime });
  const timeMin = toZonedIso(asked.startTime, timeZone);
  const timeMax = toZonedIso(asked.endTime, timeZone);
  const answer = { slot: { startTime: timeMin, endTime: timeMax } };

  const busy = await ctx.google.freeBusy(calendarId, timeMin, timeMax, timeZone);
  if (busy !== null && busy.length === 0) return { ...answer, overlaps: [] };

  const own = new Set([booking.googleEventId, eventIdForBooking(booking)]);
  const from = Date.parse(timeMin);
  const to = Date.parse(timeMax);
  const spans: [number, number][] = [];
  let pageToken: string | undefined;
  do {
    const page = await ctx.google.listEvents(calendarId, { timeMin, timeMax, singleEvents: true, maxResults: ctx.tuning.pageSize, ...(pageToken ? { pageToken } : {}) });
    for (const event of page.items ?? []) {
      if (own.has(event.id ?? null) || event.status === 'cancelled' || event.transparency === 'transparent') continue;
      // This class's event made elsewhere (another desk, the platform): confirm adopts it, so it is not in the way.
      if (!slot && isClassEventElsewhere(event, booking, timeZone)) continue;
      const start = eventTimeToIso(event.start, timeZone);
      const end = eventTimeToIso(event.end, timeZone);
      if (!start || !end) continue;
      const s = Math.max(Date.parse(start), from);
      const e = Math.min(Date.parse(end), to);
      if (e > s) spans.push([s, e]);
    }
    pageToken = page.nextPageToken ?? undefined;
  } while (pageToken);
  return { ...answer, overlaps: merge(spans).map(([s, e]) => ({ startTime: toZonedIso(s, timeZone), endTime: toZonedIso(e, timeZone) })) };
}
