import type { Booking } from '../../shared/booking';
import type { Settings } from '../../shared/settings';
import type { LocalDate } from '../../shared/week';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { bookingsToCsv } from './csv-export';
import { bookingsInLocalRange } from './export-range';
import { bookingsToIcs } from './ical-export';
import type { SaveFile } from './save-file';

export type ExportFormat = 'csv' | 'ics';

export interface ExportRequest {
  from: LocalDate;
  to: LocalDate;
  format: ExportFormat;
}

export interface BuiltExport {
  content: string;
  suggestedName: string;
  count: number;
}

/** The file's text and a name to suggest, for bookings starting on local days from..to (inclusive) in `timeZone`. */
export function buildExport(bookings: readonly Booking[], request: ExportRequest, options: { timeZone: string; now: Date }): BuiltExport {
  const chosen = bookingsInLocalRange(bookings, request.from, request.to, options.timeZone);
  const range = request.from === request.to ? request.from : `${request.from}_${request.to}`;
  return {
    content: request.format === 'csv' ? bookingsToCsv(chosen, options.timeZone) : bookingsToIcs(chosen, options.now),
    suggestedName: `teacher-desk-classes-${range}.${request.format}`,
    count: chosen.length,
  };
}

export interface ExportDeps {
  /** all(): the stored bookings, read without copies. */
  store: { all(): readonly Booking[] };
  settings: () => Pick<Settings, 'timeZone'>;
  clock: Clock;
  saveFile: SaveFile;
  log: Logger;
}

/** Builds the file and hands it to saveFile; the reply of the `exportBookings` channel. */
export async function exportBookings(deps: ExportDeps, request: ExportRequest): Promise<{ savedTo: string; count: number }> {
  const built = buildExport(deps.store.all(), request, { timeZone: deps.settings().timeZone, now: deps.clock() });
  const savedTo = await deps.saveFile(built.suggestedName, built.content);
  deps.log.info('bookings exported', { format: request.format, count: built.count });
  return { savedTo, count: built.count };
}
