import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedFileSecretStore, KeytarSecretStore, SessionOnlySecretStore, Vault } from '../../main/core/vault';
import type { AccountCredentials, SecretStore } from '../../main/core/vault';
import { useTempFolder } from '../support/temp-folder';
import { aesGcmCodec } from './aes-gcm-codec';

const keyringReady = process.env['TIGERDESK_KEYRING_READY'] === '1';
const dir = useTempFolder('tigerdesk-vault-');

const alice: AccountCredentials = { server: 'http://127.0.0.1:4000/v2', key: 'alice-key', secret: 'alice-secret', userToken: 'u-alice' };
const bob: AccountCredentials = { server: 'https://developer.tigertext.me/v2', key: 'bob-key', secret: 'bob-secret', userToken: 'u-bob' };

const backends: { name: string; make: () => SecretStore; needsKeyring: boolean }[] = [
  { name: 'the keychain', make: () => new KeytarSecretStore({ service: `TigerDesk-test-${randomUUID()}` }), needsKeyring: true },
  { name: 'safe storage', make: () => new EncryptedFileSecretStore({ codec: aesGcmCodec(), path: join(dir(), `${randomUUID()}.bin`) }), needsKeyring: false },
  { name: 'session-only memory', make: () => new SessionOnlySecretStore(), needsKeyring: false },
];

describe.each(backends)('the vault over $name', ({ make, needsKeyring }) => {
  const maybe = it.skipIf(needsKeyring && !keyringReady);

  maybe('keeps credentials per account, and the first account becomes the active one', async () => {
    const vault = new Vault(make());
    expect(await vault.listAccounts()).toEqual([]);
    expect(await vault.activeAccount()).toBeNull();
    await vault.setCredentials('alice', alice);
    await vault.setCredentials('bob', bob);
    expect(await vault.getCredentials('alice')).toEqual(alice);
    expect(await vault.getCredentials('bob')).toEqual(bob);
    expect(await vault.listAccounts()).toEqual(['alice', 'bob']);
    expect(await vault.activeAccount()).toBe('alice');
    await vault.setActiveAccount('bob');
    expect(await vault.activeAccount()).toBe('bob');
  });

  maybe('creates each key once, even when asked concurrently, and a new vault over the same store reads the same keys', async () => {
    const store = make();
    const vault = new Vault(store);
    const keys = await Promise.all([vault.databaseKey('alice'), vault.databaseKey('alice'), vault.databaseKey('alice')]);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    const attachmentKey = await vault.attachmentKey('alice');
    expect(attachmentKey).toMatch(/^[0-9a-f]{64}$/);
    expect(attachmentKey).not.toBe(keys[0]);
    expect(await vault.databaseKey('bob')).not.toBe(keys[0]);
    const again = new Vault(store);
    expect(await again.databaseKey('alice')).toBe(keys[0]);
    expect(await again.attachmentKey('alice')).toBe(attachmentKey);
  });

  maybe('forgetting an account removes its credentials and keys and leaves the other accounts', async () => {
    const vault = new Vault(make());
    await vault.setCredentials('alice', alice);
    await vault.setCredentials('bob', bob);
    const key = await vault.databaseKey('alice');
    await vault.forgetAccount('alice');
    expect(await vault.getCredentials('alice')).toBeNull();
    expect(await vault.getCredentials('bob')).not.toBeNull();
    expect(await vault.listAccounts()).toEqual(['bob']);
    expect(await vault.activeAccount()).toBe('bob');
    expect(await vault.databaseKey('alice')).not.toBe(key);
  });
});

describe('the vault refuses what it cannot keep safely', () => {
  it('rejects incomplete credentials naming the field and never the secret', async () => {
    const vault = new Vault(new SessionOnlySecretStore());
    const failure = await vault.setCredentials('alice', { ...alice, server: 'not a url', secret: '' }).catch((error: unknown) => error as Error);
    expect(failure).toMatchObject({ name: 'VaultError', cause: 'malformed', message: expect.stringMatching(/server, secret/) });
    expect((failure as Error).message).not.toContain('alice-key');
    await expect(vault.databaseKey('../../etc')).rejects.toMatchObject({ cause: 'malformed' });
    expect(await vault.listAccounts()).toEqual([]);
  });

  it('reports a malformed stored key and leaves it in place rather than replacing it', async () => {
    const store = new SessionOnlySecretStore();
    await store.set('account:alice:database-key', 'short');
    const vault = new Vault(store);
    await expect(vault.databaseKey('alice')).rejects.toMatchObject({ name: 'VaultError', cause: 'malformed' });
    expect(await store.get('account:alice:database-key')).toBe('short');
  });

  it('reports malformed stored credentials without quoting them', async () => {
    const store = new SessionOnlySecretStore();
    await store.set('account:alice:credentials', JSON.stringify({ server: 'http://x', key: 'k', secret: 'hunter2' }));
    const vault = new Vault(store);
    const failure = await vault.getCredentials('alice').catch((error: unknown) => error as Error);
    expect(failure).toMatchObject({ name: 'VaultError', cause: 'malformed' });
    expect((failure as Error).message).toMatch(/userToken/);
    expect((failure as Error).message).not.toContain('hunter2');
  });

  it('refuses to activate an account it holds no credentials for', async () => {
    const vault = new Vault(new SessionOnlySecretStore());
    await expect(vault.setActiveAccount('nobody')).rejects.toMatchObject({ cause: 'malformed' });
  });
});
