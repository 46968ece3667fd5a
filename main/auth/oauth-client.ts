import { OAuth2Client } from 'google-auth-library';
import type { ClientConfig } from './client-config';

export interface OAuthEndpoints {
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export const GOOGLE_OAUTH_ENDPOINTS: OAuthEndpoints = {
  authUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
  revokeUrl: 'https://oauth2.googleapis.com/revoke',
};

/**
 * OAuth requests (token, revoke) give up after this; the teacher can retry.
 * A token refresh runs inside a Calendar call's try, so it gets the same
 * limit as one Calendar request (retry-policy.ts, tryTimeoutMs).
 */
export const OAUTH_REQUEST_TIMEOUT_MS = 10_000;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function endpointUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is not a URL: "${value}"`);
  }
  // Plain http only toward this machine (the fake Google in tests): a token or secret never crosses a network unencrypted.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    throw new Error(`${name} must be an https URL (http is allowed only for 127.0.0.1 or localhost): "${value}"`);
  }
  return url.toString();
}

/** Google's endpoints, each overridable by GOOGLE_OAUTH_AUTH_URL / GOOGLE_OAUTH_TOKEN_URL / GOOGLE_OAUTH_REVOKE_URL. */
export function oauthEndpointsFromEnv(env: Record<string, string | undefined>): OAuthEndpoints {
  const pick = (name: string, fallback: string) => {
    const value = env[name]?.trim();
    return value ? endpointUrl(name, value) : fallback;
  };
  return {
    authUrl: pick('GOOGLE_OAUTH_AUTH_URL', GOOGLE_OAUTH_ENDPOINTS.authUrl),
    tokenUrl: pick('GOOGLE_OAUTH_TOKEN_URL', GOOGLE_OAUTH_ENDPOINTS.tokenUrl),
    revokeUrl: pick('GOOGLE_OAUTH_REVOKE_URL', GOOGLE_OAUTH_ENDPOINTS.revokeUrl),
  };
}

function sameEndpoint(a: URL, b: string): boolean {
  const target = new URL(b);
  return a.origin === target.origin && a.pathname === target.pathname;
}

/** True when a request went to the token endpoint. */
export function isTokenEndpoint(url: URL | string, endpoints: OAuthEndpoints): boolean {
  return sameEndpoint(new URL(url), endpoints.tokenUrl);
}

/** Form fields of token requests that gaxios' own error redactor leaves in `error.config`. */
const TOKEN_FORM_SECRETS = ['refresh_token', 'code', 'code_verifier', 'client_secret'];

function redactTokenForm(form: unknown): void {
  if (!(form instanceof URLSearchParams)) return;
  for (const key of TOKEN_FORM_SECRETS) if (form.has(key)) form.set(key, '<redacted>');
}

/**
 * An OAuth2Client for the app's client and endpoints. The library asks
 * gaxios to retry its token and revoke calls (3 times, with back-off);
 * here those calls are tried once with a timeout instead, so an
 * `invalid_grant` or an offline machine is reported at once and tests can
 * count token requests. Calendar requests made through the client keep
 * whatever retry policy their caller sets.
 */
export function createOAuthClient(config: Partial<ClientConfig>, endpoints: OAuthEndpoints, timeoutMs = OAUTH_REQUEST_TIMEOUT_MS): OAuth2Client {
  const client = new OAuth2Client({
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    endpoints: { oauth2AuthBaseUrl: endpoints.authUrl, oauth2TokenUrl: endpoints.tokenUrl, oauth2RevokeUrl: endpoints.revokeUrl },
  });
  client.transporter.interceptors.request.add({
    resolved: async (request) => {
      if (sameEndpoint(request.url, endpoints.tokenUrl) || sameEndpoint(request.url, endpoints.revokeUrl)) {
        request.retry = false;
        request.retryConfig = { ...request.retryConfig, retry: 0, noResponseRetries: 0 };
        const timeout = AbortSignal.timeout(timeoutMs);
        request.signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      }
      return request;
    },
  });
  client.transporter.interceptors.response.add({
    // A failed refresh's error keeps the request form, refresh token included; errors get logged and passed around, so blank it.
    rejected: (error) => {
      redactTokenForm(error.config?.data);
      redactTokenForm(error.config?.body);
      throw error;
    },
  });
  return client;
}
