import { describe, expect, it } from 'vitest';
import type { DirectoryResult } from '../../preload/contract';
import { newUser } from '../session/fixtures/sandbox-users';
import { useSandbox } from '../support/sandbox-fixture';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { runCli } from './fixtures/run-cli';

const sandbox = useSandbox();

const dataDir = useCliDataDir('tigerdesk-cli-search-');
const cli = (...args: string[]) => ['--server', sandbox.apiUrl, '--data-dir', dataDir(), ...args];

describe('the search command', () => {
  it('finds people by the start of their name, with their organization, as lines or JSON, in one organization by name', async () => {
    const me = await newUser(sandbox.url, 'Cli Searcher');
    const jordan = await newUser(sandbox.url, 'Jordana Quill');
    await newUser(sandbox.url, 'Morgan Quill');
    const login = await runCli(cli('login', me.email, '--password-stdin'), { input: `${me.password}\n` });
    expect(login.code).toBe(0);

    const found = await runCli(cli('search', 'jordana q'));
    expect(found.stderr).toBe('');
    expect(found.code).toBe(0);
    expect(found.stdout).toBe(`Jordana Quill  Tiger General Hospital  [user ${jordan.token}]\n`);

    const json = await runCli(cli('search', 'QUILL', '--json', '--org', 'tiger general hospital'));
    expect(json.code).toBe(0);
    const results = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as DirectoryResult);
    expect(results.map((result) => [result.name, result.organizationKey])).toEqual([
      ['Jordana Quill', sandbox.organizationKey],
      ['Morgan Quill', sandbox.organizationKey],
    ]);

    const none = await runCli(cli('search', 'zzzz-nobody'));
    expect(none.stdout).toBe('Nobody found for "zzzz-nobody".\n');

    const elsewhere = await runCli(cli('search', 'quill', '--org', 'Elsewhere Clinic'));
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toBe('error: You are not known to belong to the organization "Elsewhere Clinic"\n');
  });
});
