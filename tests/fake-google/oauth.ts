import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, sendOAuthError, type FakeRequest, type RouteModule } from './http';
import type { TokenRegistry } from './tokens';

/**
 * The fake Google, part 1: OAuth 2.0 for installed apps, as strict as the
 * real one where the app could get it wrong. Authorize answers like the
 * consent screen (a 302 back to the loopback redirect), token checks the
 * client, the code (single use, short-lived), the redirect URI and the PKCE
 * verifier, and revoke ends a grant. Access tokens come from the shared
 * TokenRegistry, so the Calendar side stops accepting them once revoked.
 */

export const FAKE_OAUTH_PATHS = { authorize: '/o/oauth2/v2/auth', token: '/token', revoke: '/revoke' } as const;

/** Scopes the fake knows; anything else is refused like Google's invalid_scope. */
const KNOWN_SCOPES = new Set([
  'openid',
  'email',
  'profile',
  'https://www.googleapis.com/auth/calendar',
  'https://www.googleapis.com/auth/calendar.events',
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events.readonly',
  'https://www.googleapis.com/auth/calendar.events.freebusy',
  'https://www.googleapis.com/auth/calendar.freebusy',
]);

const LOOPBACK_REDIRECT = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/[\w./-]*$/;
const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export interface FakeOAuthOptions {
  tokens: TokenRegistry;
  clientId?: string;
  clientSecret?: string;
  /** The Google account that signs in. */
  email?: string;
  now?: () => number;
}

export interface TokenRequestRecord {
  grantType: string;
  status: number;
  /** Google's error field on failure. */
  error?: string;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  scope: string;
  email: string;
  codeChallenge: string;
  offline: boolean;
  expiresAt: number;
  used: boolean;
}

interface RefreshRecord {
  clientId: string;
  email: string;
  scope: string;
  live: boolean;
}

export interface FakeOAuth {
  /** Mount on startFakeGoogleServer([...]). */
  readonly route: RouteModule;
  readonly clientId: string;
  readonly clientSecret: string;
  /** What the consent screen does for the next authorize request. */
  consent: 'approve' | 'deny';
  /** The account that signs in. */
  email: string;
  /** When true, every refresh returns a new refresh token and ends the old one. */
  rotateRefreshTokens: boolean;
  codeLifetimeMs: number;
  accessTokenLifetimeSeconds: number;
  /** Query of every authorize request, oldest first. */
  readonly authorizeRequests: URLSearchParams[];
  /** Every token request with its outcome, oldest first (tests count refreshes). */
  readonly tokenRequests: TokenRequestRecord[];
  readonly issuedRefreshTokens: string[];
  readonly revokedRefreshTokens: string[];
  isRefreshTokenLive(token: string): boolean;
  /** The teacher removes the app at myaccount.google.com: every grant ends. */
  revokeAll(): void;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function sha256Base64Url(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Google's consent-screen errors are pages, not redirects: a bad client or redirect URI never goes back to the app. */
function sendErrorPage(res: ServerResponse, error: string, detail: string): void {
  const body = `Error 400: ${error}\n${detail}\n`;
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'content-length': 0 });
  res.end();
}

