import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { createImportService } from '../../main/import/import-service';
import { memoryLogger } from '../../main/logger';
import { filesOf } from '../support/store-files';
import { classStart, CONFIGURED_ZONE, plusHours, TEACHER, type CalendarHarness } from './support/calendar-harness';
import { useCalendarHarness } from './support/use-calendar-harness';

/**
 * Nothing writes when nothing changed: a sync, a heal or an import that
 * changes nothing leaves the store's files (snapshot and journal) exactly as
 * they were, bytes and modification times, against the fake Google.
 */

let h: CalendarHarness;
useCalendarHarness((harness) => (h = harness));

// Long enough for any write in between to show in the modification times.
const tick = () => new Promise((resolve) => setTimeout(resolve, 30));

function foreignEvents(count: number): void {
  h.fake.addEvents(
    TEACHER,
    Array.from({ length: count }, (_, i) => {
      const start = plusHours(classStart(1, 8), i);
      return { summary: `Dentista ${i}`, start: { dateTime: start, timeZone: CONFIGURED_ZONE }, end: { dateTime: plusHours(start, 1), timeZone: CONFIGURED_ZONE } };
    }),
  );
}

describe('no write when nothing changed', () => {
  it('an incremental sync with no changes: one request, nothing written', async () => {
    foreignEvents(5);
    await h.addBooking();
    await h.engine.sync();
    const before = await filesOf(h.store);
    expect(before[0]!.bytes).not.toBeNull();
    await tick();
    h.fake.resetRequests();
    const summary = await h.engine.sync();
    expect(summary).toEqual({ mode: 'incremental', pages: 1, changed: 0, requests: 1 });
    expect(await filesOf(h.store)).toEqual(before);
    // The newer token is not lost: it is written with the next change or at quit.
    const token = h.store.calendarState().syncToken;
    const reopened = await h.reopenStore();
    expect(reopened.calendarState().syncToken).toBe(token);
  });

  it('a sync that only sees the desk’s own confirmed event writes nothing', async () => {
    const booking = await h.addBooking();
    await h.engine.confirm(booking.id);
    await h.engine.sync();
    const before = await filesOf(h.store);
    await tick();
    await h.engine.sync();
    expect(await filesOf(h.store)).toEqual(before);
  });

  it('a heal with nothing to finish writes nothing', async () => {
    await h.addBooking();
    await h.addBooking({ startTime: classStart(3) });
    const before = await filesOf(h.store);
    await tick();
    const summary = await h.engine.heal();
    expect(summary).toMatchObject({ checked: 2, adopted: [] });
    expect(await filesOf(h.store)).toEqual(before);
  });

  it('importing the same file again writes nothing', async () => {
    const imports = createImportService({ store: h.store, settings: () => DEFAULT_SETTINGS, clock: () => new Date('2026-11-24T15:00:00Z'), log: memoryLogger() });
    const start = Date.parse('2026-12-01T20:00:00Z');
    const docs = [0, 1, 2].map((i) => ({
      _id: { $oid: (0xa000 + i).toString(16).padStart(24, '0') },
      bookedBy: { name: `Alumna ${i}`, email: `alumna${i}@example.com` },
      startTime: { $date: new Date(start + i * 86_400_000).toISOString() },
      endTime: { $date: new Date(start + i * 86_400_000 + 3_600_000).toISOString() },
      hostType: 'anfitrion',
      currentParticipants: 1,
      maxParticipants: 1,
      classType: 'individual',
      classPrice: 15000,
      status: 'pending',
      preferenceId: `162275027-${i}`,
      createdAt: { $date: '2026-11-20T13:00:00.000Z' },
      updatedAt: { $date: '2026-11-20T13:05:00.000Z' },
    }));
    const file = { fileName: 'classes.json', content: docs.map((d) => JSON.stringify(d)).join('\n') + '\n' };
    const first = await imports.preview(file);
    expect(first.counts).toMatchObject({ new: 3, invalid: 0 });
    await imports.commit({ previewId: first.previewId });
    const before = await filesOf(h.store);
    await tick();
    const again = await imports.preview(file);
    expect(again.counts).toEqual({ new: 0, updated: 0, unchanged: 3, invalid: 0 });
    expect(await imports.commit({ previewId: again.previewId })).toEqual({ created: 0, updated: 0 });
    expect(await filesOf(h.store)).toEqual(before);
  });
});
