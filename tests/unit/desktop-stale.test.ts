import { describe, expect, it } from 'vitest';
import type { Booking } from '../../shared/booking';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { Dispatch } from '../../main/ipc/dispatch';
import { createDesktopService, type DesktopView } from '../../main/desktop/desktop-service';
import { trayMenuSpec } from '../../main/desktop/menu-spec';
import { staleClasses, type StaleEntry } from '../../main/desktop/stale-classes';
import { desktopStrings } from '../../main/desktop/strings';
import { memoryLogger } from '../../main/logger';
import { aBooking } from '../support/booking-fixture';

const NOW = new Date('2026-11-24T12:00:00Z');
const BA = 'America/Argentina/Buenos_Aires';
const soon = aBooking({ startTime: '2026-11-24T17:00:00-03:00', endTime: '2026-11-24T18:00:00-03:00', bookedBy: { name: 'Sin Pago', email: 'sin@example.com' } });
const paidSoon = aBooking({ startTime: '2026-11-24T18:00:00-03:00', endTime: '2026-11-24T19:00:00-03:00', payment: { state: 'paid', amount: 15000, at: null, source: 'platform' } });
const later = aBooking({ startTime: '2026-11-27T18:00:00-03:00', endTime: '2026-11-27T19:00:00-03:00' });

describe('stale unpaid classes in the tray', () => {
  it('lists the pending unpaid classes the rule flags, soonest first, in the teacher’s clock', () => {
    const stale = staleClasses([later, paidSoon, soon], NOW, BA, { waitingHours: 48, startWithinHours: 24 }, 'en');
    expect(stale).toEqual([{ id: soon.id, startTime: soon.startTime, when: 'Tue 24/11 17:00', student: 'Sin Pago', reason: 'starts-soon-unpaid' }]);
  });

  it('adds a section with Mark paid and a way to the queue, never a one-click cancel', () => {
    const entry: StaleEntry = { id: 'x', startTime: '', when: 'mar 24/11 17:00', student: 'Ana & Bea', reason: 'starts-soon-unpaid' };
    const spec = trayMenuSpec([], desktopStrings('es'), 'linux', [entry]);
    const at = spec.findIndex((item) => item.label === 'Sin pago, por confirmar (1)');
    expect(at).toBeGreaterThan(0);
    expect(spec[at + 1]).toEqual({
      label: 'mar 24/11 17:00 · Ana && Bea — empieza pronto sin pago',
      submenu: [
        { label: 'Marcar pagada', action: { kind: 'mark-paid', bookingId: 'x' } },
        { label: 'Revisar o cancelar en Teacher Desk…', action: { kind: 'open-queue' } },
      ],
    });
    expect(trayMenuSpec([], desktopStrings('es'), 'linux').some((item) => item.label?.startsWith('Sin pago'))).toBe(false);
  });

  it('the desktop service shows them and marks one paid through the core', async () => {
    const calls: { channel: string; payload: unknown }[] = [];
    const bookings: Booking[] = [soon, later];
    const dispatch: Dispatch = async (channel, payload) => {
      calls.push({ channel, payload });
      if (channel === 'settings:get') return { ok: true, value: { ...DEFAULT_SETTINGS, locale: 'en' } };
      if (channel === 'bookings:list-week') return { ok: true, value: { week: {}, timeZone: BA, bookings, busyBlocks: [] } };
      if (channel === 'bookings:get') return { ok: true, value: bookings.find((b) => b.id === (payload as { id: string }).id) };
      if (channel === 'bookings:set-payment') return { ok: true, value: soon };
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } };
    };
    const shown: StaleEntry[][] = [];
    const view: DesktopView = { showClasses: (_e, _s, stale) => shown.push([...stale]), remind: () => {}, shortcutChanged: () => {} };
    const service = createDesktopService({
      dispatch,
      events: { subscribe: () => () => {} },
      platform: { openExternal: async () => {}, openSignInPage: async () => {}, writeClipboard: async () => {}, saveFile: async (n) => n },
      clock: () => NOW,
      log: memoryLogger(),
      reminderLog: { shown: () => new Set(), markShown: async () => {} },
      view,
      timers: { setTimeout: () => 0, clearTimeout: () => {} },
    });
    await service.refresh();
    service.stop();
    expect(shown.at(-1)?.map((s) => s.id)).toEqual([soon.id]);
    expect(await service.markPaid(soon.id)).toBe(true);
    expect(calls.at(-1)).toEqual({ channel: 'bookings:set-payment', payload: { id: soon.id, payment: { state: 'paid', amount: 15000 } } });
  });
});
