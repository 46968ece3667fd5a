import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from '../../main/desktop/external-url';
import { calendarEventLink, meetRoomLink } from '../../shared/links';

/** Every link the desk keeps is one it can open: imports and calendar events are brought to the allow-list's form. */
describe('links kept in the one form the app opens', () => {
  it.each([
    ['https://meet.google.com/abc-defg-hij', 'https://meet.google.com/abc-defg-hij'],
    ['https://meet.google.com/abc-defg-hij?authuser=0', 'https://meet.google.com/abc-defg-hij'],
    ['https://meet.google.com/ABC-DEFG-HIJ#x', 'https://meet.google.com/abc-defg-hij'],
  ])('Meet %s -> %s, which opens', (raw, kept) => {
    expect(meetRoomLink(raw)).toBe(kept);
    expect(checkExternalUrl(kept).ok).toBe(true);
  });

  it.each([
    'https://meet.google.com/lookup/abcdef',
    'https://meet.google.com/abc-defg-hij/../../url?q=https://evil.com',
    'https://meet.google.com.evil.com/abc-defg-hij',
    'http://meet.google.com/abc-defg-hij',
    'https://meet.google.com/abc-defg-hij?q=a b',
  ])('not a Meet room: %s', (raw) => {
    expect(meetRoomLink(raw)).toBeNull();
  });

  it.each([
    ['https://www.google.com/calendar/event?eid=YWJj', 'https://www.google.com/calendar/event?eid=YWJj'],
    ['https://calendar.google.com/calendar/u/0/event?eid=YWJj&ctz=America/Argentina/Buenos_Aires', 'https://calendar.google.com/calendar/u/0/event?eid=YWJj'],
  ])('calendar %s -> %s, which opens', (raw, kept) => {
    expect(calendarEventLink(raw)).toBe(kept);
    expect(checkExternalUrl(kept).ok).toBe(true);
  });

  it.each([
    'https://calendar.google.com/../../url?q=https://evil.com',
    'https://www.google.com/calendar/..%2furl?q=https://evil.com',
    'https://calendar.google.com/calendar/r/week',
  ])('not an event link: %s', (raw) => {
    expect(calendarEventLink(raw)).toBeNull();
  });
});
