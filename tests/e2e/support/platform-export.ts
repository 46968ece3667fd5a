import { fromZonedTime } from 'date-fns-tz';

/**
 * Files as the platform's database hands them out, written by the tests
 * themselves: `mongoexport` of the VirtualClass collection, one document a
 * line, in MongoDB Extended JSON ({"$oid"}, {"$date": "…"} and
 * {"$date": {"$numberLong": "…"}}).
 */

export interface PlatformClass {
  oid: string;
  preferenceId: string;
  student: { name: string; email: string };
  /** Wall-clock day and time in `timeZone`. */
  day: string;
  time: string;
  timeZone: string;
  minutes?: number;
  classType?: string;
  maxParticipants?: number;
  classPrice?: number;
  learningFocus?: string;
  accessCode?: string;
  status?: string;
}

/** One VirtualClass document: the start as a relaxed {"$date": ISO}, the end as a canonical {"$date": {"$numberLong"}}. */
export function virtualClassDoc(c: PlatformClass): Record<string, unknown> {
  const start = fromZonedTime(`${c.day}T${c.time}:00`, c.timeZone).getTime();
  const end = start + (c.minutes ?? 60) * 60_000;
  const userOid = `b${c.oid.slice(1)}`;
  return {
    _id: { $oid: c.oid },
    bookedById: { $oid: userOid },
    bookedBy: c.student,
    startTime: { $date: new Date(start).toISOString() },
    endTime: { $date: { $numberLong: String(end) } },
    hostType: 'anfitrion',
    currentParticipants: 1,
    maxParticipants: c.maxParticipants ?? 1,
    classType: c.classType ?? 'individual',
    classPrice: c.classPrice ?? 15000,
    status: c.status ?? 'pending',
    summary: 'Clase de Inglés',
    learningFocus: c.learningFocus ?? 'Conversation',
    preferenceId: c.preferenceId,
    participantsIds: [{ $oid: userOid }],
    ...(c.accessCode !== undefined ? { accessCode: c.accessCode } : {}),
    createdAt: { $date: '2026-01-10T13:00:00.000Z' },
    updatedAt: { $date: { $numberLong: String(Date.parse('2026-01-10T13:05:00Z')) } },
  };
}

/** mongoexport's default output: one document per line. */
export function ndjson(docs: readonly unknown[]): string {
  return docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n';
}
