import type { calendar_v3 } from 'googleapis/build/src/apis/calendar';
import { AppError } from '../../shared/ipc/errors';
import type { EngineContext } from './context';
import { meetCreateRequest } from './event-body';
import { conferenceAttemptOf, conferenceRequestIdFor } from './event-ids';
import type { CalendarEvent } from './google-calendar';

export type MeetState = { state: 'ready'; uri: string } | { state: 'pending' } | { state: 'failed'; attempt: number } | { state: 'missing' };

/** Where the event's Meet conference stands. The link is the video entry point, and only when Google says success. */
export function meetStateOf(event: CalendarEvent): MeetState {
  const conference: calendar_v3.Schema$ConferenceData | undefined = event.conferenceData;
  const video = conference?.entryPoints?.find((e) => e.entryPointType === 'video' && e.uri?.startsWith('https://'));
  const status = conference?.createRequest?.status?.statusCode;
  if (video?.uri && (status === undefined || status === 'success')) return { state: 'ready', uri: video.uri };
  if (status === 'pending') return { state: 'pending' };
  if (status === 'failure') return { state: 'failed', attempt: conferenceAttemptOf(conference?.createRequest?.requestId) ?? 1 };
  return { state: 'missing' };
}

export interface MeetWaitOptions {
  /** False when this very call asked for the conference: a failure is then reported, not retried in a loop. */
  mayRenew: boolean;
  onWait?(attempt: number): void;
}

/**
 * Returns the event once its Meet link is ready: polls a pending
 * conference with growing pauses, and (once per call) asks again with a
 * new requestId when an earlier request ended in failure or is missing.
 */
export async function waitForMeet(ctx: EngineContext, bookingId: string, event: CalendarEvent, options: MeetWaitOptions): Promise<{ event: CalendarEvent; meetLink: string }> {
  const { calendarId } = ctx.settings();
  const eventId = event.id as string;
  let current = event;
  let mayRenew = options.mayRenew;
  for (let poll = 0; ; ) {
    const meet = meetStateOf(current);
    if (meet.state === 'ready') return { event: current, meetLink: meet.uri };
    if (meet.state === 'failed' || meet.state === 'missing') {
      if (!mayRenew) {
        throw new AppError('GOOGLE_ERROR', 'Google Calendar created the event but could not make its Meet link. Press Confirm again: Teacher Desk will ask for a new link on the same event.');
      }
      mayRenew = false;
      const attempt = meet.state === 'failed' ? meet.attempt + 1 : (conferenceAttemptOf(current.conferenceData?.createRequest?.requestId) ?? 0) + 1;
      ctx.log.info('asking google for a new meet link', { bookingId, attempt });
      current = await ctx.google.patchEvent(calendarId, eventId, { conferenceData: meetCreateRequest(conferenceRequestIdFor(eventId, attempt)) }, { sendUpdates: 'none', conferenceDataVersion: 1 });
      continue;
    }
    if (poll >= ctx.tuning.meetPolls) {
      throw new AppError('TIMEOUT', 'Google Calendar made the event, but its Meet link is still being prepared. Press Confirm again in a minute: Teacher Desk will pick up the same event, not make a second one.');
    }
    poll++;
    options.onWait?.(poll);
    await ctx.sleep(Math.min(ctx.tuning.meetPollMaxMs, ctx.tuning.meetPollBaseMs * 2 ** (poll - 1)));
    const read = await ctx.google.getEvent(calendarId, eventId);
    if (!read || read.status === 'cancelled') {
      throw new AppError('CONFLICT', 'The class event was deleted in Google Calendar while Teacher Desk waited for its Meet link. Nothing was saved; check Google Calendar.');
    }
    current = read;
  }
}
