import { keychainError, type SecretStore } from './secret-store';

/** The four calls the store makes, in keytar's shape (tests hand in stand-ins that fail the way a keychain does). */
export interface KeyringBinding {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  /** True when something was deleted, false when there was nothing to delete. */
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Teacher Desk';

/** The keychain service name: `Teacher Desk`, or TEACHER_DESK_KEYCHAIN_SERVICE (tests use a unique one per run). */
export function keychainServiceFromEnv(env: Record<string, string | undefined>): string {
  return env.TEACHER_DESK_KEYCHAIN_SERVICE?.trim() || DEFAULT_KEYCHAIN_SERVICE;
}

/**
 * @napi-rs/keyring, pinned to the Secret Service on Linux. Its keytar.js entry
 * would fall back silently to the kernel keyring when no Secret Service runs:
 * that keeps secrets in memory only, so a sign-in would vanish at the next
 * reboot without a word. The option is ignored on macOS and Windows.
 * Loaded on first use, so a native module that fails to load reads as
 * "keychain unavailable", not as a crash at startup.
 */
export async function loadNapiKeyring(): Promise<KeyringBinding> {
  const { AsyncEntry, findCredentialsAsync } = await import('@napi-rs/keyring');
  const entry = (service: string, account: string) => new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return {
    getPassword: (service, account) => entry(service, account).getPassword(),
    setPassword: (service, account, password) => entry(service, account).setPassword(password),
    deletePassword: (service, account) => entry(service, account).deletePassword(),
    findCredentials: (service) => findCredentialsAsync(service),
  };
}

/** Where the write check goes: a service of its own, so a check cut short by a crash never shows up as an account. */
export function writeCheckService(service: string): string {
  return `${service} (keychain check)`;
}

/**
 * SecretStore over the OS keychain (Secret Service / Keychain / Credential
 * Manager). Every failure (no D-Bus, no Secret Service, missing native
 * module) becomes KEYCHAIN_UNAVAILABLE, a locked keyring KEYCHAIN_LOCKED.
 */
export function createKeychainSecretStore(options: { service?: string; load?: () => Promise<KeyringBinding> } = {}): SecretStore & { readonly service: string } {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const load = options.load ?? loadNapiKeyring;
  let binding: Promise<KeyringBinding> | null = null;

  async function call<T>(use: (k: KeyringBinding) => Promise<T>): Promise<T> {
    try {
      binding ??= load();
      return await use(await binding);
    } catch (error) {
      throw keychainError(error);
    }
  }

  return {
    service,
    get: (account) => call((k) => k.getPassword(service, account)),
    set: (account, secret) => call((k) => k.setPassword(service, account, secret)),
    delete: (account) => call((k) => k.deletePassword(service, account)),
    accounts: () => call(async (k) => (await k.findCredentials(service)).map((c) => c.account)),
    // A locked keyring with nothing of ours in it reads as empty; only a write shows it is locked (and lets a desktop ask to unlock).
    checkWritable: () =>
      call(async (k) => {
        const check = writeCheckService(service);
        await k.setPassword(check, 'write-check', 'not a secret');
        await k.deletePassword(check, 'write-check');
      }),
  };
}
