import type { BookingStore } from '../../../main/store/booking-store';

/**
 * The real store, except that the next `times` mutates die before writing,
 * as if the app crashed between Google's answer and the local save.
 */
export function crashingStore(store: BookingStore, times = 1): BookingStore {
  let left = times;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'mutate') {
        return (fn: Parameters<BookingStore['mutate']>[0]) => {
          if (left > 0) {
            left--;
            return Promise.reject(new Error('simulated crash before the save'));
          }
          return target.mutate(fn);
        };
      }
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}
