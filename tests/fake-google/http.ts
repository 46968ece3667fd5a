import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a route module of the fake sees of one request. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  /** Raw body text ('' when none). */
  body: string;
  raw: IncomingMessage;
  res: ServerResponse;
}

/** A route module answers a request it owns and returns true, or returns false to pass it on. */
export type RouteModule = (req: FakeRequest) => Promise<boolean> | boolean;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Calendar API errors in Google's documented shape. */
export function sendGoogleApiError(res: ServerResponse, status: number, reason: string, message: string, extra: Record<string, string> = {}): void {
  const statusText: Record<number, string> = {
    400: 'INVALID_ARGUMENT',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    409: 'ALREADY_EXISTS',
    410: 'FAILED_PRECONDITION',
    412: 'FAILED_PRECONDITION',
    429: 'RESOURCE_EXHAUSTED',
    500: 'INTERNAL',
    503: 'UNAVAILABLE',
  };
  sendJson(res, status, {
    error: {
      errors: [{ domain: reason.endsWith('RateLimitExceeded') || reason === 'rateLimitExceeded' ? 'usageLimits' : 'global', reason, message, ...extra }],
      code: status,
      message,
      status: statusText[status] ?? 'UNKNOWN',
    },
  });
}

/** OAuth endpoint errors in Google's shape: {"error":"invalid_grant","error_description":"..."}. */
export function sendOAuthError(res: ServerResponse, status: number, error: string, description: string): void {
  sendJson(res, status, { error, error_description: description });
}
