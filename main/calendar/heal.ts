import { AppError } from '../../shared/ipc/errors';
import { existingEventFor, saveScheduled } from './confirm';
import type { EngineContext } from './context';
import { waitForMeet } from './meet';

export interface HealSummary {
  /** Pending bookings looked up on Google. */
  checked: number;
  /** Found with their event and now scheduled. */
  adopted: string[];
  /** Found, but the event was deleted or its Meet link is not ready: left pending, with the reason logged. */
  unresolved: string[];
}

/** Errors after which looking at more bookings cannot succeed either. */
const STOP_CODES = new Set(['NEEDS_RECONNECT', 'OFFLINE', 'RATE_LIMITED']);

/**
 * Finishes confirms that a crash cut between Google's answer and the local
 * save. The event id is derived from the booking, so no marker needs to be
 * written before inserting: one GET per pending upcoming booking (bounded,
 * soonest first) tells whether an insert landed. Pending bookings without
 * an event stay pending, as the teacher left them.
 */
export async function healPending(ctx: EngineContext): Promise<HealSummary> {
  const now = ctx.clock().getTime();
  const candidates = ctx.store
    .all()
    .filter((b) => b.status === 'pending' && b.googleEventId === null && Date.parse(b.endTime) > now)
    .slice(0, ctx.tuning.healLimit);
  const summary: HealSummary = { checked: 0, adopted: [], unresolved: [] };
  for (const booking of candidates) {
    summary.checked++;
    try {
      const event = await existingEventFor(ctx, booking);
      if (!event) continue;
      const ready = await waitForMeet(ctx, booking.id, event, { mayRenew: true });
      await saveScheduled(ctx, booking.id, ready.event, ready.meetLink);
      summary.adopted.push(booking.id);
      ctx.log.info('healed a confirm cut short', { bookingId: booking.id, eventId: event.id });
    } catch (error) {
      if (error instanceof AppError && STOP_CODES.has(error.code)) throw error;
      summary.unresolved.push(booking.id);
      ctx.log.warn('could not heal a pending class; it stays pending', { bookingId: booking.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return summary;
}
