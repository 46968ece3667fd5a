import { AppError } from '../../shared/ipc/errors';
import { clientSecretAccount, type SecretStore } from './secret-store';

/** The app's "Desktop app" OAuth client in Google Cloud Console. */
export interface ClientConfig {
  clientId: string;
  clientSecret: string;
}

/**
 * The non-secret half of the client config, kept in settings (the first-run
 * screen writes it). The secret never goes there: it lives in the keychain.
 */
export interface ClientIdStore {
  read(): Promise<string | null> | string | null;
  write(clientId: string): Promise<void> | void;
}

export type ClientConfigSource = 'env' | 'settings';

export interface ClientConfigInputs {
  env: Record<string, string | undefined>;
  clientIds: ClientIdStore;
  secrets: SecretStore;
}

/**
 * The client config in force, or null when the app is not configured yet.
 * GOOGLE_OAUTH_CLIENT_ID wins over settings (it is set on purpose for this
 * process: dev, CI, the harness); GOOGLE_OAUTH_CLIENT_SECRET only goes with
 * it. Otherwise the id comes from settings and the secret from the keychain.
 * Throws KEYCHAIN_UNAVAILABLE when the secret has to be read and cannot be.
 */
export async function resolveClientConfig({ env, clientIds, secrets }: ClientConfigInputs): Promise<(ClientConfig & { source: ClientConfigSource }) | null> {
  const envId = env.GOOGLE_OAUTH_CLIENT_ID?.trim();
  if (envId) {
    const envSecret = env.GOOGLE_OAUTH_CLIENT_SECRET?.trim();
    const clientSecret = envSecret || (await secrets.get(clientSecretAccount(envId)));
    return clientSecret ? { clientId: envId, clientSecret, source: 'env' } : null;
  }
  const clientId = (await clientIds.read())?.trim();
  if (!clientId) return null;
  const clientSecret = await secrets.get(clientSecretAccount(clientId));
  return clientSecret ? { clientId, clientSecret, source: 'settings' } : null;
}

/** True when the environment fixes the client, so the first-run screen cannot change it. */
export function clientConfiguredByEnv(env: Record<string, string | undefined>): boolean {
  return Boolean(env.GOOGLE_OAUTH_CLIENT_ID?.trim());
}

/** Checks what the first-run screen sent; messages are for the teacher. */
export function validateClientConfig(input: ClientConfig): ClientConfig {
  const clientId = input.clientId.trim();
  const clientSecret = input.clientSecret.trim();
  if (!clientId) throw new AppError('INVALID_REQUEST', 'The OAuth client ID is required.');
  if (/\s/.test(clientId) || clientId.length > 300) {
    throw new AppError('INVALID_REQUEST', 'The OAuth client ID looks wrong: it is one word like 1234-abc.apps.googleusercontent.com.');
  }
  if (!clientSecret) throw new AppError('INVALID_REQUEST', 'The OAuth client secret is required (Google shows it next to the client ID).');
  if (/\s/.test(clientSecret) || clientSecret.length > 300) {
    throw new AppError('INVALID_REQUEST', 'The OAuth client secret looks wrong: it is one word without spaces.');
  }
  return { clientId, clientSecret };
}

/** Stores a client config from the first-run screen: the secret in the keychain first, then the id in settings. */
export async function saveClientConfig(config: ClientConfig, { clientIds, secrets }: Omit<ClientConfigInputs, 'env'>): Promise<void> {
  const previousId = (await clientIds.read())?.trim();
  await secrets.set(clientSecretAccount(config.clientId), config.clientSecret);
  await clientIds.write(config.clientId);
  // The old client's secret is of no use any more; do not leave it behind.
  if (previousId && previousId !== config.clientId) await secrets.delete(clientSecretAccount(previousId));
}

/** The settings key that holds the client id (conf and electron-store keep keys they do not validate). */
export const CLIENT_ID_SETTINGS_KEY = 'oauthClientId';

/** A ClientIdStore over the settings' key-value backend (createConfBackend, electron-store). */
export function clientIdStoreOver(backend: { get(key: string): unknown; set(key: string, value: unknown): void }, key = CLIENT_ID_SETTINGS_KEY): ClientIdStore {
  return {
    read: () => {
      const value = backend.get(key);
      return typeof value === 'string' && value.trim() ? value : null;
    },
    write: (clientId) => backend.set(key, clientId),
  };
}
