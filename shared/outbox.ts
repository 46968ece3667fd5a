import { z } from 'zod';
import { BookingStatusSchema, IsoInstantSchema } from './booking';

/**
 * A class action the teacher took while Google could not be reached, kept
 * until it is sent (issue 15). Main keeps the list; the renderer shows it.
 */
export const OUTBOX_KINDS = ['confirm', 'reschedule', 'cancel', 'complete'] as const;
export const OutboxKindSchema = z.enum(OUTBOX_KINDS);
export type OutboxKind = z.infer<typeof OutboxKindSchema>;

const SlotSchema = z.object({ startTime: IsoInstantSchema, endTime: IsoInstantSchema }).strict();

/** The class as the desk had it when the action was queued: what "the world changed meanwhile" is measured against. */
export const OutboxBasisSchema = z
  .object({
    status: BookingStatusSchema,
    startTime: IsoInstantSchema,
    endTime: IsoInstantSchema,
    googleEventId: z.string().nullable(),
  })
  .strict();
export type OutboxBasis = z.infer<typeof OutboxBasisSchema>;

export const CONFLICT_REASONS = ['slot-busy', 'event-deleted', 'event-moved', 'class-changed', 'refused'] as const;
export const ConflictReasonSchema = z.enum(CONFLICT_REASONS);
export type ConflictReason = z.infer<typeof ConflictReasonSchema>;

/** Both sides, for the teacher to choose: what she asked for, and what Google Calendar or the desk has now. */
export const OutboxConflictSchema = z
  .object({
    reason: ConflictReasonSchema,
    message: z.string(),
    asked: z.object({ status: BookingStatusSchema, startTime: IsoInstantSchema, endTime: IsoInstantSchema }).strict(),
    now: z
      .object({
        status: BookingStatusSchema.nullable(),
        startTime: IsoInstantSchema.nullable(),
        endTime: IsoInstantSchema.nullable(),
        busy: z.array(SlotSchema),
      })
      .strict(),
    /** Whether "send anyway" makes sense (a busy slot, a moved event); otherwise only withdrawing does. */
    canSendAnyway: z.boolean(),
  })
  .strict();
export type OutboxConflict = z.infer<typeof OutboxConflictSchema>;

export const OutboxActionSchema = z
  .object({
    id: z.uuid(),
    bookingId: z.uuid(),
    kind: OutboxKindSchema,
    sendUpdates: z.enum(['none', 'all']),
    /** The new times of a reschedule. */
    slot: SlotSchema.nullable(),
    queuedAt: IsoInstantSchema,
    basis: OutboxBasisSchema,
    state: z.enum(['waiting', 'conflict']),
    conflict: OutboxConflictSchema.nullable(),
    /** The teacher chose "send anyway": the busy slot or moved event is not asked about again. */
    force: z.boolean(),
  })
  .strict();
export type OutboxAction = z.infer<typeof OutboxActionSchema>;

export const OutboxFileSchema = z.object({ version: z.literal(1), actions: z.array(OutboxActionSchema) }).strict();
export type OutboxFile = z.infer<typeof OutboxFileSchema>;
