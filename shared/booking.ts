import { z } from 'zod';

/**
 * A booked class. Every field of the platform's VirtualClass is here, under
 * the names the desk uses: the platform keeps the Meet link in `htmlLink`;
 * the desk calls it `meetLink` and keeps the calendar event's own link in
 * `calendarLink`, so the two can never be confused again.
 */

export const CLASS_TYPES = ['individual', 'grupal'] as const;
export const ClassTypeSchema = z.enum(CLASS_TYPES);
export type ClassType = z.infer<typeof ClassTypeSchema>;

export const BOOKING_STATUSES = ['pending', 'scheduled', 'completed', 'cancelled'] as const;
export const BookingStatusSchema = z.enum(BOOKING_STATUSES);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

export const HOST_TYPES = ['anfitrion', 'invitado'] as const;
export const HostTypeSchema = z.enum(HOST_TYPES);
export type HostType = z.infer<typeof HostTypeSchema>;

/** Where the desk learned of the booking. */
export const BookingSourceSchema = z.enum(['platform', 'manual', 'calendar']);
export type BookingSource = z.infer<typeof BookingSourceSchema>;

/** Group classes take 2 to 5 students; individual classes 1 (platform rule). */
export const PARTICIPANT_LIMITS: Record<ClassType, { min: number; max: number }> = {
  individual: { min: 1, max: 1 },
  grupal: { min: 2, max: 5 },
};

/** Characters of an access code: no 0/O, 1/I/L, so it can be read aloud. */
export const ACCESS_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ACCESS_CODE_LENGTH = 8;
export const AccessCodeSchema = z
  .string()
  .regex(new RegExp(`^[${ACCESS_CODE_ALPHABET}]{${ACCESS_CODE_LENGTH}}$`), 'access code must be 8 characters without ambiguous ones (0, O, 1, I, L)');

export const IsoInstantSchema = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone offset, like 2026-11-24T17:00:00-03:00' });

export const PersonSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(200),
  email: z.email('not a valid e-mail address').max(320),
  /** From the platform's User when an export carries it (nivel, localidad, telefono); absent otherwise. */
  level: z.string().trim().min(1).max(50).optional(),
  town: z.string().trim().min(1).max(200).optional(),
  phone: z.string().trim().min(1).max(50).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

/** Other students of a group class; the platform knows them by user id. */
export const ParticipantSchema = z.object({
  platformUserId: z.string().min(1).optional(),
  name: z.string().max(200).optional(),
  email: z.email().optional(),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/**
 * Whether the student paid for the class. `paid` is MercadoPago's `approved`,
 * `waiting` its `pending`/`in_process`; `rejected` as it says. A booking with
 * no `payment` is unknown (a class made by hand, or an import without the
 * platform's PaymentMercadoPago file). `source: 'manual'` is the teacher's own
 * word (cash, transfer): an import never overwrites it.
 */
export const PAYMENT_STATES = ['paid', 'waiting', 'rejected'] as const;
export const PaymentStateSchema = z.enum(PAYMENT_STATES);
export type PaymentState = z.infer<typeof PaymentStateSchema>;

export const PaymentSchema = z
  .object({
    state: PaymentStateSchema,
    /** Whole Argentine pesos, when known. */
    amount: z.number().int().min(0).nullable(),
    /** When the payment reached its state (approved, or created while waiting), when known. */
    at: z.iso.datetime({ offset: true }).nullable(),
    source: z.enum(['platform', 'manual']),
  })
  .strict();
export type Payment = z.infer<typeof PaymentSchema>;

const httpsUrl = z.url({ protocol: /^https$/, message: 'must be an https link' });

export const BookingFieldsSchema = z.object({
  /** App-side id (UUID); stable for the life of the booking. */
  id: z.uuid(),
  /** MercadoPago preference of the platform; the key an import matches on. Absent on bookings made by hand. */
  preferenceId: z.string().trim().min(1).max(200).nullable(),
  /** The platform's VirtualClass _id, when it came from the platform. */
  platformId: z.string().min(1).nullable(),
  source: BookingSourceSchema,
  bookedBy: PersonSchema,
  participants: z.array(ParticipantSchema).max(5),
  startTime: IsoInstantSchema,
  endTime: IsoInstantSchema,
  classType: ClassTypeSchema,
  maxParticipants: z.number().int().min(1).max(5),
  currentParticipants: z.number().int().min(0).max(5),
  /** Price in whole Argentine pesos. */
  classPrice: z.number().int().min(0),
  learningFocus: z.string().max(100, 'learning focus is at most 100 characters').nullable(),
  hostType: HostTypeSchema,
  status: BookingStatusSchema,
  googleEventId: z.string().min(1).nullable(),
  accessCode: AccessCodeSchema.nullable(),
  meetLink: httpsUrl.nullable(),
  calendarLink: httpsUrl.nullable(),
  summary: z.string().max(500),
  /** Absent: payment unknown. */
  payment: PaymentSchema.optional(),
  createdAt: IsoInstantSchema,
  updatedAt: IsoInstantSchema,
});

type BookingShape = z.infer<typeof BookingFieldsSchema>;

/** Rules that tie fields together, shared by every schema that builds a booking. */
export function checkBookingRules(b: Pick<BookingShape, 'startTime' | 'endTime' | 'classType' | 'maxParticipants' | 'currentParticipants'>, ctx: z.RefinementCtx): void {
  if (Date.parse(b.endTime) <= Date.parse(b.startTime)) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'end time must be after start time' });
  }
  const limits = PARTICIPANT_LIMITS[b.classType];
  if (b.maxParticipants < limits.min || b.maxParticipants > limits.max) {
    ctx.addIssue({
      code: 'custom',
      path: ['maxParticipants'],
      message: `${b.classType} classes take ${limits.min === limits.max ? limits.min : `${limits.min} to ${limits.max}`} participant${limits.max === 1 ? '' : 's'}`,
    });
  }
  if (b.currentParticipants > b.maxParticipants) {
    ctx.addIssue({ code: 'custom', path: ['currentParticipants'], message: 'more participants than the class allows' });
  }
}

export const BookingSchema = BookingFieldsSchema.superRefine(checkBookingRules);
export type Booking = z.infer<typeof BookingSchema>;

/**
 * What a person types to add a class by hand (issue 6 builds the form).
 * Strict, nested objects too: what only main sets (id, status, source,
 * meetLink…) is refused, not silently dropped.
 */
export const NewBookingSchema = BookingFieldsSchema.pick({
  startTime: true,
  endTime: true,
  classType: true,
  maxParticipants: true,
  classPrice: true,
  learningFocus: true,
})
  .extend({
    bookedBy: PersonSchema.strict(),
    preferenceId: BookingFieldsSchema.shape.preferenceId.optional().default(null),
    currentParticipants: BookingFieldsSchema.shape.currentParticipants.optional(),
    summary: BookingFieldsSchema.shape.summary.optional(),
  })
  .strict()
  .superRefine((b, ctx) => checkBookingRules({ ...b, currentParticipants: b.currentParticipants ?? 1 }, ctx));
export type NewBooking = z.input<typeof NewBookingSchema>;

/** Readable one-line reasons from a zod error: "endTime: end time must be after start time". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
