import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountFiles } from '../../main/core/session';
import { accountIdFor, isSafeAccountId } from '../../main/core/session/account-id';
import { Vault } from '../../main/core/vault';
import { useSessionHarness } from './fixtures/session-harness';

const harness = useSessionHarness();

describe('account ids', () => {
  it('keep a token that is a safe folder name on every system, and digest any other', () => {
    for (const token of ['u-1a2b', 'ada@tigergeneral.test', 'Token.42', 'a-b_c']) expect(accountIdFor(token), token).toBe(token);
    for (const token of ['user:7f3a', 'CON', 'con.txt', 'Nul', 'lpt1', 'COM9.log', 'trailing.', '..', 'a/b', 'a\\b', 'x'.repeat(65), '']) {
      const id = accountIdFor(token);
      expect(id, token).toMatch(/^u-[0-9a-f]{40}$/);
      expect(isSafeAccountId(id)).toBe(true);
    }
    expect(isSafeAccountId('user:7f3a')).toBe(false);
  });
});

describe('an account stored under an id earlier versions took as safe', () => {
  it('moves, at the next start, to a safe id: its folder, its profile and its keychain entries, once', async () => {
    const old = 'user:7f3a';
    const vault = new Vault(harness.keychain());
    await vault.setCredentials(old, { server: 'https://tt.example/v2', key: 'k-1', secret: 's-1', userToken: old });
    const databaseKey = await vault.databaseKey(old);
    const oldFiles = accountFiles(harness.dataRoot, old);
    await mkdir(oldFiles.dir, { recursive: true });
    await writeFile(join(oldFiles.dir, 'store.db'), 'the encrypted database');
    await writeFile(
      oldFiles.profile,
      JSON.stringify({ id: old, server: 'https://tt.example/v2', userToken: old, displayName: 'Old Timer', organization: { token: 'org-1', name: 'Tiger General' } }),
    );

    const state = await harness.manager().restore();
    const moved = accountIdFor(old);
    expect(state).toMatchObject({ kind: 'signed-in', account: { id: moved, userToken: old, displayName: 'Old Timer' } });
    expect(await readdir(join(harness.dataRoot, 'accounts'))).toEqual([moved]);
    expect(await readFile(join(accountFiles(harness.dataRoot, moved).dir, 'store.db'), 'utf8')).toBe('the encrypted database');
    const after = new Vault(harness.keychain());
    expect(await after.listAccounts()).toEqual([moved]);
    expect(await after.activeAccount()).toBe(moved);
    expect(await after.databaseKey(moved)).toBe(databaseKey);
    expect(await harness.keychain().get(`account:${old}:credentials`)).toBeNull();
    expect(await harness.keychain().get(`account:${old}:database-key`)).toBeNull();

    // A second start finds nothing left to move.
    expect(await harness.manager().restore()).toMatchObject({ kind: 'signed-in', account: { id: moved } });
    expect(harness.logs.filter((record) => record.message.startsWith('moved an account'))).toHaveLength(1);
  });
});
