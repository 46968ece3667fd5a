import { z } from 'zod';
import { IsoInstantSchema } from './booking';

/** Time taken on the calendar by an event the desk did not create: shown muted in the week, never as a class. */
export const BusyBlockSchema = z.object({
  eventId: z.string().min(1),
  startTime: IsoInstantSchema,
  endTime: IsoInstantSchema,
});
export type BusyBlock = z.infer<typeof BusyBlockSchema>;

/** What the desk remembers of its last sync with the calendar. */
export const CalendarStateSchema = z.object({
  calendarId: z.string().nullable(),
  syncToken: z.string().nullable(),
  lastSyncedAt: IsoInstantSchema.nullable(),
  busyBlocks: z.array(BusyBlockSchema),
});
export type CalendarState = z.infer<typeof CalendarStateSchema>;

export const EMPTY_CALENDAR_STATE: CalendarState = { calendarId: null, syncToken: null, lastSyncedAt: null, busyBlocks: [] };
