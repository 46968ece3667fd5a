import { z } from 'zod';
import { BookingSchema, NewBookingSchema } from '../booking';
import { SettingsPatchSchema, SettingsSchema } from '../settings';
import { LocalDateSchema } from '../week';

/**
 * The IPC contract: every channel between renderer and main, with the
 * schema of its request and of its reply. Main validates each request
 * against it, preload and the harness bridge build `window.api` from it,
 * and nothing else names a channel.
 */

const Empty = z.object({}).strict();
const ById = z.object({ id: z.uuid('not a booking id') }).strict();

export const NoticeSchema = z.object({
  kind: z.enum(['store-damaged', 'store-newer-version', 'settings-damaged']),
  message: z.string(),
  keptAs: z.string().optional(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const WeekSchema = z.object({
  start: LocalDateSchema,
  days: z.array(LocalDateSchema).length(7),
  from: z.string(),
  to: z.string(),
});

function channel<Req extends z.ZodType, Rep extends z.ZodType>(name: string, request: Req, reply: Rep) {
  return { channel: name, request, reply };
}

export const contract = {
  getAppStatus: channel(
    'app:status',
    Empty,
    z.object({ version: z.string(), notices: z.array(NoticeSchema) }),
  ),
  listWeek: channel(
    'bookings:list-week',
    z.object({ day: LocalDateSchema }).strict(),
    z.object({ week: WeekSchema, timeZone: z.string(), bookings: z.array(BookingSchema) }),
  ),
  getBooking: channel('bookings:get', ById, BookingSchema),
  createBooking: channel('bookings:create', NewBookingSchema, BookingSchema),
  getSettings: channel('settings:get', Empty, SettingsSchema),
  updateSettings: channel('settings:update', SettingsPatchSchema, SettingsSchema),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
export type ReplyOf<M extends Method> = z.output<Contract[M]['reply']>;

/** Pushes from main to the renderer. */
export const events = {
  bookingsChanged: { channel: 'event:bookings-changed', payload: z.object({ reason: z.string() }) },
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodByChannel: ReadonlyMap<string, Method> = new Map(
  (Object.keys(contract) as Method[]).map((method) => [contract[method].channel, method]),
);
