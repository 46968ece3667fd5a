import { z } from 'zod';
import { BookingSchema } from '../booking';
import { CLASS_KINDS } from '../business/earnings';

/** Replies of the business channels (issue 12): the To-confirm queue, earnings, students. */

export const StaleReasonSchema = z.enum(['payment-waiting-too-long', 'starts-soon-unpaid']);

export const ToConfirmSchema = z.object({
  items: z.array(z.object({ booking: BookingSchema, stale: StaleReasonSchema.nullable() })),
});

const PeriodSchema = z.object({
  from: z.string(),
  to: z.string(),
  classesGiven: z.number().int(),
  minutesTaught: z.number().int(),
  studentsTaught: z.number().int(),
  cancelled: z.number().int(),
  incomeReceived: z.number().int(),
  incomeWaiting: z.number().int(),
  byKind: z.object(Object.fromEntries(CLASS_KINDS.map((k) => [k, z.number().int()])) as Record<(typeof CLASS_KINDS)[number], z.ZodNumber>),
});

const PointSchema = z.object({ key: z.string(), incomeReceived: z.number().int(), incomeWaiting: z.number().int(), minutesTaught: z.number().int(), classesGiven: z.number().int() });

export const EarningsSchema = z.object({
  timeZone: z.string(),
  week: PeriodSchema,
  month: PeriodSchema,
  year: PeriodSchema,
  byWeek: z.array(PointSchema),
  byMonth: z.array(PointSchema),
});

export const StudentSummarySchema = z.object({
  key: z.string(),
  name: z.string(),
  email: z.string(),
  level: z.string().nullable(),
  town: z.string().nullable(),
  phone: z.string().nullable(),
  classes: z.number().int(),
  paid: z.number().int(),
  unpaid: z.number().int(),
  cancelled: z.number().int(),
  first: z.string().nullable(),
  last: z.string().nullable(),
  next: z.string().nullable(),
});
export type StudentSummaryReply = z.infer<typeof StudentSummarySchema>;

export const StudentKeySchema = z.object({ key: z.string().trim().toLowerCase().min(3).max(320) }).strict();
