import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { AppError } from '../../shared/ipc/errors';
import { bookingsToCsv } from '../../main/export/csv-export';
import { bookingsInLocalRange } from '../../main/export/export-range';
import { buildExport, exportBookings } from '../../main/export/export-service';
import { parseCsv } from '../../main/import/csv';
import { CSV_COLUMNS } from '../../main/import/csv-columns';
import { memoryLogger } from '../../main/logger';
import { makeBookings } from '../bench/fixtures';

const BA = 'America/Argentina/Buenos_Aires';
const NOW = new Date('2026-11-24T15:00:00Z');

const at = (b: Booking, startTime: string, endTime: string): Booking => ({ ...b, startTime, endTime });

describe('export range', () => {
  const [a, b, c, d] = makeBookings(4);
  const bookings = [
    at(d!, '2026-12-08T00:30:00-03:00', '2026-12-08T01:30:00-03:00'), // just after the range, local time
    at(a!, '2026-12-01T00:00:00-03:00', '2026-12-01T01:00:00-03:00'), // first instant of the first day
    at(b!, '2026-12-07T23:30:00-03:00', '2026-12-08T00:30:00-03:00'), // last day, inclusive
    at(c!, '2026-12-01T02:30:00Z', '2026-12-01T03:30:00Z'), // Nov 30 in Buenos Aires
  ];

  it('takes the local days of the zone, both ends included, in start order', () => {
    expect(bookingsInLocalRange(bookings, '2026-12-01', '2026-12-07', BA).map((x) => x.id)).toEqual([a!.id, b!.id]);
    // The same instants seen from Madrid fall on other days.
    expect(bookingsInLocalRange(bookings, '2026-12-01', '2026-12-01', 'Europe/Madrid').map((x) => x.id)).toEqual([c!.id, a!.id]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => bookingsInLocalRange(bookings, '2026-12-07', '2026-12-01', BA)).toThrow(new AppError('INVALID_REQUEST', 'The range ends (2026-12-01) before it starts (2026-12-07).'));
  });
});

describe('CSV export', () => {
  it('writes the import columns, a BOM, CRLF, times in the zone, and guards formulas', () => {
    const [b] = makeBookings(1);
    const odd: Booking = { ...b!, startTime: '2026-01-05T20:00:00Z', endTime: '2026-01-05T21:00:00Z', bookedBy: { name: '=cmd|calc', email: b!.bookedBy.email }, learningFocus: 'a, "b"\nc' };
    const csv = bookingsToCsv([odd], BA);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    const [header, row] = parseCsv(csv.slice(1));
    expect(header).toEqual([...CSV_COLUMNS]);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('startTime')).toBe('2026-01-05T17:00:00-03:00');
    expect(cell('timeZone')).toBe(BA);
    expect(cell('studentName')).toBe("'=cmd|calc");
    expect(cell('learningFocus')).toBe('a, "b"\nc');
  });

  it('guards every cell a spreadsheet would run as a formula, whatever its column (OWASP CSV injection)', () => {
    const [b] = makeBookings(1);
    const hostile: Booking = {
      ...b!,
      preferenceId: '=HYPERLINK("https://evil.example","pagar")',
      platformId: '+5491122334455',
      googleEventId: '@SUM(1+1)*cmd|calc',
      bookedBy: { name: '\r=1+1', email: b!.bookedBy.email },
      summary: '\t=1+1',
      learningFocus: '-2+3',
      participants: [{ platformUserId: '=x' }],
    };
    const [header, row] = parseCsv(bookingsToCsv([hostile], BA).slice(1));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('preferenceId')).toBe('\'=HYPERLINK("https://evil.example","pagar")');
    expect(cell('platformId')).toBe("'+5491122334455");
    expect(cell('googleEventId')).toBe("'@SUM(1+1)*cmd|calc");
    expect(cell('studentName')).toBe("'\r=1+1");
    expect(cell('summary')).toBe("'\t=1+1");
    expect(cell('learningFocus')).toBe("'-2+3");
    for (const value of row!) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('leaves numbers, times and links as they are: none of them starts like a formula', () => {
    const [b] = makeBookings(1);
    const [header, row] = parseCsv(bookingsToCsv([{ ...b!, meetLink: 'https://meet.google.com/abc-defg-hij', classPrice: 0 }], 'Etc/GMT+3').slice(1));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('classPrice')).toBe('0');
    expect(cell('startTime')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-03:00$/);
    expect(cell('timeZone')).toBe('Etc/GMT+3');
    expect(cell('meetLink')).toBe('https://meet.google.com/abc-defg-hij');
    expect(row!.filter((value) => value.startsWith("'"))).toEqual([]);
  });

  it('suggests a file name and hands the text to saveFile', async () => {
    const bookings = makeBookings(10);
    const saved: [string, string][] = [];
    const result = await exportBookings(
      {
        store: { all: () => bookings },
        settings: () => ({ timeZone: BA }),
        clock: () => NOW,
        log: memoryLogger(),
        saveFile: async (name, content) => {
          saved.push([name, content]);
          return `/exports/${name}`;
        },
      },
      { from: '2026-01-05', to: '2026-01-06', format: 'ics' },
    );
    expect(result).toEqual({ savedTo: '/exports/teacher-desk-classes-2026-01-05_2026-01-06.ics', count: 8 });
    expect(saved[0]![1].match(/BEGIN:VEVENT/g)).toHaveLength(8);
    expect(buildExport(bookings, { from: '2026-01-05', to: '2026-01-05', format: 'csv' }, { timeZone: BA, now: NOW }).suggestedName).toBe('teacher-desk-classes-2026-01-05.csv');
  });
});
