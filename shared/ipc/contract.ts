import { z } from 'zod';
import { BookingSchema, IsoInstantSchema, NewBookingSchema, PaymentStateSchema } from '../booking';
import { BusyBlockSchema } from '../calendar';
import { EarningsSchema, StudentKeySchema, StudentSummarySchema, ToConfirmSchema } from './business';
import { OutboxActionSchema } from '../outbox';
import { SettingsPatchSchema, SettingsSchema } from '../settings';
import { LocalDateSchema } from '../week';
import { eventChannels, methodChannels, type EventChannelName, type MethodName } from './channels';

/**
 * The IPC contract: every channel between renderer and main (its name in
 * channels.ts), with the schema of its request and of its reply. Main validates each request
 * against it, preload and the harness bridge build `window.api` from it,
 * and nothing else names a channel.
 */

const Empty = z.object({}).strict();
const ById = z.object({ id: z.uuid('not a booking id') }).strict();

export const NoticeSchema = z.object({
  kind: z.enum(['store-damaged', 'store-newer-version', 'store-journal-torn', 'settings-damaged']),
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

/** The Google account as the UI sees it. Never carries a token or secret. */
export const AccountStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('not-configured') }),
  z.object({ kind: z.literal('signed-out') }),
  z.object({ kind: z.literal('signing-in') }),
  z.object({ kind: z.literal('connected'), email: z.string() }),
  z.object({ kind: z.literal('needs-reconnect'), email: z.string(), reason: z.string() }),
  z.object({ kind: z.literal('keychain-unavailable'), message: z.string() }),
  z.object({ kind: z.literal('keychain-locked'), message: z.string() }),
]);
export type AccountState = z.infer<typeof AccountStateSchema>;

export const SendUpdatesSchema = z.enum(['none', 'all']).default('none');

