import { AppError } from '../../shared/ipc/errors';
import type { Booking } from '../../shared/booking';
import type { StoreData } from '../store/store-data';
import { sameBooking } from './merge-booking';
import type { PlanItem } from './import-plan';

/**
 * The commit's part inside the store's mutate: the previewed changes, on
 * the condition that the bookings they touch are still as the preview saw
 * them. If a sync or a click changed one in between, the whole import is
 * refused (the store then writes nothing) and the teacher previews again:
 * what is imported is always exactly what was shown. Synchronous and
 * without validation (done before, in chunks), as the store's mutate wants.
 */

function changedSincePreview(what: string): AppError {
  return new AppError('CONFLICT', `The bookings changed since the preview (${what}). Nothing was imported; preview the file again.`);
}

export function applyPlan(draft: StoreData, items: readonly PlanItem[]): { created: number; updated: number } {
  // One set per key, without building a string per booking: this runs in the store's (synchronous) mutation.
  const position = new Map<string, number>();
  const preferences = new Set<string>();
  const platformIds = new Set<string>();
  const events = new Set<string>();
  const bookings = draft.bookings;
  for (let i = 0; i < bookings.length; i++) {
    const b = bookings[i]!;
    position.set(b.id, i);
    if (b.preferenceId !== null) preferences.add(b.preferenceId);
    if (b.platformId !== null) platformIds.add(b.platformId);
    if (b.googleEventId !== null) events.add(b.googleEventId);
  }
  const added: Booking[] = [];
  let updated = 0;
  for (const item of items) {
    if (item.kind === 'updated') {
      const at = position.get(item.before.id);
      const current = at === undefined ? undefined : bookings[at];
      if (at === undefined || !current) throw changedSincePreview(`a booking of ${item.before.bookedBy.name} was removed`);
      if (current !== item.before && !sameBooking(current, item.before, true)) throw changedSincePreview(`the booking of ${current.bookedBy.name} on ${current.startTime} was changed`);
      bookings[at] = item.booking;
      updated++;
    } else if (item.kind === 'new') {
      const b = item.booking;
      const clash =
        position.has(b.id) ||
        (b.preferenceId !== null && preferences.has(b.preferenceId)) ||
        (b.platformId !== null && platformIds.has(b.platformId)) ||
        (b.googleEventId !== null && events.has(b.googleEventId));
      if (clash) throw changedSincePreview(`a class of ${b.bookedBy.name} on ${b.startTime} is already in the desk`);
      added.push(b);
    }
  }
  for (const b of added) bookings.push(b);
  return { created: added.length, updated };
}

/** The plan's changes, ready to apply on the very state the preview saw: built before the commit, in slices. */
export interface ReadyChanges {
  added: Booking[];
  /** Replacements by booking id. */
  updated: Map<string, Booking>;
}

/**
 * The commit when the store has not changed at all since the preview began
 * (same version): the plan was made on exactly this state, so nothing is
 * checked again; the mutator only appends the new bookings (one native
 * copy) and puts the updated ones in their place. (applyPlan, checking
 * every item, is for a store that changed in between.)
 */
export function applyUnchanged(draft: StoreData, ready: ReadyChanges): { created: number; updated: number } {
  if (ready.updated.size > 0) {
    const bookings = draft.bookings;
    for (let i = 0; i < bookings.length; i++) {
      const next = ready.updated.get(bookings[i]!.id);
      if (next) bookings[i] = next;
    }
  }
  draft.bookings = draft.bookings.concat(ready.added);
  return { created: ready.added.length, updated: ready.updated.size };
}
