import { AppError } from '../../shared/ipc/errors';
import type { AccountMethods } from '../auth/handlers';
import type { CalendarMethods } from '../calendar/handlers';
import type { Handlers } from './dispatch';

/**
 * Channels of the contract whose services are still being built. Each
 * answers plainly instead of failing obscurely; entries leave this file as
 * their features are wired in main/core.ts.
 */
type Unbuilt = Exclude<keyof Handlers, 'getAppStatus' | 'listWeek' | 'getBooking' | 'createBooking' | 'getSettings' | 'updateSettings' | AccountMethods | CalendarMethods>;

const notYet = () => {
  throw new AppError('NOT_CONFIGURED', 'This part of Teacher Desk is not available yet.');
};

export const unbuiltHandlers: Record<Unbuilt, () => never> = {
  previewImport: notYet,
  commitImport: notYet,
  searchBookings: notYet,
  exportBookings: notYet,
};
