/**
 * Run in a child process with no reachable session bus: asks the real
 * keychain store to keep a secret and prints what came of it as JSON.
 */
import { createKeychainSecretStore } from '../../../main/auth/keychain-secret-store';
import { AppError } from '../../../shared/ipc/errors';

const store = createKeychainSecretStore({ service: 'Teacher Desk no-dbus probe' });
try {
  await store.set('someone@example.com', 'should-never-be-written');
  console.log(JSON.stringify({ ok: true }));
} catch (error) {
  console.log(JSON.stringify(error instanceof AppError ? { code: error.code, message: error.message } : { unexpected: String(error) }));
}
