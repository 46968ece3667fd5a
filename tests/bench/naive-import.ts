import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BookingSchema, type Booking } from '../../shared/booking';
import { EMPTY_CALENDAR_STATE } from '../../shared/calendar';
import { parseCsv } from '../../main/import/csv';
import { resolveHeader } from '../../main/import/csv-columns';
import { unwrapExtendedJson } from '../../main/import/extended-json';
import { readRow, type ImportedRow } from '../../main/import/imported-row';

/**
 * The naive import the bench compares with, measured in the same run: the
 * whole file parsed at once on the main thread, every row read and
 * validated with zod, then everything stringified and written in one go.
 * No slicing, no worker, no matching (an empty desk): the fastest way to
 * get the rows in, and the one that blocks the window throughout.
 */

export type NaiveFormat = 'ndjson' | 'json array' | 'csv';

function rowsOf(format: NaiveFormat, content: string): Record<string, unknown>[] {
  if (format === 'ndjson') return content.split('\n').filter((line) => line.trim() !== '').map((line) => unwrapExtendedJson(JSON.parse(line)).value as Record<string, unknown>);
  if (format === 'json array') return (JSON.parse(content) as unknown[]).map((doc) => unwrapExtendedJson(doc).value as Record<string, unknown>);
  const [header, ...records] = parseCsv(content);
  const resolved = resolveHeader(header ?? []);
  if (!resolved.ok) throw new Error(resolved.reason);
  return records.map((cells) => Object.fromEntries(resolved.names.map((name, i) => [name, cells[i] ?? ''])));
}

function toBooking(row: ImportedRow, nowIso: string): Booking {
  return {
    id: row.deskId ?? randomUUID(),
    preferenceId: row.preferenceId,
    platformId: row.platformId,
    source: row.source ?? 'platform',
    bookedBy: row.bookedBy ?? { name: '?', email: 'unknown@example.com' },
    participants: row.participants ?? [],
    startTime: row.startTime,
    endTime: row.endTime,
    classType: row.classType,
    maxParticipants: row.maxParticipants,
    currentParticipants: row.currentParticipants ?? 1,
    classPrice: row.classPrice ?? 0,
    learningFocus: row.learningFocus ?? null,
    hostType: row.hostType ?? 'anfitrion',
    status: row.status,
    googleEventId: row.googleEventId,
    accessCode: row.accessCode,
    meetLink: row.meetLink,
    calendarLink: row.calendarLink,
    summary: row.summary ?? 'Clase de Inglés',
    createdAt: row.createdAt ?? nowIso,
    updatedAt: row.updatedAt ?? nowIso,
  };
}

/** Parses, validates and writes `content` into `dir`/bookings.json; returns how many bookings were written. */
export async function naiveImport(format: NaiveFormat, content: string, dir: string, timeZone: string, now: Date): Promise<number> {
  const nowIso = now.toISOString();
  const bookings: Booking[] = [];
  rowsOf(format, content).forEach((fields, i) => {
    const read = readRow({ line: i + 1, where: `row ${i + 1}`, fields }, { timeZone, companion: null, fromPlatform: format !== 'csv' });
    if (!read.ok) return;
    const checked = BookingSchema.safeParse(toBooking(read.row, nowIso));
    if (checked.success) bookings.push(checked.data);
  });
  await writeFile(join(dir, 'bookings.json'), JSON.stringify({ schemaVersion: 2, calendar: EMPTY_CALENDAR_STATE, bookings }));
  return bookings.length;
}
