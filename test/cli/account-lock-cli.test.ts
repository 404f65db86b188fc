import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keychainServiceFor } from '../../main/cli/cli-context';
import { lockFileName } from '../../main/core/account/account-lock';
import { createApiClient } from '../../main/core/api';
import { KeytarSecretStore } from '../../main/core/vault';
import { readRecipient } from '../outbox/recipient-view';
import { withKey } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { newUser } from '../session/fixtures/sandbox-users';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { runCli, spawnCli, watch } from './fixtures/run-cli';

const sandbox = useSandbox();


const dataDir = useCliDataDir('tigerdesk-cli-lock-');
const cli = (...args: string[]) => ['--server', sandbox.apiUrl, '--data-dir', dataDir(), ...args];

function refusal(pid: number): string {
  return `error: This account is open in another TigerDesk process (pid ${pid}). Close it, or use another data folder.\n`;
}

describe('one command at a time per account on a data folder', () => {
  it('refuses commands while tail has the account open, changing nothing, and takes over once tail is killed', async () => {
    const me = await newUser(sandbox.url, 'Locked Clinician');
    const peer = await newUser(sandbox.url, 'Lock Colleague');
    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: me.password })).code).toBe(0);
    const accountDir = join(dataDir(), 'accounts', me.token);
    const lock = join(accountDir, lockFileName);

    const tailing = spawnCli(cli('tail'));
    const tail = watch(tailing);
    await tail.until('stderr', /connection: live/);
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: tailing.pid });

    for (const command of [cli('roster'), cli('send', peer.token, 'Bed 7 is ready'), cli('outbox'), cli('logout')]) {
      const refused = await runCli(command);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toBe(refusal(tailing.pid!));
      expect(refused.code).toBe(6);
    }
    // Nothing was signed out: whoami opens no database, so it still answers.
    expect((await runCli(cli('whoami'))).code).toBe(0);
    expect(await new KeytarSecretStore({ service: keychainServiceFor(dataDir()) }).get(`account:${me.token}:credentials`)).not.toBeNull();

    tailing.kill('SIGKILL');
    await tail.exited;
    expect(JSON.parse(await readFile(lock, 'utf8'))).toMatchObject({ pid: tailing.pid });

    const roster = await runCli(cli('roster'));
    expect(roster.stderr).toBe('');
    expect(roster.code).toBe(0);
    expect(existsSync(lock)).toBe(false);
    const log = await readFile(join(dataDir(), 'logs', 'cli.log'), 'utf8');
    expect(log).toContain('taking over the account lock of a TigerDesk process that has ended');
    expect(log).toContain(`"pid":${tailing.pid}`);
    // The refused send queued nothing: the peer never gets it.
    expect((await runCli(cli('outbox', '--json'))).stdout).toBe('');
    expect(await readRecipient(withKey(sandbox, peer), me.token)).toEqual([]);
  });

  it('ends tail with status 3 when another client revokes the session it holds', async () => {
    const me = await newUser(sandbox.url, 'Revoked Clinician');
    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: me.password })).code).toBe(0);
    const tailing = spawnCli(cli('tail'));
    const tail = watch(tailing);
    await tail.until('stderr', /connection: live/);

    const stored = JSON.parse((await new KeytarSecretStore({ service: keychainServiceFor(dataDir()) }).get(`account:${me.token}:credentials`))!) as { key: string; secret: string };
    const elsewhere = createApiClient({ baseUrl: sandbox.apiUrl, credentials: stored });
    await elsewhere.closeEventStreams();
    await elsewhere.logout();

    expect(await tail.exited).toBe(3);
    expect(tail.seen.stderr).toContain('The server refused the stored credentials');
    expect(existsSync(join(dataDir(), 'accounts', me.token, lockFileName))).toBe(false);
  });
});
