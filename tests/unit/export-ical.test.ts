import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { escapeText, foldLine, bookingsToIcs, ICS_PRODID } from '../../main/export/ical-export';
import { makeBookings } from '../bench/fixtures';

const NOW = new Date('2026-11-24T15:04:05.678Z');

function booking(changes: Partial<Booking>): Booking {
  return { ...makeBookings(1)[0]!, ...changes };
}

/** The logical lines of an iCalendar text: continuation lines joined back (RFC 5545 §3.1). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').slice(0, -1);
}

describe('iCalendar export', () => {
  it('writes a VCALENDAR with one VEVENT per booking, CRLF line ends and UTC times', () => {
    const b = booking({
      status: 'scheduled',
      startTime: '2026-12-01T17:00:00-03:00',
      endTime: '2026-12-01T18:00:00-03:00',
      meetLink: 'https://meet.google.com/abc-defg-hij',
      accessCode: 'K7M2Q9PX',
      learningFocus: 'Job interviews',
    });
    const ics = bookingsToIcs([b], NOW);
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    const lines = unfold(ics);
    expect(lines.slice(0, 6)).toEqual(['BEGIN:VCALENDAR', `PRODID:${ICS_PRODID}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Teacher Desk']);
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    const event = lines.slice(lines.indexOf('BEGIN:VEVENT'), lines.indexOf('END:VEVENT') + 1);
    expect(event).toEqual(
      expect.arrayContaining([
        `UID:${b.id}@teacher-desk`,
        'DTSTAMP:20261124T150405Z',
        'DTSTART:20261201T200000Z',
        'DTEND:20261201T210000Z',
        'STATUS:CONFIRMED',
        'URL:https://meet.google.com/abc-defg-hij',
        'LOCATION:https://meet.google.com/abc-defg-hij',
      ]),
    );
    const description = event.find((l) => l.startsWith('DESCRIPTION:'));
    expect(description).toContain(`Student: ${b.bookedBy.name} <${b.bookedBy.email}>\\n`);
    expect(description).toContain('Focus: Job interviews\\n');
    expect(description).toContain('Access code: K7M2Q9PX');
  });

  it('maps statuses: pending is tentative, cancelled cancelled, completed confirmed', () => {
    const statuses = (['pending', 'scheduled', 'completed', 'cancelled'] as const).map((status) => booking({ status }));
    const lines = unfold(bookingsToIcs(statuses, NOW)).filter((l) => l.startsWith('STATUS:'));
    expect(lines).toEqual(['STATUS:TENTATIVE', 'STATUS:CONFIRMED', 'STATUS:CONFIRMED', 'STATUS:CANCELLED']);
  });

  it('escapes backslash, semicolon, comma and line breaks in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
    const ics = bookingsToIcs([booking({ learningFocus: 'Verbs; tenses, and\nmore \\ stuff', meetLink: null })], NOW);
    expect(unfold(ics).find((l) => l.startsWith('DESCRIPTION:'))).toContain('Focus: Verbs\\; tenses\\, and\\nmore \\\\ stuff');
    expect(ics).not.toMatch(/^URL:/m);
  });

  it('removes control characters from text (RFC 5545 forbids them in TEXT), keeping tabs and escaped line breaks', () => {
    const controls = Array.from({ length: 0x20 }, (_, c) => String.fromCharCode(c)).join('') + '\u007f';
    // Of U+0000–U+001F and U+007F only the tab stays, and LF and CR, each escaped as \n.
    expect(escapeText(`a${controls}b`)).toBe('a\t\\n\\nb');
    expect(escapeText('bell\u0007 escape\u001b[31m red\u0000')).toBe('bell escape[31m red');
    const ics = bookingsToIcs(
      [
        booking({
          summary: 'Clase\u0007 de Inglés',
          learningFocus: 'Focus\u001b[2J\u0000',
          bookedBy: { name: 'Ana\u0008\u007f Pérez', email: 'ana@example.com' },
          meetLink: 'https://meet.google.com/abc-defg-hij\u0007',
        }),
      ],
      NOW,
    );
    // Only CRLF line ends and the tabs the text had; no other control character anywhere in the file.
    // eslint-disable-next-line no-control-regex
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0008\u000a-\u001f\u007f]/);
    const lines = unfold(ics);
    expect(lines).toContain('SUMMARY:Clase de Inglés – Ana Pérez');
    expect(lines.find((l) => l.startsWith('DESCRIPTION:'))).toContain('Focus: Focus[2J');
    // A link that holds a control character is no link to hand a calendar: left out of URL, cleaned in LOCATION.
    expect(lines.filter((l) => l.startsWith('URL:'))).toEqual([]);
    expect(lines).toContain('LOCATION:https://meet.google.com/abc-defg-hij');
  });

  it('leaves a link with a line break out, so it cannot start a new property or event', () => {
    const ics = bookingsToIcs([booking({ meetLink: 'https://meet.google.com/abc\r\nBEGIN:VEVENT' })], NOW);
    expect(ics.match(/^BEGIN:VEVENT/gm)).toHaveLength(1);
    expect(unfold(ics).filter((l) => l.startsWith('URL:'))).toEqual([]);
  });

  it('folds lines longer than 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'ñandú 🎓 '.repeat(30)}`;
    const folded = foldLine(line);
    const physical = folded.split('\r\n');
    expect(physical.length).toBeGreaterThan(1);
    for (const [i, part] of physical.entries()) {
      expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
      if (i > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\uFFFD');
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');

    const ics = bookingsToIcs([booking({ learningFocus: 'x'.repeat(100), bookedBy: { name: 'José María Fernández de la Peña y Ñúñez', email: 'jose@example.com' } })], NOW);
    for (const l of ics.split('\r\n')) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('writes an empty calendar for no bookings', () => {
    expect(unfold(bookingsToIcs([], NOW))).toEqual(['BEGIN:VCALENDAR', `PRODID:${ICS_PRODID}`, 'VERSION:2.0', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Teacher Desk', 'END:VCALENDAR']);
  });
});
