import { randomBytes } from 'node:crypto';

/**
 * Access tokens the fake's OAuth side issues and its Calendar side checks.
 * Shared by both route modules so a revoked grant stops calendar calls too.
 */
export interface AccessGrant {
  email: string;
  scope: string;
  clientId: string;
  /** The refresh token that produced it, so revoking that token revokes this one. */
  refreshToken: string | null;
  expiresAt: number;
}

export class TokenRegistry {
  private readonly grants = new Map<string, AccessGrant>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: Omit<AccessGrant, 'expiresAt'>, lifetimeSeconds = 3600): { token: string; expiresIn: number } {
    const token = `ya29.fake-${randomBytes(24).toString('base64url')}`;
    this.grants.set(token, { ...grant, expiresAt: this.now() + lifetimeSeconds * 1000 });
    return { token, expiresIn: lifetimeSeconds };
  }

  /** The grant behind a live token, or null when unknown, expired or revoked. */
  verify(token: string): AccessGrant | null {
    const grant = this.grants.get(token);
    if (!grant || grant.expiresAt <= this.now()) return null;
    return grant;
  }

  /** Makes every live token expire at once (tests of the 401 -> refresh path). */
  expireAll(): void {
    for (const grant of this.grants.values()) grant.expiresAt = 0;
  }

  revokeToken(token: string): boolean {
    return this.grants.delete(token);
  }

  revokeByRefreshToken(refreshToken: string): void {
    for (const [token, grant] of this.grants) if (grant.refreshToken === refreshToken) this.grants.delete(token);
  }
}
