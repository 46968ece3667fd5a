import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextClasses } from '../../main/desktop/next-classes';
import { aScheduledClass } from '../support/booking-fixture';

// The teacher works on Buenos Aires time (UTC-3) on a machine set to Tokyo
// (UTC+9): "today" is the teacher's day, never the machine's.
const machineZone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
});

const BA = 'America/Argentina/Buenos_Aires';

describe('nextClasses (teacher in Buenos Aires, machine in Tokyo)', () => {
  it('runs with the machine really on Tokyo time', () => {
    expect(new Date('2026-11-24T12:00:00Z').getTimezoneOffset()).toBe(-540);
  });

  const running = aScheduledClass('2026-11-24T22:00:00-03:00', '2026-11-24T23:00:00-03:00', { bookedBy: { name: 'Ana', email: 'ana@example.com' } });
  const later = aScheduledClass('2026-11-24T23:00:00-03:00', '2026-11-24T23:45:00-03:00', { bookedBy: { name: 'Bruno', email: 'bruno@example.com' } });
  const tomorrow = aScheduledClass('2026-11-25T00:30:00-03:00', '2026-11-25T01:30:00-03:00'); // the machine's "today" in Tokyo, not the teacher's
  const over = aScheduledClass('2026-11-24T20:00:00-03:00', '2026-11-24T21:00:00-03:00');
  const cancelled = aScheduledClass('2026-11-24T23:15:00-03:00', '2026-11-24T23:45:00-03:00', { status: 'cancelled' });
  const pending = aScheduledClass('2026-11-24T23:20:00-03:00', '2026-11-24T23:50:00-03:00', { status: 'pending' });
  const completed = aScheduledClass('2026-11-24T22:10:00-03:00', '2026-11-24T23:10:00-03:00', { status: 'completed' });
  const all = [tomorrow, later, over, cancelled, pending, completed, running];

  it("lists today's scheduled classes still to come and the one running now, on the teacher's clock", () => {
    const list = nextClasses(all, new Date('2026-11-24T22:30:00-03:00'), BA);
    expect(list.map((entry) => entry.id)).toEqual([running.id, later.id]);
    expect(list[0]).toMatchObject({ time: '22:00', student: 'Ana', inProgress: true, meetLink: running.meetLink });
    expect(list[1]).toMatchObject({ time: '23:00', student: 'Bruno', inProgress: false });
  });

  it('puts a class starting within 10 minutes first, ahead of the one still running (back-to-back classes)', () => {
    const list = nextClasses(all, new Date('2026-11-24T22:52:00-03:00'), BA);
    expect(list.map((entry) => entry.id)).toEqual([later.id, running.id]);
  });

  it('keeps a class that runs across midnight while it runs, and starts the new day after midnight', () => {
    const lateNight = aScheduledClass('2026-11-24T23:30:00-03:00', '2026-11-25T00:30:00-03:00');
    const morning = aScheduledClass('2026-11-25T09:00:00-03:00', '2026-11-25T10:00:00-03:00');
    const list = nextClasses([lateNight, morning, later], new Date('2026-11-25T00:10:00-03:00'), BA);
    expect(list.map((entry) => [entry.time, entry.inProgress])).toEqual([
      ['23:30', true],
      ['09:00', false],
    ]);
    // Just before midnight, tomorrow morning's class is not "today".
    expect(nextClasses([morning], new Date('2026-11-24T23:59:00-03:00'), BA)).toEqual([]);
  });

  it("uses the configured zone for the day and the times, not the machine's", () => {
    // 08:00 in Tokyo on the 25th is 20:00 on the 24th in Buenos Aires.
    const now = new Date('2026-11-25T08:00:00+09:00');
    expect(nextClasses([later, tomorrow], now, BA).map((entry) => entry.time)).toEqual(['23:00']);
    // The same instant for a teacher in Tokyo: the 25th, so the 00:30 (BA) class at 12:30 is today's.
    expect(nextClasses([later, tomorrow], now, 'Asia/Tokyo').map((entry) => entry.time)).toEqual(['11:00', '12:30']);
  });

  it('labels a group class with how many others come, and limits the list', () => {
    const group = aScheduledClass('2026-11-24T23:30:00-03:00', '2026-11-25T00:30:00-03:00', {
      classType: 'grupal',
      maxParticipants: 4,
      currentParticipants: 3,
      bookedBy: { name: 'Carla', email: 'carla@example.com' },
    });
    const list = nextClasses([later, group, running], new Date('2026-11-24T22:30:00-03:00'), BA, { limit: 2 });
    expect(list).toHaveLength(2);
    expect(nextClasses([group], new Date('2026-11-24T22:30:00-03:00'), BA)[0]?.student).toBe('Carla +2');
  });

  it('is empty when nothing is left today', () => {
    expect(nextClasses(all, new Date('2026-11-24T23:50:00-03:00'), BA)).toEqual([]);
    expect(nextClasses([], new Date(), BA)).toEqual([]);
  });
});
