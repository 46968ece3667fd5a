/** The Google account core: what main/electron and the calendar engine import. */
export { AccountService, type AccountServiceDeps } from './account-service';
export { NEEDS_RECONNECT_REASON, type AccountState, type AccountStateKind, type RevokeOutcome, type SignOutResult } from './account-state';
export { CLIENT_ID_SETTINGS_KEY, clientIdStoreOver, type ClientConfig, type ClientIdStore } from './client-config';
export { createKeychainSecretStore, DEFAULT_KEYCHAIN_SERVICE, keychainServiceFromEnv } from './keychain-secret-store';
export { CALLBACK_PATH, DEFAULT_SIGN_IN_TIMEOUT_MS } from './loopback-flow';
export { GOOGLE_OAUTH_ENDPOINTS, oauthEndpointsFromEnv, type OAuthEndpoints } from './oauth-client';
export { CALENDAR_EVENTS_SCOPE, SIGN_IN_SCOPES } from './scopes';
export type { SecretStore } from './secret-store';
