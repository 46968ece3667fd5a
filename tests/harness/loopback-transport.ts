import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../../main/core';
import { events as eventContract } from '../../shared/ipc/contract';

/**
 * Carries the IPC contract over loopback HTTP in place of Electron IPC.
 * Guarded three ways, because any web page the developer visits can send
 * requests to 127.0.0.1: the Host header must be ours (DNS rebinding), an
 * Origin, when sent, must be ours (cross-site pages), and every request
 * carries the per-run random token that only our own page is given.
 */
export const TOKEN_HEADER = 'x-teacher-desk-token';
// Imports send whole files (the contract allows 200 MB), so the body limit follows the contract.
const MAX_BODY = 201 * 1024 * 1024;

export function newRunToken(): string {
  return randomBytes(32).toString('base64url');
}

export interface LoopbackGuard {
  token: string;
  /** host:port as the browser sends it, e.g. 127.0.0.1:5173 */
  host: () => string;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Why a request is refused, or null when it is ours. */
export function refusal(req: IncomingMessage, guard: LoopbackGuard, requireToken: boolean): string | null {
  if (req.headers.host !== guard.host()) return 'wrong Host header';
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${guard.host()}`) return 'cross-origin request';
  if (requireToken && !sameToken(req.headers[TOKEN_HEADER] as string | undefined, guard.token)) return 'missing or wrong run token';
  return null;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/** POST /ipc/<channel> with a JSON body: answers the dispatcher's { ok, value | error } envelope. */
export async function handleInvoke(req: IncomingMessage, res: ServerResponse, core: Core, channel: string): Promise<void> {
  let payload: unknown;
  try {
    const text = await readBody(req);
    payload = text === '' ? undefined : JSON.parse(text);
  } catch (error) {
    send(res, 400, { ok: false, error: { code: 'INVALID_REQUEST', message: `Request on ${channel} refused: the body is not JSON (${(error as Error).message}).` } });
    return;
  }
  send(res, 200, await core.dispatch(channel, payload));
}

/** GET /events: a server-sent event stream of the core's pushes. */
export function handleEvents(req: IncomingMessage, res: ServerResponse, core: Core): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const unsubscribe = core.events.subscribe((event, payload) => {
    res.write(`data: ${JSON.stringify({ channel: eventContract[event].channel, payload })}\n\n`);
  });
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    unsubscribe();
  });
}