export function createFakeOAuth(options: FakeOAuthOptions): FakeOAuth {
  const now = options.now ?? Date.now;
  const registry = options.tokens;
  const codes = new Map<string, CodeRecord>();
  const refreshTokens = new Map<string, RefreshRecord>();

  const fake: FakeOAuth = {
    route: (req) => handle(req),
    clientId: options.clientId ?? 'fake-client-1234.apps.googleusercontent.com',
    clientSecret: options.clientSecret ?? `GOCSPX-fake-${randomBytes(12).toString('base64url')}`,
    consent: 'approve',
    email: options.email ?? 'teacher@example.com',
    rotateRefreshTokens: false,
    codeLifetimeMs: 60_000,
    accessTokenLifetimeSeconds: 3600,
    authorizeRequests: [],
    tokenRequests: [],
    issuedRefreshTokens: [],
    revokedRefreshTokens: [],
    isRefreshTokenLive: (token) => refreshTokens.get(token)?.live === true,
    revokeAll() {
      for (const token of refreshTokens.keys()) revokeRefreshToken(token);
    },
  };

  function revokeRefreshToken(token: string): void {
    const record = refreshTokens.get(token);
    if (!record) return;
    if (record.live) fake.revokedRefreshTokens.push(token);
    record.live = false;
    registry.revokeByRefreshToken(token);
  }

  function idToken(email: string, clientId: string): string {
    const iat = Math.floor(now() / 1000);
    const claims = {
      iss: 'https://accounts.google.com',
      azp: clientId,
      aud: clientId,
      sub: createHash('sha256').update(email).digest('hex').slice(0, 21),
      email,
      email_verified: true,
      iat,
      exp: iat + 3600,
    };
    // Unsigned: the app reads it only because it came straight from the token endpoint.
    return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
  }

  function issueTokens(grant: { email: string; scope: string; clientId: string }, refreshToken: string | null, newRefreshToken: boolean) {
    const access = registry.issue({ ...grant, refreshToken }, fake.accessTokenLifetimeSeconds);
    const body: Record<string, unknown> = { access_token: access.token, expires_in: access.expiresIn, scope: grant.scope, token_type: 'Bearer' };
    if (refreshToken && newRefreshToken) body.refresh_token = refreshToken;
    if (grant.scope.split(' ').includes('openid')) body.id_token = idToken(grant.email, grant.clientId);
    return body;
  }

  function newRefreshToken(record: RefreshRecord): string {
    const token = `1//0fake-${randomBytes(24).toString('base64url')}`;
    refreshTokens.set(token, record);
    fake.issuedRefreshTokens.push(token);
    return token;
  }

  function authorize(req: FakeRequest): void {
    const q = req.url.searchParams;
    fake.authorizeRequests.push(new URLSearchParams(q));
    if (q.get('client_id') !== fake.clientId) return sendErrorPage(req.res, 'invalid_client', 'The OAuth client was not found.');
    const redirectUri = q.get('redirect_uri') ?? '';
    const port = LOOPBACK_REDIRECT.exec(redirectUri)?.[1];
    if (!port || Number(port) < 1 || Number(port) > 65535) {
      return sendErrorPage(req.res, 'redirect_uri_mismatch', `redirect_uri must be http://127.0.0.1:<port>/<path> for a desktop client, got "${redirectUri}"`);
    }
    if (q.get('response_type') !== 'code') return sendErrorPage(req.res, 'unsupported_response_type', 'response_type must be code');
    const scopes = (q.get('scope') ?? '').split(' ').filter(Boolean);
    if (scopes.length === 0) return sendErrorPage(req.res, 'invalid_request', 'Missing required parameter: scope');
    const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s));
    if (unknown) return sendErrorPage(req.res, 'invalid_scope', `Some requested scopes were invalid: ${unknown}`);
    const state = q.get('state');
    if (!state) return sendErrorPage(req.res, 'invalid_request', 'The fake requires a state parameter');
    const codeChallenge = q.get('code_challenge') ?? '';
    if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(codeChallenge)) {
      return sendErrorPage(req.res, 'invalid_request', 'code_challenge and code_challenge_method=S256 are required');
    }
    const accessType = q.get('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') return sendErrorPage(req.res, 'invalid_request', `Invalid access_type: ${accessType}`);

    const back = new URL(redirectUri);
    if (fake.consent === 'deny') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', state);
      return redirect(req.res, back.toString());
    }
    const code = `4/0fake-${randomBytes(24).toString('base64url')}`;
    codes.set(code, {
      clientId: fake.clientId,
      redirectUri,
      scope: scopes.join(' '),
      email: fake.email,
      codeChallenge,
      offline: accessType === 'offline',
      expiresAt: now() + fake.codeLifetimeMs,
      used: false,
    });
    back.searchParams.set('state', state);
    back.searchParams.set('code', code);
    back.searchParams.set('scope', scopes.join(' '));
    redirect(req.res, back.toString());
  }

  function token(req: FakeRequest): void {
    const form = new URLSearchParams(req.body);
    const grantType = form.get('grant_type') ?? '';
    const reply = (status: number, body: Record<string, unknown>) => {
      fake.tokenRequests.push({ grantType, status });
      sendJson(req.res, status, body, { 'cache-control': 'no-store' });
    };
    const fail = (status: number, error: string, description: string) => {
      fake.tokenRequests.push({ grantType, status, error });
      sendOAuthError(req.res, status, error, description);
    };
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      return fail(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
    }

    // Client authentication: client_secret_post, or HTTP Basic.
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) [clientId, clientSecret] = Buffer.from(basic, 'base64').toString('utf8').split(':', 2) as [string, string];
    if (clientId !== fake.clientId) return fail(401, 'invalid_client', 'The OAuth client was not found.');
    if (clientSecret !== fake.clientSecret) return fail(401, 'invalid_client', 'Unauthorized');

    if (grantType === 'authorization_code') {
      const code = form.get('code');
      if (!code) return fail(400, 'invalid_request', 'Missing required parameter: code');
      const record = codes.get(code);
      if (!record || record.used || record.expiresAt <= now() || record.clientId !== clientId) return fail(400, 'invalid_grant', 'Bad Request');
      // Single use means single attempt: a failed exchange burns the code too.
      record.used = true;
      if (form.get('redirect_uri') !== record.redirectUri) return fail(400, 'redirect_uri_mismatch', 'Bad Request');
      const verifier = form.get('code_verifier');
      if (!verifier) return fail(400, 'invalid_grant', 'Missing code verifier.');
      if (!PKCE_VERIFIER.test(verifier) || sha256Base64Url(verifier) !== record.codeChallenge) return fail(400, 'invalid_grant', 'Invalid code verifier.');
      const grant = { email: record.email, scope: record.scope, clientId };
      const refreshToken = record.offline ? newRefreshToken({ ...grant, live: true }) : null;
      return reply(200, issueTokens(grant, refreshToken, true));
    }

    if (grantType === 'refresh_token') {
      const presented = form.get('refresh_token');
      if (!presented) return fail(400, 'invalid_request', 'Missing required parameter: refresh_token');
      const record = refreshTokens.get(presented);
      if (!record || !record.live || record.clientId !== clientId) return fail(400, 'invalid_grant', 'Token has been expired or revoked.');
      const grant = { email: record.email, scope: record.scope, clientId };
      if (fake.rotateRefreshTokens) {
        const rotated = newRefreshToken({ ...grant, live: true });
        revokeRefreshToken(presented);
        return reply(200, issueTokens(grant, rotated, true));
      }
      return reply(200, issueTokens(grant, presented, false));
    }

    return fail(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }

  function revoke(req: FakeRequest): void {
    const token = new URLSearchParams(req.body).get('token') ?? req.url.searchParams.get('token');
    if (!token) return sendOAuthError(req.res, 400, 'invalid_request', 'Missing required parameter: token');
    if (fake.isRefreshTokenLive(token)) {
      revokeRefreshToken(token);
      return sendJson(req.res, 200, {});
    }
    const grant = registry.verify(token);
    if (grant) {
      // Like Google: revoking an access token ends the grant behind it.
      registry.revokeToken(token);
      if (grant.refreshToken) revokeRefreshToken(grant.refreshToken);
      return sendJson(req.res, 200, {});
    }
    sendOAuthError(req.res, 400, 'invalid_token', 'Token expired or revoked');
  }

  function handle(req: FakeRequest): boolean {
    const path = req.url.pathname;
    if (path === FAKE_OAUTH_PATHS.authorize && req.method === 'GET') authorize(req);
    else if (path === FAKE_OAUTH_PATHS.token && req.method === 'POST') token(req);
    else if (path === FAKE_OAUTH_PATHS.revoke && req.method === 'POST') revoke(req);
    else return false;
    return true;
  }

  return fake;
}

/** The env that points the app's OAuth client at a running fake. */
export function fakeOAuthEnv(origin: string, fake: Pick<FakeOAuth, 'clientId' | 'clientSecret'>): Record<string, string> {
  return {
    GOOGLE_OAUTH_AUTH_URL: `${origin}${FAKE_OAUTH_PATHS.authorize}`,
    GOOGLE_OAUTH_TOKEN_URL: `${origin}${FAKE_OAUTH_PATHS.token}`,
    GOOGLE_OAUTH_REVOKE_URL: `${origin}${FAKE_OAUTH_PATHS.revoke}`,
    GOOGLE_OAUTH_CLIENT_ID: fake.clientId,
    GOOGLE_OAUTH_CLIENT_SECRET: fake.clientSecret,
  };
}
