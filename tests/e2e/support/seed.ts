import type { Booking } from '../../../shared/booking';
import { openBookingStore } from '../../../main/store/booking-store';

export { bookingAt } from '../../support/booking-fixture';

/** Writes bookings into the data directory through the real store, before the app starts. */
export async function seedBookings(dataDir: string, bookings: Booking[]): Promise<void> {
  const store = await openBookingStore({ dataDir, clock: () => new Date() });
  await store.mutate((draft) => {
    draft.bookings.push(...bookings);
  });
}
