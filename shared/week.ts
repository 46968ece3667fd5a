import { z } from 'zod';

export * from './week-range';

/** A calendar day, as the teacher reads it on the wall calendar. */
export const LocalDateSchema = z.iso.date({ message: 'must be a date like 2026-11-24' });
