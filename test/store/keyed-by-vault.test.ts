import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath, moveAside, openStore, StoreOpenError } from '../../main/core/store';
import { EncryptedFileSecretStore, Vault } from '../../main/core/vault';
import { aesGcmCodec } from '../vault/aes-gcm-codec';
import { incoming } from './message-input';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

describe('a store keyed by the vault', () => {
  it('reopens with the key the vault keeps, and after the key is lost starts fresh while keeping the old file', async () => {
    const dir = tempDir();
    const secrets = new EncryptedFileSecretStore({ codec: aesGcmCodec(), path: join(dir, 'secrets.bin') });
    const accountDir = join(dir, 'account-alice');

    const store = openStore({ dir: accountDir, key: await new Vault(secrets).databaseKey('alice') });
    store.messages.upsert(incoming({ body: 'kept across restarts' }));
    store.close();

    const reopened = openStore({ dir: accountDir, key: await new Vault(secrets).databaseKey('alice') });
    expect(reopened.search.messages('restarts', { limit: 5 })).toHaveLength(1);
    reopened.close();
    const before = readFileSync(databasePath(accountDir));

    const vault = new Vault(secrets);
    await vault.forgetAccount('alice');
    const newKey = await vault.databaseKey('alice');
    const error = (() => {
      try {
        openStore({ dir: accountDir, key: newKey });
      } catch (caught) {
        return caught;
      }
      throw new Error('the store opened with a key it was not made with');
    })();
    expect(error).toBeInstanceOf(StoreOpenError);
    expect((error as StoreOpenError).reason).toBe('wrong-key-or-corrupt');

    const kept = await moveAside(accountDir);
    expect(kept.some((path) => existsSync(path) && readFileSync(path).equals(before))).toBe(true);
    const fresh = openStore({ dir: accountDir, key: newKey });
    expect(fresh.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM conversations').get()!.n).toBe(0);
    fresh.close();
  });
});
