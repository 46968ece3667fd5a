import { randomBytes } from 'node:crypto';
import { test } from 'vitest';
import { createKeychainSecretStore } from '../../../main/auth/keychain-secret-store';
import type { SecretStore } from '../../../main/auth/secret-store';

export const NO_SECRET_SERVICE = 'no Secret Service: run through tests/keyring-session.sh';

/** Whether the real keychain answers here (libsecret can also hang on a broken bus, hence the time limit). */
export async function probeKeychain(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const store = createKeychainSecretStore({ service: 'Teacher Desk probe' });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the keychain did not answer within 10 s')), 10_000);
  });
  try {
    await Promise.race([store.accounts(), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Without a keychain the suite cannot prove anything: in CI that is a
 * failure, on a developer machine a skip. Both say how to get one.
 */
export function reportMissingKeychain(probe: { ok: true } | { ok: false; reason: string }): void {
  if (probe.ok) return;
  const title = `${NO_SECRET_SERVICE} (${probe.reason})`;
  if (process.env.CI) {
    test('the keychain is available', () => {
      throw new Error(title);
    });
  } else {
    test.skip(title, () => {});
  }
}

/** A keychain service of its own per run, so tests never see each other's (or the teacher's) entries. */
export function uniqueKeychainService(): string {
  return `Teacher Desk test ${process.pid}-${randomBytes(4).toString('hex')}`;
}

export async function clearKeychain(store: SecretStore): Promise<void> {
  for (const account of await store.accounts()) await store.delete(account);
}
