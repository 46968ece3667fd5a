import { AppError } from '../../shared/ipc/errors';
import { localDateOf, weekContaining } from '../../shared/week';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Handlers } from '../ipc/dispatch';
import type { SettingsStore } from '../settings/settings-store';
import type { BookingStore } from '../store/booking-store';
import { bookingFromNew } from './new-booking';

export interface BookingHandlerDeps {
  store: BookingStore;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
}

export function bookingHandlers({ store, settings, clock, events }: BookingHandlerDeps): Pick<Handlers, 'listWeek' | 'getBooking' | 'createBooking'> {
  return {
    listWeek({ day }) {
      const { timeZone, weekStartsOn } = settings.get();
      const week = weekContaining(day ?? localDateOf(clock(), timeZone), timeZone, weekStartsOn);
      const [from, to] = [Date.parse(week.from), Date.parse(week.to)];
      const busyBlocks = store.calendarState().busyBlocks.filter((block) => Date.parse(block.startTime) < to && Date.parse(block.endTime) > from);
      return { week, timeZone, bookings: store.inRange(week.from, week.to), busyBlocks };
    },
    getBooking({ id }) {
      const booking = store.get(id);
      if (!booking) throw new AppError('NOT_FOUND', 'That class is no longer in Teacher Desk.');
      return booking;
    },
    async createBooking(request) {
      const booking = bookingFromNew(request, settings.get(), clock());
      await store.mutate((draft) => {
        draft.bookings.push(booking);
      });
      events.emit('bookingsChanged', { reason: 'created' });
      return booking;
    },
  };
}
