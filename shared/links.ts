/**
 * Google's links as the desk keeps them: one form for each, the form the
 * open-external allow-list (main/desktop/external-url.ts) opens. A link read
 * from outside (an import, a calendar event) is brought to that form when it
 * names the same room or event with extra parameters (`?authuser=0`), and
 * left out otherwise, so every kept link is one the app can open.
 */

/** A Meet room, exactly: https://meet.google.com/abc-defg-hij. */
export const MEET_ROOM = /^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/;
/** A calendar event's htmlLink, exactly: https://(www|calendar).google.com/calendar/[u/N/]event?eid=… */
export const CALENDAR_EVENT = /^https:\/\/(?:www|calendar)\.google\.com\/calendar\/(?:u\/\d\/)?event\?eid=[A-Za-z0-9_-]+$/;

const LOOSE_MEET = /^https:\/\/meet\.google\.com\/([a-z]{3}-[a-z]{4}-[a-z]{3})(?:[?#][\x21-\x7e]*)?$/i;
const LOOSE_CALENDAR = /^https:\/\/(www|calendar)\.google\.com\/calendar\/(u\/\d\/)?event\?eid=([A-Za-z0-9_-]+)(?:[&#][\x21-\x7e]*)?$/i;

/** The room's link in its one form, or null when the text is not a Meet room link. */
export function meetRoomLink(raw: string): string | null {
  const m = LOOSE_MEET.exec(raw);
  return m ? `https://meet.google.com/${m[1]!.toLowerCase()}` : null;
}

/** The event's link in its one form, or null when the text is not a Google Calendar event link. */
export function calendarEventLink(raw: string): string | null {
  const m = LOOSE_CALENDAR.exec(raw);
  return m ? `https://${m[1]!.toLowerCase()}.google.com/calendar/${m[2] ?? ''}event?eid=${m[3]}` : null;
}
