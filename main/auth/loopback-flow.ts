import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodeChallengeMethod, type Credentials, type OAuth2Client } from 'google-auth-library';
import { AppError } from '../../shared/ipc/errors';
import type { Logger } from '../logger';
import { renderCallbackPage } from './callback-page';
import { signInExchangeError } from './oauth-errors';

/** Where Google sends the browser back: http://127.0.0.1:<port>/oauth2callback. */
export const CALLBACK_PATH = '/oauth2callback';
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export interface LoopbackFlowOptions<T> {
  /** Configured with the app's client id, secret and endpoints. */
  client: OAuth2Client;
  scopes: readonly string[];
  /** Opens the consent page in the system browser. */
  openUrl(url: string): Promise<void>;
  /** Turns the tokens into the result (read the account, store the refresh token); its error is shown in the browser too. */
  complete(tokens: Credentials): Promise<T>;
  logger: Logger;
  timeoutMs?: number;
  /** Aborting cancels the flow: it rejects with CANCELLED (the reason, when an AppError, is used instead). */
  signal?: AbortSignal;
  /** Called once the listener is up (tests check the bound address). */
  onListening?(address: AddressInfo): void;
}

function cancelled(signal: AbortSignal | undefined): AppError {
  return signal?.reason instanceof AppError ? signal.reason : new AppError('CANCELLED', 'Sign-in was cancelled.');
}

async function listenOnLoopback(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only, never 0.0.0.0: the code must not be reachable from the network (RFC 8252 §8.3).
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return server;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    // Stops accepting at once; idle keep-alive sockets go now, a page still being written finishes (Connection: close).
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => {
      server.closeAllConnections();
      resolve();
    }, 2_000).unref();
  });
}

function answer(res: ServerResponse, status: number, outcome: { ok: boolean; message: string }): void {
  const body = renderCallbackPage(outcome);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    // The address bar holds the code; keep it out of any Referer.
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}

function plain(res: ServerResponse, status: 400 | 404, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', connection: 'close' });
  res.end(text);
}

function sameState(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a request is Google's redirect for this sign-in: GET on the
 * callback path, addressed to 127.0.0.1:<port> (a page in the browser that
 * reaches the port under another name, e.g. by DNS rebinding, is not), with
 * this sign-in's state. Anything else is answered and ignored: only the real
 * redirect may end the sign-in.
 */
function notTheRedirect(req: IncomingMessage, url: URL, expectedHost: string, expectedState: string): { status: 400 | 404; text: string } | null {
  if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) return { status: 404, text: 'Not found' };
  if (req.headers.host !== expectedHost) return { status: 400, text: 'Bad request' };
  if (!sameState(url.searchParams.get('state'), expectedState)) return { status: 400, text: 'Bad request' };
  return null;
}

/** Why Google's redirect (with the right state) is refused, or null when it carries a usable code. */
function refuseRedirect(params: URLSearchParams): AppError | null {
  const error = params.get('error');
  if (error === 'access_denied') {
    return new AppError('SIGN_IN_FAILED', 'Access was not granted: the Google consent screen was declined. Nothing was connected; connect again and choose Allow to use your calendar.');
  }
  if (error !== null) {
    const said = error.replace(/[^\w.-]/g, '').slice(0, 60) || 'unknown error';
    return new AppError('SIGN_IN_FAILED', `Google reported an error instead of signing in (${said}). Nothing was connected; try again.`);
  }
  if (!params.get('code')) {
    return new AppError('SIGN_IN_FAILED', "Google's answer had no authorization code. Nothing was connected; try again.");
  }
  return null;
}

/**
 * OAuth 2.0 for native apps (RFC 8252) in one call: a one-shot listener on
 * 127.0.0.1, the consent page in the system browser with a random state and
 * a PKCE S256 challenge, then the code exchanged with the verifier. Resolves
 * with what `complete` makes of the tokens; rejects with an AppError
 * (SIGN_IN_FAILED, CANCELLED, TIMEOUT). The listener is closed when the
 * promise settles.
 */
