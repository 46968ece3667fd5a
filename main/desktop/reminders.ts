import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Booking } from '../../shared/booking';
import type { Logger } from '../logger';
import { studentLabel, timeOfDay } from './next-classes';

/**
 * Class reminders, as plain data: which reminders are due now and when the
 * next one comes. The Electron layer only shows what this returns.
 *
 * Rules
 * - Only scheduled classes: none for pending, cancelled or completed ones.
 * - A reminder is due from `reminderMinutes` before the start until
 *   `reminderMinutes` into the class (never past its end). The second half is
 *   the catch-up: an app started 3 minutes before, or a few minutes into, a
 *   class that had no reminder still reminds once.
 * - Once per class: keyed by booking id + start instant, and the keys shown
 *   are persisted (reminders.json), so a restart does not remind again but a
 *   rescheduled class (new start) is reminded again.
 * - reminderMinutes 0 turns reminders off.
 */

export interface Reminder {
  key: string;
  bookingId: string;
  startTime: string;
  endTime: string;
  time: string;
  student: string;
  meetLink: string | null;
  /** Whole minutes until the start, rounded up; 0 or less once it started. */
  minutesUntilStart: number;
}

export interface ReminderPlan {
  /** Reminders to show now, earliest class first. */
  due: Reminder[];
  /** When the next reminder falls due, if any; the caller wakes up then. */
  nextAt: Date | null;
}

const MINUTE = 60_000;

/** One reminder per class and start: a rescheduled class gets a new key. */
export function reminderKey(booking: Pick<Booking, 'id' | 'startTime'>): string {
  const start = new Date(booking.startTime);
  return `${booking.id}@${Number.isNaN(start.getTime()) ? booking.startTime : start.toISOString()}`;
}

export function reminderPlan(
  bookings: readonly Booking[],
  now: Date,
  settings: { reminderMinutes: number; timeZone: string },
  shown: ReadonlySet<string>,
): ReminderPlan {
  const minutes = settings.reminderMinutes;
  if (!(minutes > 0)) return { due: [], nextAt: null };
  const lead = minutes * MINUTE;
  const at = now.getTime();
  const due: Reminder[] = [];
  let nextAt: number | null = null;

  for (const booking of bookings) {
    if (booking.status !== 'scheduled') continue;
    const start = Date.parse(booking.startTime);
    const end = Date.parse(booking.endTime);
    if (!Number.isFinite(start) || !Number.isFinite(end)) continue;
    const key = reminderKey(booking);
    if (shown.has(key)) continue;
    const from = start - lead;
    const until = Math.min(start + lead, end);
    if (at < from) {
      nextAt = nextAt === null ? from : Math.min(nextAt, from);
    } else if (at < until) {
      due.push({
        key,
        bookingId: booking.id,
        startTime: booking.startTime,
        endTime: booking.endTime,
        time: timeOfDay(new Date(start), settings.timeZone),
        student: studentLabel(booking),
        meetLink: booking.meetLink,
        minutesUntilStart: Math.ceil((start - at) / MINUTE),
      });
    }
  }
  due.sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime) || a.key.localeCompare(b.key));
  return { due, nextAt: nextAt === null ? null : new Date(nextAt) };
}

// ---------------------------------------------------------------------------
// The record of reminders already shown (reminders.json in the data directory).

/** Where the record is kept: a file in the app, memory in tests. */
export interface TextStorage {
  /** The stored text, or null when there is none yet. */
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

export interface ReminderLog {
  shown(): ReadonlySet<string>;
  /** Records reminders as shown and persists the record (old entries are dropped). */
  markShown(reminders: readonly Pick<Reminder, 'key' | 'startTime'>[], now: Date): Promise<void>;
}

const RecordSchema = z.object({
  version: z.literal(1),
  shown: z.record(z.string(), z.object({ startTime: z.string(), shownAt: z.string() })),
});
type ReminderRecord = z.infer<typeof RecordSchema>;

/** Entries for classes that started longer ago than this are forgotten. */
const KEEP_MS = 3 * 24 * 60 * MINUTE;

export async function openReminderLog(storage: TextStorage, log: Logger): Promise<ReminderLog> {
  let record: ReminderRecord = { version: 1, shown: {} };
  try {
    const text = await storage.read();
    if (text !== null) {
      const parsed = RecordSchema.safeParse(JSON.parse(text));
      if (parsed.success) record = parsed.data;
      else log.warn('the reminder record cannot be read; starting a new one', { issues: parsed.error.issues.length });
    }
  } catch (error) {
    // A lost record means at worst a reminder shown a second time.
    log.warn('the reminder record cannot be read; starting a new one', { error: error instanceof Error ? error.message : String(error) });
  }
  let keys = new Set(Object.keys(record.shown));
  let writing: Promise<void> = Promise.resolve();

  return {
    shown: () => keys,
    markShown(reminders, now) {
      const shownAt = now.toISOString();
      for (const reminder of reminders) record.shown[reminder.key] = { startTime: reminder.startTime, shownAt };
      const cutoff = now.getTime() - KEEP_MS;
      record.shown = Object.fromEntries(Object.entries(record.shown).filter(([, entry]) => !(Date.parse(entry.startTime) < cutoff)));
      keys = new Set(Object.keys(record.shown));
      const text = `${JSON.stringify(record, null, 2)}\n`;
      writing = writing.catch(() => {}).then(() => storage.write(text));
      return writing;
    },
  };
}

/** A file written atomically (temporary file, then rename), like the booking store. */
export function fileTextStorage(path: string): TextStorage {
  return {
    async read() {
      try {
        return await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(text) {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, text, 'utf8');
      await rename(temporary, path);
    },
  };
}

export function memoryTextStorage(initial: string | null = null): TextStorage & { text: string | null } {
  const storage = {
    text: initial,
    async read() {
      return storage.text;
    },
    async write(text: string) {
      storage.text = text;
    },
  };
  return storage;
}