export const SyncStatusSchema = z.object({
  state: z.enum(['idle', 'syncing', 'offline', 'error', 'signed-out', 'keychain-unavailable', 'keychain-locked']),
  lastSyncedAt: z.string().nullable(),
  message: z.string().nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

export const ConfirmStepSchema = z.enum(['checking', 'creating', 'waiting-for-meet', 'saving', 'done']);

export const ImportPreviewSchema = z.object({
  previewId: z.string(),
  fileName: z.string(),
  format: z.enum(['mongoexport', 'json', 'csv']),
  counts: z.object({ new: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), invalid: z.number().int() }),
  invalid: z.array(z.object({ line: z.number().int(), reason: z.string() })),
  /** Rows that import, with something the teacher should know (unpaid, a status the desk kept, a dropped access code). */
  notes: z.array(z.object({ line: z.number().int(), kind: z.string(), message: z.string() })),
  /** Platform payments whose class is not in the desk yet, which the commit keeps (payments.json) until the class comes. */
  paymentsToKeep: z.number().int().optional(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

const OutboxListSchema = z.object({ actions: z.array(OutboxActionSchema) });

function io<Req extends z.ZodType, Rep extends z.ZodType>(request: Req, reply: Rep) {
  return { request, reply };
}

/** Each entry with its channel name from channels.ts, which has exactly the same keys (checked by `satisfies` below). */
function withChannels<S extends Record<string, object>, C extends { readonly [K in keyof S]: string }>(entries: S, channels: C): { readonly [K in keyof S]: S[K] & { readonly channel: C[K] } } {
  return Object.fromEntries(Object.entries(entries).map(([key, entry]) => [key, { ...entry, channel: channels[key as keyof S] }])) as { readonly [K in keyof S]: S[K] & { readonly channel: C[K] } };
}

const schemas = {
  getAppStatus: io(
    Empty,
    z.object({ version: z.string(), notices: z.array(NoticeSchema) }),
  ),
  // No day: the week holding today in the teacher's zone, so that the page can ask for it before it knows the zone (first paint).
  listWeek: io(
    z.object({ day: LocalDateSchema.optional() }).strict(),
    z.object({ week: WeekSchema, timeZone: z.string(), bookings: z.array(BookingSchema), busyBlocks: z.array(BusyBlockSchema) }),
  ),
  getBooking: io(ById, BookingSchema),
  createBooking: io(NewBookingSchema, BookingSchema),
  getSettings: io(Empty, SettingsSchema),
  updateSettings: io(SettingsPatchSchema, SettingsSchema),

  // Google account (issue 3)
  getAccount: io(Empty, AccountStateSchema),
  setClientConfig: io(
    z.object({ clientId: z.string().trim().min(10, 'client id looks too short').max(300), clientSecret: z.string().trim().min(1, 'client secret is required').max(300) }).strict(),
    AccountStateSchema,
  ),
  signIn: io(Empty, AccountStateSchema),
  cancelSignIn: io(Empty, AccountStateSchema),
  signOut: io(Empty, z.object({ account: AccountStateSchema, message: z.string() })),
  retryKeychain: io(Empty, AccountStateSchema),

  // Calendar (issue 4)
  checkFreeBusy: io(ById, z.object({ overlaps: z.array(z.object({ startTime: IsoInstantSchema, endTime: IsoInstantSchema })) })),
  confirmBooking: io(ById.extend({ sendUpdates: SendUpdatesSchema }).strict(), BookingSchema),
  rescheduleBooking: io(
    ById.extend({ startTime: IsoInstantSchema, endTime: IsoInstantSchema, sendUpdates: SendUpdatesSchema }).strict(),
    BookingSchema,
  ),
  cancelBooking: io(ById.extend({ sendUpdates: SendUpdatesSchema }).strict(), BookingSchema),
  completeBooking: io(ById, BookingSchema),
  syncNow: io(Empty, SyncStatusSchema),
  getSyncStatus: io(Empty, SyncStatusSchema),

  // The desktop (issue 5): main looks the link up itself, so the page can never ask to open or copy arbitrary text.
  copyMeetLink: io(ById, z.object({ copied: z.literal(true) })),
  openLink: io(ById.extend({ which: z.enum(['meet', 'calendar']) }).strict(), z.object({ opened: z.literal(true) })),

  // Bookings in and out (issue 6)
  previewImport: io(
    z.object({ fileName: z.string().min(1).max(500), content: z.string().max(200 * 1024 * 1024, 'file is larger than 200 MB') }).strict(),
    ImportPreviewSchema,
  ),
  commitImport: io(z.object({ previewId: z.string().min(1) }).strict(), z.object({ created: z.number().int(), updated: z.number().int() })),
  searchBookings: io(z.object({ query: z.string().trim().min(1).max(200) }).strict(), z.object({ results: z.array(BookingSchema) })),
  exportBookings: io(
    z.object({ from: LocalDateSchema, to: LocalDateSchema, format: z.enum(['csv', 'ics']) }).strict(),
    z.object({ savedTo: z.string(), count: z.number().int() }),
  ),

  // The teacher's business (issue 12)
  /** The teacher's own word on a payment (cash, transfer); null forgets it (unknown). An import never overwrites it. */
  setPayment: io(
    ById.extend({
      payment: z.object({ state: PaymentStateSchema, amount: z.number().int().min(0).max(100_000_000).nullable() }).strict().nullable(),
    }).strict(),
    BookingSchema,
  ),
  /** Every class waiting for the teacher: earliest first, paid first among equals, each with its stale flag. */
  listToConfirm: io(Empty, ToConfirmSchema),
  /** The week, month and year holding `anchor`, in the teacher's zone, from the local store. */
  getEarnings: io(z.object({ anchor: LocalDateSchema }).strict(), EarningsSchema),
  /** The figures getEarnings gives, as CSV, saved where the teacher chooses. */
  exportEarnings: io(z.object({ anchor: LocalDateSchema, locale: z.enum(['es', 'en']) }).strict(), z.object({ savedTo: z.string() })),
  listStudents: io(Empty, z.object({ students: z.array(StudentSummarySchema) })),
  getStudent: io(StudentKeySchema, z.object({ student: StudentSummarySchema, upcoming: z.array(BookingSchema), past: z.array(BookingSchema) })),
  /** Main looks the e-mail up itself, so the page can never put arbitrary text on the clipboard. */
  copyStudentEmail: io(StudentKeySchema, z.object({ copied: z.literal(true) })),

  // The outbox (issue 15): class actions kept while Google cannot be reached.
  listOutbox: io(Empty, OutboxListSchema),
  withdrawOutboxAction: io(z.object({ id: z.uuid('not an action id') }).strict(), OutboxListSchema),
  sendOutboxActionAnyway: io(z.object({ id: z.uuid('not an action id') }).strict(), OutboxListSchema),
  // Telling the platform (issue 15): its classes the desk changed since the last such export; savedTo null when none did.
  exportPlatformChanges: io(Empty, z.object({ savedTo: z.string().nullable(), count: z.number().int() })),
} satisfies { [M in MethodName]: { request: z.ZodType; reply: z.ZodType } };

export const contract = withChannels(schemas, methodChannels);

export type Contract = typeof contract;
export type Method = keyof Contract;
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
export type ReplyOf<M extends Method> = z.output<Contract[M]['reply']>;

/** Pushes from main to the renderer. */
const payloads = {
  bookingsChanged: { payload: z.object({ reason: z.string() }) },
  accountChanged: { payload: AccountStateSchema },
  syncStatusChanged: { payload: SyncStatusSchema },
  confirmProgress: { payload: z.object({ id: z.string(), step: ConfirmStepSchema, attempt: z.number().int().optional() }) },
  /** `queue` comes from the tray's stale classes: open the To-confirm queue. */
  menuCommand: { payload: z.object({ command: z.enum(['import', 'export', 'sync', 'settings', 'queue']) }) },
  outboxChanged: { payload: OutboxListSchema },
  importProgress: { payload: z.object({ done: z.number().int(), total: z.number().int(), phase: z.enum(['reading', 'checking', 'saving']) }) },
} satisfies { [E in EventChannelName]: { payload: z.ZodType } };

export const events = withChannels(payloads, eventChannels);
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodByChannel: ReadonlyMap<string, Method> = new Map(
  (Object.keys(contract) as Method[]).map((method) => [contract[method].channel, method]),
);
