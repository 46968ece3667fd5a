import { describe, expect, test } from 'vitest';
import { createKeychainSecretStore, writeCheckService } from '../../main/auth/keychain-secret-store';
import { probeKeychain, reportMissingKeychain, uniqueKeychainService } from './support/keychain';

/**
 * The keychain store over @napi-rs/keyring answers as the code expects from
 * keytar, on the real gnome-keyring: nothing stored reads as null, deleting
 * nothing says false, and the write check leaves nothing behind.
 */

const keychain = await probeKeychain();
reportMissingKeychain(keychain);

describe.runIf(keychain.ok)('the keychain store on the real Secret Service', () => {
  test('get of nothing is null, delete of nothing is false; set, list, get and delete round-trip', async () => {
    const store = createKeychainSecretStore({ service: uniqueKeychainService() });
    expect(await store.get('nobody@example.com')).toBeNull();
    expect(await store.delete('nobody@example.com')).toBe(false);
    expect(await store.accounts()).toEqual([]);

    await store.set('ana@example.com', 'refresh-1');
    await store.set('ana@example.com', 'refresh-2');
    expect(await store.accounts()).toEqual(['ana@example.com']);
    expect(await store.get('ana@example.com')).toBe('refresh-2');
    expect(await store.delete('ana@example.com')).toBe(true);
    expect(await store.get('ana@example.com')).toBeNull();
  });

  test('the write check writes under a service of its own and removes it', async () => {
    const service = uniqueKeychainService();
    const store = createKeychainSecretStore({ service });
    await store.checkWritable();
    expect(await store.accounts()).toEqual([]);
    expect(await createKeychainSecretStore({ service: writeCheckService(service) }).accounts()).toEqual([]);
  });
});
