import type { Booking } from '../../shared/booking';
import { CSV_COLUMNS, guardFormula, type CsvColumn } from '../import/csv-columns';
import { writeCsv } from '../import/csv';
import { zonedIso } from '../import/instant';

/**
 * Bookings as CSV with the columns the import reads, so a file exported
 * here imports back into the same bookings. Times are written in the
 * teacher's zone with their offset; the BOM lets Excel see UTF-8 (accents
 * in names); every cell is guarded against formula injection.
 */

function cells(b: Booking, timeZone: string): Record<CsvColumn, string> {
  return {
    id: b.id,
    preferenceId: b.preferenceId ?? '',
    platformId: b.platformId ?? '',
    source: b.source,
    status: b.status,
    studentName: b.bookedBy.name,
    studentEmail: b.bookedBy.email,
    studentLevel: b.bookedBy.level ?? '',
    studentTown: b.bookedBy.town ?? '',
    studentPhone: b.bookedBy.phone ?? '',
    startTime: zonedIso(Date.parse(b.startTime), timeZone),
    endTime: zonedIso(Date.parse(b.endTime), timeZone),
    timeZone,
    classType: b.classType,
    maxParticipants: String(b.maxParticipants),
    currentParticipants: String(b.currentParticipants),
    classPrice: String(b.classPrice),
    learningFocus: b.learningFocus ?? '',
    hostType: b.hostType,
    googleEventId: b.googleEventId ?? '',
    accessCode: b.accessCode ?? '',
    meetLink: b.meetLink ?? '',
    calendarLink: b.calendarLink ?? '',
    summary: b.summary,
    participants: b.participants.length ? JSON.stringify(b.participants) : '',
    paymentState: b.payment?.state ?? '',
    paymentAmount: b.payment?.amount != null ? String(b.payment.amount) : '',
    paymentAt: b.payment?.at ?? '',
    paymentSource: b.payment?.source ?? '',
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

export function bookingsToCsv(bookings: readonly Booking[], timeZone: string): string {
  const rows = bookings.map((b) => {
    const row = cells(b, timeZone);
    // Every cell, whatever its column: ids come from the platform and can hold a formula too.
    return CSV_COLUMNS.map((column) => guardFormula(row[column]));
  });
  return '\uFEFF' + writeCsv([[...CSV_COLUMNS], ...rows]);
}
