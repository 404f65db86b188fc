import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { parseCommand } from '../../main/cli/arguments';
import type { CliError } from '../../main/cli/cli-error';
import { newUser } from '../session/fixtures/sandbox-users';
import { useSandbox } from '../support/sandbox-fixture';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { runCli } from './fixtures/run-cli';

const sandbox = useSandbox();

const dataDir = useCliDataDir('tigerdesk-cli-profile-');
const cli = (...args: string[]) => ['--server', sandbox.apiUrl, '--data-dir', dataDir(), ...args];

function usageMessage(argv: string[]): string {
  try {
    parseCommand(argv);
  } catch (error) {
    expect((error as CliError).exitCode).toBe(2);
    return (error as CliError).message.split('\n')[0]!;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('the profile and dnd commands', () => {
  it('read profile and dnd command lines, and refuse malformed ones with status 2', () => {
    expect(parseCommand(['profile', '--name', ' Dana R. ', '--status', 'On ward 4'])).toMatchObject({ name: 'profile', displayName: 'Dana R.', status: 'On ward 4' });
    expect(parseCommand(['dnd', 'on', 'In', 'surgery'])).toMatchObject({ name: 'dnd', on: true, text: 'In surgery' });
    expect(parseCommand(['dnd', 'on'])).not.toHaveProperty('text');
    expect(parseCommand(['dnd', 'off'])).toMatchObject({ name: 'dnd', on: false });
    expect(usageMessage(['dnd'])).toBe('dnd takes on [text] or off');
    expect(usageMessage(['dnd', 'off', 'now'])).toBe('dnd takes on [text] or off');
    expect(usageMessage(['profile', '--name', ' '])).toBe('--name must not be empty');
    expect(usageMessage(['profile', '--status', 'x'.repeat(501)])).toBe('--status must be at most 500 characters');
    expect(usageMessage(['profile', 'extra'])).toBe('profile takes no operands (--name NAME, --status TEXT)');
    expect(usageMessage(['dnd', 'on', '--name', 'x'])).toBe('dnd does not take --name');
  });

  it('shows and changes the profile, and sets Do Not Disturb where a colleague sees it', async () => {
    const me = await newUser(sandbox.url, 'Cli Clinician');
    const peer = await newUser(sandbox.url, 'Cli Colleague');
    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: `${me.password}\n` })).code).toBe(0);

    const shown = await runCli(cli('profile'));
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`Cli Clinician (${me.token})\nstatus: (none)\ndo not disturb: off\n`);

    const changed = await runCli(cli('profile', '--name', 'Dr Cli', '--status', 'On call'));
    expect(changed.stderr).toBe('');
    expect(changed.stdout).toContain('status: On call');

    const on = await runCli(cli('dnd', 'on', 'In surgery until 3'));
    expect(on.code).toBe(0);
    expect(on.stdout).toContain('do not disturb: on: In surgery until 3');
    const colleague = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: peer.key, secret: peer.secret } });
    expect(await colleague.lookupUser(me.token)).toMatchObject({ display_name: 'Dr Cli', status: 'On call', dnd: true, dnd_text: 'In surgery until 3' });

    const off = await runCli(cli('dnd', 'off', '--json'));
    expect(JSON.parse(off.stdout)).toMatchObject({ token: me.token, dnd: false });
    expect((await colleague.lookupUser(me.token)).dnd).toBe(false);
  });

  it('needs a signed-in account', async () => {
    const result = await runCli(cli('dnd', 'on'));
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Not signed in');
  });
});
