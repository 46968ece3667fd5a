import { randomUUID } from 'node:crypto';
import type { Booking, NewBooking } from '../../shared/booking';
import { NewBookingSchema } from '../../shared/booking';
import type { Settings } from '../../shared/settings';

/** A pending booking made by hand: the desk's own id, no platform link yet. */
export function bookingFromNew(input: NewBooking, settings: Settings, now: Date): Booking {
  const fields = NewBookingSchema.parse(input);
  const stamp = now.toISOString();
  return {
    id: randomUUID(),
    preferenceId: fields.preferenceId ?? null,
    platformId: null,
    source: 'manual',
    bookedBy: fields.bookedBy,
    participants: [],
    startTime: fields.startTime,
    endTime: fields.endTime,
    classType: fields.classType,
    maxParticipants: fields.maxParticipants,
    currentParticipants: fields.currentParticipants ?? 1,
    classPrice: fields.classPrice,
    learningFocus: fields.learningFocus,
    hostType: 'anfitrion',
    status: 'pending',
    googleEventId: null,
    accessCode: null,
    meetLink: null,
    calendarLink: null,
    summary: fields.summary ?? settings.classDefaults.summary,
    createdAt: stamp,
    updatedAt: stamp,
  };
}
