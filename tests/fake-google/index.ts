import { createFakeCalendar, type FakeCalendar } from './calendar';
import { createFakeOAuth, fakeOAuthEnv, type FakeOAuth } from './oauth';
import { startFakeGoogleServer, type FakeGoogleServer } from './server';
import { TokenRegistry } from './tokens';

/**
 * The whole fake Google on one loopback server: OAuth and Calendar share a
 * token registry, so a revoked grant stops calendar calls too. The state
 * lives in the route modules, so the server can be stopped (the app goes
 * offline) and started again on the same port with everything kept.
 */
export interface FakeGoogle {
  readonly oauth: FakeOAuth;
  readonly calendar: FakeCalendar;
  readonly tokens: TokenRegistry;
  readonly origin: string;
  readonly requestLog: string[];
  /** The env that points the app at this fake (OAuth endpoints, client, API root). */
  env(): Record<string, string>;
  /** Stops answering: connections are refused, as when the network is down. */
  stop(): Promise<void>;
  /** Answers again, on the same port, with the same state. */
  restart(): Promise<void>;
  /** Accepts connections but never answers, until answer() (see FakeGoogleServer.hang). */
  hang(): void;
  answer(): void;
  close(): Promise<void>;
}

export async function startFakeGoogle(options: { email?: string; calendarTimeZone?: string } = {}): Promise<FakeGoogle> {
  const tokens = new TokenRegistry();
  const oauth = createFakeOAuth({ tokens, email: options.email ?? 'teacher@example.com' });
  const calendar = createFakeCalendar({ tokens, calendarTimeZone: options.calendarTimeZone ?? 'America/Argentina/Buenos_Aires' });
  const modules = [oauth.route, calendar.route];
  const requestLog: string[] = [];
  const hang = { on: false };
  let server: FakeGoogleServer | null = await startFakeGoogleServer(modules, { requestLog, hang });
  const { port, origin } = server;
  return {
    oauth,
    calendar,
    tokens,
    origin,
    requestLog,
    env: () => ({ ...fakeOAuthEnv(origin, oauth), GOOGLE_API_ROOT_URL: `${origin}/` }),
    async stop() {
      await server?.close();
      server = null;
    },
    async restart() {
      if (server) return;
      server = await startFakeGoogleServer(modules, { port, requestLog, hang });
    },
    hang() {
      hang.on = true;
    },
    answer() {
      hang.on = false;
      server?.answer();
    },
    async close() {
      await server?.close();
      server = null;
    },
  };
}
