import { sendJson, sendOAuthError, type RouteModule } from '../../fake-google/http';
import type { TokenRegistry } from '../../fake-google/tokens';

/**
 * A minimal refresh_token grant on the fake's /token, for the calendar
 * tests only (the full OAuth side of the fake belongs to sign-in). It
 * refuses revoked refresh tokens with invalid_grant, as Google does.
 */
export class CalendarTokenEndpoint {
  refreshes = 0;
  private readonly revoked = new Set<string>();

  constructor(
    private readonly tokens: TokenRegistry,
    private readonly grant: { email: string; scope: string; clientId: string },
  ) {}

  readonly route: RouteModule = (req) => {
    if (req.method !== 'POST' || req.url.pathname !== '/token') return false;
    const form = new URLSearchParams(req.body);
    if (form.get('grant_type') !== 'refresh_token') {
      sendOAuthError(req.res, 400, 'unsupported_grant_type', 'Only refresh_token is served here.');
      return true;
    }
    const refreshToken = form.get('refresh_token') ?? '';
    if (form.get('client_id') !== this.grant.clientId) {
      sendOAuthError(req.res, 401, 'invalid_client', 'The OAuth client was not found.');
      return true;
    }
    this.refreshes++;
    if (!refreshToken || this.revoked.has(refreshToken)) {
      sendOAuthError(req.res, 400, 'invalid_grant', 'Token has been expired or revoked.');
      return true;
    }
    const { token, expiresIn } = this.tokens.issue({ ...this.grant, refreshToken });
    sendJson(req.res, 200, { access_token: token, expires_in: expiresIn, token_type: 'Bearer', scope: this.grant.scope });
    return true;
  };

  /** The teacher removed the app's access in their Google account: the refresh token and its access tokens stop working. */
  revoke(refreshToken: string): void {
    this.revoked.add(refreshToken);
    this.tokens.revokeByRefreshToken(refreshToken);
  }
}
