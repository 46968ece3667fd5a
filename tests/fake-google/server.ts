import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sendJson, type FakeRequest, type RouteModule } from './http';

/**
 * The fake Google: a real HTTP server on 127.0.0.1 that the app reaches
 * only through its configurable base URLs. Route modules (OAuth, Calendar)
 * are mounted on it; each owns its paths and state.
 */
export interface FakeGoogleServer {
  readonly origin: string;
  readonly port: number;
  /** Requests seen, oldest first ("GET /calendar/v3/..."), for tests that count calls. */
  readonly requestLog: string[];
  /**
   * Fault 'hang': connections are still accepted and requests read, but
   * nothing is answered (a silent Google, a captive portal). Holds until answer().
   */
  hang(): void;
  /** Ends the hang: new requests are answered; the held ones are dropped (their clients gave up). */
  answer(): void;
  readonly hanging: boolean;
  close(): Promise<void>;
}

export interface HangSwitch {
  on: boolean;
}

export async function startFakeGoogleServer(modules: RouteModule[], options: { port?: number; requestLog?: string[]; hang?: HangSwitch } = {}): Promise<FakeGoogleServer> {
  const requestLog = options.requestLog ?? [];
  const hang = options.hang ?? { on: false };
  const held = new Set<Socket>();
  const server: Server = createServer((raw, res) => {
    const chunks: Buffer[] = [];
    raw.on('data', (c: Buffer) => chunks.push(c));
    raw.on('end', () => {
      const url = new URL(raw.url ?? '/', `http://${raw.headers.host ?? '127.0.0.1'}`);
      const req: FakeRequest = { method: raw.method ?? 'GET', url, headers: raw.headers, body: Buffer.concat(chunks).toString('utf8'), raw, res };
      requestLog.push(`${req.method} ${url.pathname}${url.search}`);
      if (hang.on) {
        held.add(raw.socket);
        return;
      }
      void (async () => {
        try {
          for (const module of modules) {
            if (await module(req)) return;
          }
          sendJson(res, 404, { error: { code: 404, message: `Not Found: ${req.method} ${url.pathname}`, status: 'NOT_FOUND' } });
        } catch (error) {
          if (!res.headersSent) sendJson(res, 500, { error: { code: 500, message: `fake google failed: ${String(error)}`, status: 'INTERNAL' } });
          else res.destroy();
        }
      })();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requestLog,
    hang() {
      hang.on = true;
    },
    answer() {
      hang.on = false;
      for (const s of held) s.destroy();
      held.clear();
    },
    get hanging() {
      return hang.on;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
