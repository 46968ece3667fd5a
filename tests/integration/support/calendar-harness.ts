import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInTimeZone } from 'date-fns-tz';
import type { OAuth2Client } from 'google-auth-library';
import type { Booking } from '../../../shared/booking';
import { createCalendarEngine, type CalendarEngine, type CalendarEngineDeps, type CalendarSettings } from '../../../main/calendar/calendar-engine';
import { systemClock } from '../../../main/clock';
import { memoryLogger } from '../../../main/logger';
import { openBookingStore, type BookingStore } from '../../../main/store/booking-store';
import type { FakeCalendar } from '../../fake-google/calendar';
import type { FakeOAuth } from '../../fake-google/oauth';
import { answerChecker } from '../../fake-google/schema-check';
import type { FakeGoogleServer } from '../../fake-google/server';
import type { TokenRegistry } from '../../fake-google/tokens';
import { aBooking } from '../../support/booking-fixture';
import { startSignedInFakeGoogle, TEACHER } from './calendar-fake-google';

/**
 * The fake Google (OAuth + Calendar) on a real port, signed in, a real
 * booking store in a temp dir, and an engine wired to both with tiny
 * backoff sleeps. The process runs in Tokyo time while the desk is
 * configured for Buenos Aires, so any use of the machine's zone shows.
 */
process.env.TZ = 'Asia/Tokyo';

export const CONFIGURED_ZONE = 'America/Argentina/Buenos_Aires';
export { TEACHER };

export interface HarnessOptions {
  scopes?: readonly string[];
  engine?: Partial<CalendarEngineDeps>;
}

export interface CalendarHarness {
  server: FakeGoogleServer;
  fake: FakeCalendar;
  tokens: TokenRegistry;
  oauth: FakeOAuth;
  auth: OAuth2Client;
  /** Refresh-token grants the app asked the fake for. */
  refreshes(): number;
  store: BookingStore;
  settings: CalendarSettings;
  log: ReturnType<typeof memoryLogger>;
  engine: CalendarEngine;
  /** Backoff and poll waits the engine asked for, in ms. */
  sleeps: number[];
  invalidGrantCalls: number;
  /** Answers of the fake that do not match Google's schema. */
  schemaProblems: string[];
  newEngine(overrides?: Partial<CalendarEngineDeps>): CalendarEngine;
  addBooking(fields?: Partial<Booking>): Promise<Booking>;
  /** Opens the store file again, as a restarted app would. */
  reopenStore(): Promise<BookingStore>;
  close(): Promise<void>;
}

/** 17:00 in Buenos Aires, `days` from today. */
export function classStart(days: number, hour = 17): string {
  const day = formatInTimeZone(Date.now() + days * 86_400_000, CONFIGURED_ZONE, 'yyyy-MM-dd');
  return `${day}T${String(hour).padStart(2, '0')}:00:00-03:00`;
}

export function plusHours(iso: string, hours: number): string {
  return formatInTimeZone(Date.parse(iso) + hours * 3_600_000, CONFIGURED_ZONE, "yyyy-MM-dd'T'HH:mm:ssXXX");
}

export async function startCalendarHarness(options: HarnessOptions = {}): Promise<CalendarHarness> {
  const { server, fake, oauth, tokens, auth } = await startSignedInFakeGoogle(options.scopes);
  const checker = answerChecker();
  fake.onAnswer = checker.check;

  const dataDir = await mkdtemp(join(tmpdir(), 'desk-calendar-'));
  const log = memoryLogger();
  let store = await openBookingStore({ dataDir, clock: systemClock, log });
  const settings: CalendarSettings = { calendarId: 'primary', timeZone: CONFIGURED_ZONE, classDefaults: { summary: 'Clase de Inglés', durationMinutes: 60 } };
  const sleeps: number[] = [];

  const h: CalendarHarness = {
    server,
    fake,
    tokens,
    oauth,
    auth,
    refreshes: () => oauth.tokenRequests.filter((r) => r.grantType === 'refresh_token').length,
    get store() {
      return store;
    },
    settings,
    log,
    engine: undefined as unknown as CalendarEngine,
    sleeps,
    invalidGrantCalls: 0,
    schemaProblems: checker.problems,
    newEngine(overrides = {}) {
      return createCalendarEngine({
        getAuthClient: async () => auth,
        onInvalidGrant: () => {
          h.invalidGrantCalls++;
        },
        store,
        settings: () => settings,
        clock: systemClock,
        log,
        rootUrl: server.origin,
        sleep: async (ms) => {
          sleeps.push(ms);
          await new Promise((resolve) => setTimeout(resolve, 1));
        },
        random: () => 0.5,
        tuning: { requestTimeoutMs: 2_000 },
        ...options.engine,
        ...overrides,
      });
    },
    async addBooking(fields = {}) {
      const startTime = fields.startTime ?? classStart(2);
      const booking = aBooking({
        preferenceId: null,
        source: 'manual',
        bookedBy: { name: 'Lucía Pérez', email: 'lucia@example.com' },
        startTime,
        endTime: plusHours(startTime, 1),
        summary: '',
        ...fields,
      });
      await store.mutate((draft) => {
        draft.bookings.push(booking);
      });
      return booking;
    },
    async reopenStore() {
      await store.close();
      store = await openBookingStore({ dataDir, clock: systemClock, log });
      return store;
    },
    async close() {
      await store.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  h.engine = h.newEngine();
  return h;
}
