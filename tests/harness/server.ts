import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Core } from '../../main/core';
import { handleEvents, handleInvoke, newRunToken, refusal, type LoopbackGuard } from './loopback-transport';

/**
 * The browser harness: serves the built renderer and the bridge script, and
 * carries the IPC contract to the same core Electron's main runs. Dev and
 * test only; nothing here is bundled into the app.
 */
export interface HarnessServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface HarnessServerOptions {
  core: Core;
  rendererDir: string;
  bridgeFile: string;
  port?: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

// The app's own CSP (see renderer/index.html), served as a header too.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The renderer's page with the run token and the bridge, which defines window.api before the app starts. */
async function indexPage(rendererDir: string, token: string): Promise<string> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const inject = `<meta name="teacher-desk-harness-token" content="${escapeAttr(token)}">\n    <script src="/harness/bridge.js"></script>`;
  return html.replace('</title>', `</title>\n    ${inject}`);
}

export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const token = newRunToken();
  const rendererDir = resolve(options.rendererDir);
  let host = '';
  const guard: LoopbackGuard = { token, host: () => host };

  const serveFile = async (res: ServerResponse, file: string) => {
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  };

  const route = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const isApi = url.pathname.startsWith('/ipc/') || url.pathname === '/events';
    const why = refusal(req, guard, isApi);
    if (why) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(`Refused: ${why}.`);
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/ipc/')) {
      await handleInvoke(req, res, options.core, decodeURIComponent(url.pathname.slice('/ipc/'.length)));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/events') {
      handleEvents(req, res, options.core);
      return;
    }
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const page = await indexPage(rendererDir, token);
      res.writeHead(200, { 'content-type': TYPES['.html']!, 'content-security-policy': CSP, 'cache-control': 'no-store' });
      res.end(page);
      return;
    }
    if (url.pathname === '/harness/bridge.js') {
      await serveFile(res, options.bridgeFile);
      return;
    }
    const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererDir + sep)) {
      res.writeHead(404).end('not found');
      return;
    }
    await serveFile(res, file);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`harness error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  return {
    url: `http://${host}/`,
    port,
    token,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