export async function runLoopbackFlow<T>(options: LoopbackFlowOptions<T>): Promise<T> {
  const { client, logger, signal } = options;
  if (signal?.aborted) throw cancelled(signal);
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS;
  const state = randomBytes(32).toString('base64url');
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  if (!codeChallenge) throw new AppError('INTERNAL', 'Could not make a PKCE challenge.');

  const server = await listenOnLoopback();
  const address = server.address() as AddressInfo;
  options.onListening?.(address);
  const expectedHost = `127.0.0.1:${address.port}`;
  const redirectUri = `http://${expectedHost}${CALLBACK_PATH}`;
  const authUrl = client.generateAuthUrl({
    access_type: 'offline',
    // Google hands out a refresh token only on consent; asking every time makes sure reconnecting gets a new one.
    prompt: 'consent',
    scope: [...options.scopes],
    state,
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
    redirect_uri: redirectUri,
  });

  return new Promise<T>((resolve, reject) => {
    let settled = false;
    let callbackTaken = false;

    const finish = (outcome: { value: T } | { error: AppError }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      void closeServer(server).then(() => ('value' in outcome ? resolve(outcome.value) : reject(outcome.error)));
    };

    const timer = setTimeout(() => {
      const minutes = Math.round(timeoutMs / 60_000);
      const within = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${Math.max(1, Math.round(timeoutMs / 1000))} seconds`;
      logger.warn('sign-in timed out waiting for the browser', { timeoutMs });
      finish({ error: new AppError('TIMEOUT', `Sign-in timed out: Google did not send the browser back to Teacher Desk within ${within}. Nothing was connected; try again.`) });
    }, timeoutMs);

    const onAbort = () => finish({ error: cancelled(signal) });
    signal?.addEventListener('abort', onAbort, { once: true });
    // Aborted while the listener was starting: the event has already fired.
    if (signal?.aborted) onAbort();

    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', redirectUri);
      // Browsers also ask for /favicon.ico, and any local page can send requests here: none of those ends the flow.
      const ignored = notTheRedirect(req, url, expectedHost, state);
      if (ignored) {
        logger.warn('sign-in listener ignored a request that is not the redirect', { status: ignored.status });
        plain(res, ignored.status, ignored.text);
        return;
      }
      if (callbackTaken || settled) {
        answer(res, 409, { ok: false, message: 'This sign-in has already been answered.' });
        return;
      }
      callbackTaken = true;
      clearTimeout(timer);
      void handleCallback(url.searchParams, res);
    });

    async function handleCallback(params: URLSearchParams, res: ServerResponse): Promise<void> {
      const refused = refuseRedirect(params);
      if (refused) {
        logger.warn('sign-in redirect refused', { reason: refused.message });
        answer(res, 400, { ok: false, message: refused.message });
        finish({ error: refused });
        return;
      }
      try {
        const { tokens } = await client.getToken({ code: params.get('code') ?? '', codeVerifier, redirect_uri: redirectUri });
        if (settled) throw cancelled(signal);
        const value = await options.complete(tokens);
        if (settled) throw cancelled(signal);
        answer(res, 200, { ok: true, message: 'Your Google Calendar is connected.' });
        finish({ value });
      } catch (error) {
        const failure = signInExchangeError(error);
        logger.warn('sign-in failed after the redirect', { code: failure.code, reason: failure.message });
        answer(res, failure.code === 'CANCELLED' ? 200 : 400, { ok: false, message: failure.message });
        finish({ error: failure });
      }
    }

    logger.info('sign-in started; opening the consent page', { redirectUri });
    options.openUrl(authUrl).catch((error: unknown) => {
      // Once Google has sent the browser back, how the opener ended no longer matters.
      if (callbackTaken) return;
      logger.error('could not open the browser for sign-in', { reason: error instanceof Error ? error.message : String(error) });
      finish({ error: new AppError('SIGN_IN_FAILED', 'Could not open the web browser for the Google sign-in.', { cause: error }) });
    });
  });
}
