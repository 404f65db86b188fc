import { randomUUID } from 'node:crypto';
import { mkdir, readFile, stat, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chooseSecretStore,
  EncryptedFileSecretStore,
  KeytarSecretStore,
  SessionOnlySecretStore,
  VaultError,
} from '../../main/core/vault';
import type { SecretStore } from '../../main/core/vault';
import { useTempFolder } from '../support/temp-folder';
import { aesGcmCodec } from './aes-gcm-codec';

const keyringReady = process.env['TIGERDESK_KEYRING_READY'] === '1';
const dir = useTempFolder('tigerdesk-secrets-');

const stores: { name: string; make: () => SecretStore; needsKeyring: boolean }[] = [
  { name: 'the keychain store (gnome-keyring over D-Bus)', make: () => new KeytarSecretStore({ service: `TigerDesk-test-${randomUUID()}` }), needsKeyring: true },
  { name: 'the encrypted file store', make: () => new EncryptedFileSecretStore({ codec: aesGcmCodec(), path: join(dir(), `${randomUUID()}.bin`) }), needsKeyring: false },
  { name: 'the session-only store', make: () => new SessionOnlySecretStore(), needsKeyring: false },
];

describe.each(stores)('$name', ({ make, needsKeyring }) => {
  it.skipIf(needsKeyring && !keyringReady)('returns what was set, forgets what was deleted and tells whether it held it', async () => {
    const store = make();
    await store.probe();
    expect(await store.get('account:a:credentials')).toBeNull();
    await store.set('account:a:credentials', 'first');
    await store.set('account:a:credentials', 'second');
    await store.set('account:b:credentials', 'other');
    expect(await store.get('account:a:credentials')).toBe('second');
    expect(await store.delete('account:a:credentials')).toBe(true);
    expect(await store.delete('account:a:credentials')).toBe(false);
    expect(await store.get('account:a:credentials')).toBeNull();
    expect(await store.get('account:b:credentials')).toBe('other');
  });

  it.skipIf(needsKeyring && !keyringReady)('keeps every one of many concurrent writes', async () => {
    const store = make();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`entry-${i}`, `value-${i}`)));
    const values = await Promise.all(Array.from({ length: 20 }, (_, i) => store.get(`entry-${i}`)));
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => `value-${i}`));
  });
});

describe('choosing a secret store', () => {
  it.skipIf(!keyringReady)('takes the keychain when it answers and reports no downgrade', async () => {
    const infos: string[] = [];
    const warnings: string[] = [];
    const { store, report } = await chooseSecretStore(
      [new KeytarSecretStore({ service: 'TigerDesk-test' }), new SessionOnlySecretStore()],
      { info: (message) => infos.push(message), warn: (message) => warnings.push(message) },
    );
    expect(store.kind).toBe('keychain');
    expect(report).toEqual({ kind: 'keychain', rejected: [] });
    expect(warnings).toEqual([]);
    expect(infos).toEqual(['Secrets are kept in the keychain store']);
  });

  it('downgrades to safe storage when the keychain module cannot load, and says why', async () => {
    const warnings: string[] = [];
    const broken = new KeytarSecretStore({ service: 'TigerDesk-test', load: () => Promise.reject(new Error('libsecret-1.so.0: cannot open shared object file')) });
    const safe = new EncryptedFileSecretStore({ codec: aesGcmCodec(), path: join(dir(), 'downgrade.bin') });
    const { store, report } = await chooseSecretStore([broken, safe], { info: () => undefined, warn: (message) => warnings.push(message) });
    expect(store).toBe(safe);
    expect(report.kind).toBe('safe-storage');
    expect(report.downgradedFrom).toBe('keychain');
    expect(report.rejected).toEqual([{ kind: 'keychain', cause: 'unavailable', message: expect.stringMatching(/keytar module could not be loaded/) }]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/instead of the keychain store/);
  });

  it('refuses safe storage without encryption or on the basic_text backend, ending at session-only', async () => {
    const warnings: string[] = [];
    const { store, report } = await chooseSecretStore(
      [
        new EncryptedFileSecretStore({ codec: aesGcmCodec({ available: false }), path: join(dir(), 'none.bin') }),
        new EncryptedFileSecretStore({ codec: aesGcmCodec({ backend: 'basic_text' }), path: join(dir(), 'plain.bin') }),
      ],
      { info: () => undefined, warn: (message) => warnings.push(message) },
    );
    expect(store.kind).toBe('session-only');
    expect(report.downgradedFrom).toBe('safe-storage');
    expect(report.rejected.map((entry) => entry.message)).toEqual([
      expect.stringMatching(/no encryption key/),
      expect.stringMatching(/basic_text/),
    ]);
    expect(warnings).toHaveLength(1);
  });
});

describe('the encrypted file store on disk', () => {
  it('writes a private file without the plaintext and leaves no temporary file', async () => {
    const path = join(dir(), 'private', 'secrets.bin');
    const store = new EncryptedFileSecretStore({ codec: aesGcmCodec(), path });
    await store.set('account:a:credentials', 'super-secret-value');
    const bytes = await readFile(path);
    expect(bytes.includes(Buffer.from('super-secret-value'))).toBe(false);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir(), 'private'))).toEqual(['secrets.bin']);
  });

  it('refuses to read or overwrite a file it cannot decrypt, and leaves it as it was', async () => {
    const path = join(dir(), 'foreign.bin');
    await writeFile(path, 'not encrypted by us');
    const store = new EncryptedFileSecretStore({ codec: aesGcmCodec(), path });
    await expect(store.get('x')).rejects.toMatchObject({ name: 'VaultError', cause: 'malformed' });
    await expect(store.set('x', 'y')).rejects.toBeInstanceOf(VaultError);
    expect(await readFile(path, 'utf8')).toBe('not encrypted by us');
  });

  it('says what failed without the path of the file, which the sign-in screen would show', async () => {
    const foreign = join(dir(), 'foreign.bin');
    await writeFile(foreign, 'not encrypted by us');
    const undecryptable = await new EncryptedFileSecretStore({ codec: aesGcmCodec(), path: foreign }).get('x').then(unexpected, (error: unknown) => error as Error);
    expect(undecryptable.message).toBe("The app's encrypted secrets file cannot be decrypted on this computer; it is left as it is");
    // A folder where the file should be: reading it fails with the system's code only.
    const folder = join(dir(), 'a-folder.bin');
    await mkdir(folder);
    const unreadable = await new EncryptedFileSecretStore({ codec: aesGcmCodec(), path: folder }).get('x').then(unexpected, (error: unknown) => error as Error);
    expect(unreadable).toMatchObject({ name: 'VaultError', cause: 'unavailable', message: "The app's encrypted secrets file cannot be read (EISDIR)" });
    expect(`${undecryptable.message} ${unreadable.message}`).not.toContain(dir());
  });
});

function unexpected(): never {
  throw new Error('expected the store to refuse');
}
