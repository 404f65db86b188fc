import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { keychainServiceFor } from '../../main/cli/cli-context';
import { KeytarSecretStore } from '../../main/core/vault';
import type { ChangeSet, ConversationSummary, MessageView } from '../../preload/contract';
import { newUser } from '../session/fixtures/sandbox-users';
import { startSandbox } from '../../sandbox';
import { useSandbox } from '../support/sandbox-fixture';
import { useCliDataDir } from './fixtures/cli-data-dir';
import { jsonLines, runCli, spawnCli, watch } from './fixtures/run-cli';

const sandbox = useSandbox();

const dataDir = useCliDataDir('tigerdesk-cli-');
const cli = (...args: string[]) => ['--server', sandbox.apiUrl, '--data-dir', dataDir(), ...args];

describe('the command-line client', () => {
  it('signs in, sends, tails, lists the roster and the thread, and signs out', async () => {
    const me = await newUser(sandbox.url, 'Cli Clinician');
    const peer = await newUser(sandbox.url, 'Cli Colleague');

    const refused = await runCli(cli('login', me.email, '--password-stdin'), { input: 'wrong-password\n' });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('error: The server refused this user id and password');

    const login = await runCli(cli('login', me.email, '--password-stdin'), { input: `${me.password}\n` });
    expect(login.stderr).toBe('');
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Signed in as Cli Clinician (${me.token})`);
    expect(login.stdout).toContain('credentials: the OS keychain');

    const whoami = await runCli(cli('whoami', '--json'));
    expect(whoami.code).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ userToken: me.token, displayName: 'Cli Clinician', secretStore: 'keychain' });

    const attachment = join(dataDir(), 'chart.txt');
    await writeFile(attachment, 'blood pressure 120/80');
    const sent = await runCli(cli('send', peer.email, 'Rounds at 9', '--priority', 'high', '--attach', attachment));
    expect(sent.stderr).toBe('');
    expect(sent.code).toBe(0);
    expect(sent.stdout).toMatch(new RegExp(`^Sent to ${peer.email.replace(/\./g, '\\.')}: message \\S+\\n$`));

    const tailing = spawnCli(cli('tail'));
    const tail = watch(tailing);
    await tail.until('stderr', /connection: live/);
    await createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: peer.key, secret: peer.secret } })
      .sendMessage({ recipient: me.token, body: 'See you there', senderOrganization: sandbox.organizationKey });
    await tail.until('stdout', /See you there/);
    const changes = jsonLines<ChangeSet>(tail.seen.stdout);
    const tailed = changes.flatMap((change) => change.messages);
    expect(tailed.find((message) => message.body === 'See you there')).toMatchObject({ outgoing: false, senderToken: peer.token });
    // One process per account: while tail has it open, other commands on this data folder wait their turn.
    tailing.kill('SIGINT');
    expect(await tail.exited).toBe(0);

    const roster = await runCli(cli('roster', '--json'));
    expect(roster.code).toBe(0);
    expect(jsonLines<ConversationSummary>(roster.stdout).map((conversation) => conversation.id)).toEqual([peer.token]);
    const humanRoster = await runCli(cli('roster'));
    expect(humanRoster.stdout).toContain(`Cli Colleague  [user ${peer.token}]  1 unread  See you there`);

    const thread = await runCli(cli('thread', peer.email, '--json'));
    expect(thread.code).toBe(0);
    const messages = jsonLines<MessageView>(thread.stdout);
    expect(messages.map((message) => message.body)).toEqual(['Rounds at 9', 'See you there']);
    expect(messages[0]).toMatchObject({ outgoing: true, priority: 'high', attachment: { name: 'chart.txt' } });
    expect(messages[0]!.token).not.toBeNull();
    const humanThread = await runCli(cli('thread', peer.token));
    expect(humanThread.stdout).toMatch(/you {2}\(high priority, .*\)\n {4}Rounds at 9\n {4}\[attachment: chart\.txt, text\/plain, 21 B\]/);
    expect(humanThread.stdout).toMatch(/ {2}Cli Colleague {2}\(expires .*\)\n {4}See you there\n/);

    const logout = await runCli(cli('logout'));
    expect(logout.code).toBe(0);
    expect(logout.stdout).toContain('the server revoked the session');
    const keychain = new KeytarSecretStore({ service: keychainServiceFor(dataDir()) });
    expect(await keychain.get(`account:${me.token}:credentials`)).toBeNull();
    expect(await keychain.get(`account:${me.token}:database-key`)).toBeNull();
    expect(existsSync(join(dataDir(), 'accounts', me.token))).toBe(false);

    const after = await runCli(cli('whoami'));
    expect(after.code).toBe(3);
    expect(after.stderr).toBe('error: Not signed in. Sign in with: login <user-id>\n');
  });

  it('says the server cannot be reached and exits with status 4', async () => {
    const gone = await startSandbox({ port: 0 });
    await gone.close();
    const result = await runCli(['--server', gone.apiUrl, '--data-dir', dataDir(), 'login', 'someone@example.test', '--password-stdin'], { input: 'pw\n' });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(`error: Cannot reach the server at ${gone.apiUrl}`);
  });

  it('reports an unreachable server to commands that need it, with status 4', async () => {
    const own = await startSandbox({ port: 0 });
    const me = await newUser(own.url, 'Stranded User');
    const args = (...rest: string[]) => ['--server', own.apiUrl, '--data-dir', dataDir(), ...rest];
    expect((await runCli(args('login', me.email, '--password-stdin'), { input: me.password })).code).toBe(0);
    await own.close();

    const roster = await runCli(args('roster'));
    expect(roster.code).toBe(4);
    expect(roster.stderr).toContain(`error: Cannot reach the server at ${own.apiUrl}`);
    // An address never seen here cannot be filed under a conversation without the server.
    const send = await runCli(args('send', me.token, 'into the void'));
    expect(send.code).toBe(4);
    expect(send.stderr).toMatch(new RegExp(`^error: Cannot look up ${me.token}: the server cannot be reached \\(lookupUser: network`));
    const whoami = await runCli(args('whoami'));
    expect(whoami.code).toBe(0);
  });

  it('signs in with a key/secret pair read from standard input', async () => {
    const me = await newUser(sandbox.url, 'Key Holder');
    const result = await runCli(cli('login', '--key', me.key, '--password-stdin'), { input: me.secret });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Signed in as Key Holder (${me.token})`);
    expect(result.stdout).not.toContain(me.secret);
    const log = await readFile(join(dataDir(), 'logs', 'cli.log'), 'utf8');
    expect(log).toContain('signed in');
    expect(log).not.toContain(me.secret);
    expect(log).not.toContain(me.key);
  });

  it('falls back to keeping credentials for this command only when no keychain answers, and says so', async () => {
    const me = await newUser(sandbox.url, 'No Keychain');
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dataDir(), 'no-bus-here')}` };
    delete env['GNOME_KEYRING_CONTROL'];

    const login = await runCli(cli('login', me.email, '--password-stdin'), { input: me.password, env });
    expect(login.code).toBe(0);
    expect(login.stderr).toMatch(/^warning: Secrets are kept in the session-only store instead of the keychain store \(keychain: .*D-Bus.*\)\. Credentials are kept only until this command exits\.\n$/);
    expect(login.stdout).toContain('credentials: memory only (forgotten when this command exits)');

    const whoami = await runCli(cli('whoami'), { env });
    expect(whoami.code).toBe(3);
    expect(whoami.stderr).toContain('error: Not signed in (no keychain answers, so no stored sign-in can be read)');
  });

  it('signs in to a server named without /v2 and keeps the address it used', async () => {
    const me = await newUser(sandbox.url, 'Cli Short Address');
    const args = (...rest: string[]) => ['--server', `${sandbox.url}/`, '--data-dir', dataDir(), ...rest];
    const login = await runCli(args('login', '--key', me.key, '--password-stdin'), { input: me.secret });
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`server: ${sandbox.apiUrl}\n`);
    const whoami = await runCli(args('whoami', '--json'));
    expect(JSON.parse(whoami.stdout)).toMatchObject({ userToken: me.token, server: sandbox.apiUrl });
  });

  it('refuses a server over plain http to another computer before reading the password or opening anything', async () => {
    const result = await runCli(['--server', 'http://tigertext.invalid', '--data-dir', dataDir(), 'login', 'someone@example.test', '--password-stdin'], { input: 'pw\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --server: TigerDesk only sends credentials over https; http is allowed only for a server on this computer\n/);
    expect(existsSync(join(dataDir(), 'accounts'))).toBe(false);
  });

  it('refuses a malformed command line with the usage and status 2', async () => {
    const result = await runCli(cli('send', 'someone', 'hi', '--priority', 'urgent'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --priority must be high, normal or low');
    expect(result.stderr).toContain('usage: npm run cli --');
  });
});
