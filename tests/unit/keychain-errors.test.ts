import { describe, expect, it } from 'vitest';
import { keychainError } from '../../main/auth/secret-store';
import { AppError } from '../../shared/ipc/errors';

/** The binding's failures, in its own words, sorted into "locked" (unlock it) and "unavailable" (no keychain at all). */
describe('keychain errors', () => {
  it.each([
    ['zbus error: org.freedesktop.Secret.Error.IsLocked: Cannot get secret of a locked object'],
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed"],
    ['User interaction is not allowed.'],
  ])('locked: %s', (words) => {
    const error = keychainError(new Error(words));
    expect(error).toMatchObject({ code: 'KEYCHAIN_LOCKED' });
    expect(error.message).toMatch(/keychain is locked[\s\S]*Passwords and Keys[\s\S]*Keychain Access/);
    expect(error.message).toContain(`(Keychain said: ${words})`);
  });

  it.each([
    ['Platform failure: DBus error: Failed to connect to socket /run/user/1000/bus: No such file or directory'],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY'],
    ['the request was blocked by policy'],
  ])('unavailable: %s', (words) => {
    expect(keychainError(new Error(words))).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE', message: expect.stringMatching(/cannot be reached/) });
  });

  it('passes a keychain AppError through as it is', () => {
    const locked = new AppError('KEYCHAIN_LOCKED', 'already worded');
    expect(keychainError(locked)).toBe(locked);
  });
});
