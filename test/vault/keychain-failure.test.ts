import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { VaultError } from '../../main/core/vault';
import { keychainFailure } from '../../main/core/vault/keychain-failure';

describe('naming why the keychain failed', () => {
  it.each([
    ['Cannot create an item in a locked collection', 'locked', /keychain is locked/],
    ['Could not connect: No such file or directory', 'unavailable', /no D-Bus session bus/],
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'unavailable', /no D-Bus session bus/],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'unavailable', /no Secret Service provider/],
    ['User canceled the operation.', 'denied', /refused/],
    ['Prompt dismissed', 'denied', /refused/],
    ['Something nobody foresaw', 'unknown', /Something nobody foresaw/],
  ])('reads "%s" as %s', (said, cause, explanation) => {
    const failure = keychainFailure('read', new Error(said));
    expect(failure).toBeInstanceOf(VaultError);
    expect(failure.cause).toBe(cause);
    expect(failure.message).toMatch(explanation);
    expect(failure.message).toContain(said);
  });

  it('passes a VaultError through as it is', () => {
    const original = new VaultError('locked', userText('vault.keychain-locked', { operation: 'read', detail: 'already named' }));
    expect(keychainFailure('probe', original)).toBe(original);
  });
});
