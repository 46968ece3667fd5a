import type * as KeytarModule from '@napi-rs/keyring/keytar.js';
import { AppError } from '../../shared/ipc/errors';
import { keychainUnavailable, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

export const DEFAULT_KEYCHAIN_SERVICE = 'Teacher Desk';

/** The keychain service name: `Teacher Desk`, or TEACHER_DESK_KEYCHAIN_SERVICE (tests use a unique one per run). */
export function keychainServiceFromEnv(env: Record<string, string | undefined>): string {
  return env.TEACHER_DESK_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
}

// Loaded on first use, so a native module that fails to load reads as "keychain unavailable", not as a crash at startup.
async function loadKeytar(): Promise<Keytar> {
  const mod: Keytar & { default?: Keytar } = await import('@napi-rs/keyring/keytar.js');
  return mod.default ?? mod;
}

/**
 * SecretStore over keytar (libsecret / Keychain / Credential Manager). Every
 * keytar failure (no D-Bus, no Secret Service, locked keyring, missing native
 * module) becomes KEYCHAIN_UNAVAILABLE.
 */
export function createKeytarSecretStore(options: { service?: string; load?: () => Promise<Keytar> } = {}): SecretStore & { readonly service: string } {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const load = options.load ?? loadKeytar;
  let keytar: Promise<Keytar> | null = null;

  async function call<T>(use: (k: Keytar) => Promise<T>): Promise<T> {
    try {
      keytar ??= load();
      return await use(await keytar);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw keychainUnavailable(error);
    }
  }

  return {
    service,
    get: (account) => call((k) => k.getPassword(service, account)),
    set: (account, secret) => call((k) => k.setPassword(service, account, secret)),
    delete: (account) => call((k) => k.deletePassword(service, account)),
    accounts: () => call(async (k) => (await k.findCredentials(service)).map((c) => c.account)),
  };
}
