import { z } from 'zod';
import { BookingSchema, IsoInstantSchema, NewBookingSchema, PaymentStateSchema } from '../booking';
import { BusyBlockSchema } from '../calendar';
import { EarningsSchema, StudentKeySchema, StudentSummarySchema, ToConfirmSchema } from './business';
import { OutboxActionSchema } from '../outbox';
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
    // No day: the week holding today in the teacher's zone, so that the page can ask for it before it knows the zone (first paint).
    z.object({ day: LocalDateSchema.optional() }).strict(),
    z.object({ week: WeekSchema, timeZone: z.string(), bookings: z.array(BookingSchema), busyBlocks: z.array(BusyBlockSchema) }),
  ),
  getBooking: channel('bookings:get', ById, BookingSchema),
  createBooking: channel('bookings:create', NewBookingSchema, BookingSchema),
  getSettings: channel('settings:get', Empty, SettingsSchema),
  updateSettings: channel('settings:update', SettingsPatchSchema, SettingsSchema),

  // Google account (issue 3)
  getAccount: channel('account:get', Empty, AccountStateSchema),
  setClientConfig: channel(
    'account:set-client',
    z.object({ clientId: z.string().trim().min(10, 'client id looks too short').max(300), clientSecret: z.string().trim().min(1, 'client secret is required').max(300) }).strict(),
    AccountStateSchema,
  ),
  signIn: channel('account:sign-in', Empty, AccountStateSchema),
  cancelSignIn: channel('account:cancel-sign-in', Empty, AccountStateSchema),
  signOut: channel('account:sign-out', Empty, z.object({ account: AccountStateSchema, message: z.string() })),
  retryKeychain: channel('account:restore', Empty, AccountStateSchema),

  // Calendar (issue 4)
  checkFreeBusy: channel('calendar:free-busy', ById, z.object({ overlaps: z.array(z.object({ startTime: IsoInstantSchema, endTime: IsoInstantSchema })) })),
  confirmBooking: channel('bookings:confirm', ById.extend({ sendUpdates: SendUpdatesSchema }).strict(), BookingSchema),
  rescheduleBooking: channel(
    'bookings:reschedule',
    ById.extend({ startTime: IsoInstantSchema, endTime: IsoInstantSchema, sendUpdates: SendUpdatesSchema }).strict(),
    BookingSchema,
  ),
  cancelBooking: channel('bookings:cancel', ById.extend({ sendUpdates: SendUpdatesSchema }).strict(), BookingSchema),
  completeBooking: channel('bookings:complete', ById, BookingSchema),
  syncNow: channel('calendar:sync', Empty, SyncStatusSchema),
  getSyncStatus: channel('calendar:sync-status', Empty, SyncStatusSchema),

  // The desktop (issue 5): main looks the link up itself, so the page can never ask to open or copy arbitrary text.
  copyMeetLink: channel('bookings:copy-meet-link', ById, z.object({ copied: z.literal(true) })),
  openLink: channel('bookings:open-link', ById.extend({ which: z.enum(['meet', 'calendar']) }).strict(), z.object({ opened: z.literal(true) })),

  // Bookings in and out (issue 6)
  previewImport: channel(
    'import:preview',
    z.object({ fileName: z.string().min(1).max(500), content: z.string().max(200 * 1024 * 1024, 'file is larger than 200 MB') }).strict(),
    ImportPreviewSchema,
  ),
  commitImport: channel('import:commit', z.object({ previewId: z.string().min(1) }).strict(), z.object({ created: z.number().int(), updated: z.number().int() })),
  searchBookings: channel('bookings:search', z.object({ query: z.string().trim().min(1).max(200) }).strict(), z.object({ results: z.array(BookingSchema) })),
  exportBookings: channel(
    'bookings:export',
    z.object({ from: LocalDateSchema, to: LocalDateSchema, format: z.enum(['csv', 'ics']) }).strict(),
    z.object({ savedTo: z.string(), count: z.number().int() }),
  ),

  // The teacher's business (issue 12)
  /** The teacher's own word on a payment (cash, transfer); null forgets it (unknown). An import never overwrites it. */
  setPayment: channel(
    'bookings:set-payment',
    ById.extend({
      payment: z.object({ state: PaymentStateSchema, amount: z.number().int().min(0).max(100_000_000).nullable() }).strict().nullable(),
    }).strict(),
    BookingSchema,
  ),
  /** Every class waiting for the teacher: earliest first, paid first among equals, each with its stale flag. */
  listToConfirm: channel('business:to-confirm', Empty, ToConfirmSchema),
  /** The week, month and year holding `anchor`, in the teacher's zone, from the local store. */
  getEarnings: channel('business:earnings', z.object({ anchor: LocalDateSchema }).strict(), EarningsSchema),
  /** The figures getEarnings gives, as CSV, saved where the teacher chooses. */
  exportEarnings: channel('business:export-earnings', z.object({ anchor: LocalDateSchema, locale: z.enum(['es', 'en']) }).strict(), z.object({ savedTo: z.string() })),
  listStudents: channel('business:students', Empty, z.object({ students: z.array(StudentSummarySchema) })),
  getStudent: channel('business:student', StudentKeySchema, z.object({ student: StudentSummarySchema, upcoming: z.array(BookingSchema), past: z.array(BookingSchema) })),
  /** Main looks the e-mail up itself, so the page can never put arbitrary text on the clipboard. */
  copyStudentEmail: channel('business:copy-student-email', StudentKeySchema, z.object({ copied: z.literal(true) })),

  // The outbox (issue 15): class actions kept while Google cannot be reached.
  listOutbox: channel('outbox:list', Empty, OutboxListSchema),
  withdrawOutboxAction: channel('outbox:withdraw', z.object({ id: z.uuid('not an action id') }).strict(), OutboxListSchema),
  sendOutboxActionAnyway: channel('outbox:send-anyway', z.object({ id: z.uuid('not an action id') }).strict(), OutboxListSchema),
  // Telling the platform (issue 15): its classes the desk changed since the last such export; savedTo null when none did.
  exportPlatformChanges: channel('platform:export-changes', Empty, z.object({ savedTo: z.string().nullable(), count: z.number().int() })),
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type RequestOf<M extends Method> = z.input<Contract[M]['request']>;
export type ReplyOf<M extends Method> = z.output<Contract[M]['reply']>;

/** Pushes from main to the renderer. */
export const events = {
  bookingsChanged: { channel: 'event:bookings-changed', payload: z.object({ reason: z.string() }) },
  accountChanged: { channel: 'event:account-changed', payload: AccountStateSchema },
  syncStatusChanged: { channel: 'event:sync-status', payload: SyncStatusSchema },
  confirmProgress: { channel: 'event:confirm-progress', payload: z.object({ id: z.string(), step: ConfirmStepSchema, attempt: z.number().int().optional() }) },
  /** `queue` comes from the tray's stale classes: open the To-confirm queue. */
  menuCommand: { channel: 'event:menu-command', payload: z.object({ command: z.enum(['import', 'export', 'sync', 'settings', 'queue']) }) },
  outboxChanged: { channel: 'event:outbox-changed', payload: OutboxListSchema },
  importProgress: { channel: 'event:import-progress', payload: z.object({ done: z.number().int(), total: z.number().int(), phase: z.enum(['reading', 'checking', 'saving']) }) },
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]['payload']>;

export const methodByChannel: ReadonlyMap<string, Method> = new Map(
  (Object.keys(contract) as Method[]).map((method) => [contract[method].channel, method]),
);
