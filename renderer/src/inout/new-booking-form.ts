import type { ClassType, NewBooking } from '../../../shared/booking';
import { toInstants } from '../details/reschedule-time';

/**
 * The "new class" form's rules, pure so they can be tested without a page.
 * They mirror shared/booking.ts's NewBookingSchema (main validates again),
 * without importing its zod schemas: the page ships no zod. The unit tests
 * check that both agree.
 */

/** Students per class type (the platform's rule; PARTICIPANT_LIMITS in shared/booking.ts). */
export const PARTICIPANTS: Record<ClassType, { min: number; max: number }> = {
  individual: { min: 1, max: 1 },
  grupal: { min: 2, max: 5 },
};

export const NAME_MAX = 200;
export const EMAIL_MAX = 320;
export const FOCUS_MAX = 100;
export const PRICE_MAX = 10_000_000;

/** What the platform charges, in whole pesos: 15,000 an individual class; a group class's total by its size. */
export const INDIVIDUAL_PRICE = 15_000;
export const GROUP_PRICES: Readonly<Record<number, number>> = { 2: 30_000, 3: 36_000, 4: 48_000, 5: 60_000 };

/** The same pattern zod's z.email() uses, so the form accepts exactly what main will. */
const EMAIL = /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

export function isEmail(text: string): boolean {
  return text.length <= EMAIL_MAX && EMAIL.test(text);
}

/** Participants that fit the class type: 1 for individual, 2 to 5 for a group (nearest allowed value). */
export function fitParticipants(classType: ClassType, participants: number): number {
  const { min, max } = PARTICIPANTS[classType];
  if (!Number.isFinite(participants)) return min;
  return Math.min(max, Math.max(min, Math.round(participants)));
}

/** The platform's price for a class type and size (the form's default; the teacher may change it). */
export function defaultPrice(classType: ClassType, participants: number): number {
  if (classType === 'individual') return INDIVIDUAL_PRICE;
  return GROUP_PRICES[fitParticipants('grupal', participants)] ?? GROUP_PRICES[2]!;
}

export interface NewBookingDraft {
  name: string;
  email: string;
  /** YYYY-MM-DD, a day in the teacher's zone. */
  date: string;
  /** HH:mm, 24-hour, in the teacher's zone. */
  time: string;
  durationMinutes: number;
  classType: ClassType;
  participants: number;
  focus: string;
  /** As typed: whole pesos. */
  price: string;
}

export type DraftField = 'name' | 'email' | 'date' | 'time' | 'duration' | 'participants' | 'focus' | 'price';
export type FieldProblem = 'required' | 'tooLong' | 'email' | 'date' | 'nonexistent' | 'duration' | 'participants' | 'price';
export type DraftProblems = Partial<Record<DraftField, FieldProblem>>;

/** Form fields in the order they appear, for focusing the first one with a problem. */
export const DRAFT_FIELDS: readonly DraftField[] = ['name', 'email', 'date', 'time', 'duration', 'participants', 'focus', 'price'];

/** Whole pesos from what was typed ("15000", " 15000 "); null when it is not a whole number of pesos. */
export function parsePrice(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value <= PRICE_MAX ? value : null;
}

/**
 * Every field's problem, and the request for `createBooking` when there is
 * none. The date and time are read in `timeZone` (not the machine's), and a
 * time the clocks skip that day is refused.
 */
export function checkDraft(draft: NewBookingDraft, timeZone: string): { problems: DraftProblems; request: NewBooking | null } {
  const problems: DraftProblems = {};
  const name = draft.name.trim();
  const email = draft.email.trim();
  if (!name) problems.name = 'required';
  else if (name.length > NAME_MAX) problems.name = 'tooLong';
  if (!email) problems.email = 'required';
  else if (!isEmail(email)) problems.email = 'email';
  if (!Number.isInteger(draft.durationMinutes) || draft.durationMinutes < 15 || draft.durationMinutes > 240) problems.duration = 'duration';
  const { min, max } = PARTICIPANTS[draft.classType];
  if (!Number.isInteger(draft.participants) || draft.participants < min || draft.participants > max) problems.participants = 'participants';
  const focus = draft.focus.trim();
  if (focus.length > FOCUS_MAX) problems.focus = 'tooLong';
  const price = parsePrice(draft.price);
  if (price === null) problems.price = draft.price.trim() === '' ? 'required' : 'price';

  let instants: { startTime: string; endTime: string } | null = null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.date)) problems.date = draft.date ? 'date' : 'required';
  else if (!/^\d{2}:\d{2}$/.test(draft.time)) problems.time = 'required';
  else if (!problems.duration) {
    const result = toInstants(draft.date, draft.time, draft.durationMinutes, timeZone);
    if (result === 'invalid') problems.date = 'date';
    else if (result === 'nonexistent') problems.time = 'nonexistent';
    else instants = result;
  }

  if (Object.keys(problems).length > 0 || !instants || price === null) return { problems, request: null };
  return {
    problems,
    request: {
      bookedBy: { name, email },
      startTime: instants.startTime,
      endTime: instants.endTime,
      classType: draft.classType,
      maxParticipants: draft.participants,
      classPrice: price,
      learningFocus: focus === '' ? null : focus,
    },
  };
}
