/**
 * `orgs` and `--org` against the real sandbox. A sandbox account belongs to one organization
 * today, so `--org` is shown with the home organization (by name and by token) and an unknown
 * one; choosing between two organizations is the resolver's own test (organization-option.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ConversationSummary } from '../../preload/contract';
import { DEMO_ORGANIZATION } from '../../sandbox/demo/accounts';
import { newUser } from '../session/fixtures/sandbox-users';
import { useSandbox } from '../support/sandbox-fixture';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { runCli } from './fixtures/run-cli';

const sandbox = useSandbox();

const dataDir = useCliDataDir('tigerdesk-cli-orgs-');
const cli = (...args: string[]) => ['--server', sandbox.apiUrl, '--data-dir', dataDir(), ...args];
const home = `${DEMO_ORGANIZATION.name} (${DEMO_ORGANIZATION.token}, home)`;

describe('organizations in the command-line client', () => {
  it('lists the organizations, and sends and lists the roster in the one --org names', async () => {
    const me = await newUser(sandbox.url, 'Org Clinician');
    const peer = await newUser(sandbox.url, 'Org Colleague');
    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: `${me.password}\n` })).code).toBe(0);

    const orgs = await runCli(cli('orgs'));
    expect(orgs.stderr).toBe('');
    expect(orgs.stdout).toBe(`${home}\n`);
    const json = await runCli(cli('orgs', '--json'));
    expect(JSON.parse(json.stdout)).toEqual({ token: DEMO_ORGANIZATION.token, name: DEMO_ORGANIZATION.name, home: true });

    const sent = await runCli(cli('send', peer.email, 'Rounds at 9', '--org', 'tiger general HOSPITAL', '--json'));
    expect(sent.stderr).toBe('');
    expect(JSON.parse(sent.stdout)).toMatchObject({ outcome: 'sent', conversationId: peer.token });

    const roster = await runCli(cli('roster', '--org', DEMO_ORGANIZATION.token, '--json'));
    expect(roster.code).toBe(0);
    expect(roster.stdout.trim().split('\n').map((line) => (JSON.parse(line) as ConversationSummary).id)).toEqual([peer.token]);
  });

  it('refuses an organization the account is not in, listing those it is in, and queues nothing', async () => {
    const me = await newUser(sandbox.url, 'Org Clinician');
    const peer = await newUser(sandbox.url, 'Org Colleague');
    expect((await runCli(cli('login', me.email, '--password-stdin'), { input: `${me.password}\n` })).code).toBe(0);

    const refusal = `error: --org "Northside Clinic" is not one of your organizations: ${home}\n`;
    const sent = await runCli(cli('send', peer.email, 'Rounds at 9', '--org', 'Northside Clinic'));
    expect(sent).toMatchObject({ code: 1, stdout: '', stderr: refusal });
    const roster = await runCli(cli('roster', '--org', 'Northside Clinic'));
    expect(roster).toMatchObject({ code: 1, stderr: refusal });
    expect((await runCli(cli('outbox', '--json'))).stdout).toBe('');
  });
});
