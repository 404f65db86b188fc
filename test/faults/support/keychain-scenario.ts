/**
 * Runs in a child process under its own keyring (keychain.test.ts starts it through
 * with-keyring.sh), because it locks that keyring and stops its daemon, which would break
 * every other test sharing one. Two clients talk while client A's keychain is locked, then
 * gone, then back; A is restarted at each stage. Prints one JSON line: what each stage saw.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionError } from '../../../main/core/session';
import { startSandbox } from '../../../sandbox';
import { signedInClient, until } from './fault-client';
import type { FaultClient } from './fault-client';
import { serverMessages, storedMessages } from './ledger';

const sandbox = await startSandbox();
const a = await signedInClient(sandbox.url, sandbox.apiUrl, 'Nurse Ames');
const b = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
const report: Record<string, unknown> = {};

async function exchange(stage: string): Promise<void> {
  await b.runtime.outbox.send({ conversationId: a.user.token, conversationKind: 'user', body: `to A ${stage}` });
  await a.runtime.outbox.send({ conversationId: b.user.token, conversationKind: 'user', body: `to B ${stage}` });
  const arrived = (to: FaultClient, from: FaultClient, body: string) => storedMessages(to.runtime.store, from.user.token, 'in').some((message) => message.body === body);
  await until(`the ${stage} messages`, () => arrived(a, b, `to A ${stage}`) && arrived(b, a, `to B ${stage}`), 15_000);
}

/** An app restart of client A: a new session manager over the same keychain service and folder. */
async function restartA(): Promise<{ state: unknown; error: { name: string; reason: string; message: string } | null }> {
  const manager = a.harness.manager();
  try {
    await manager.restore();
    return { state: manager.state, error: null };
  } catch (thrown) {
    const failure = thrown as SessionError;
    return { state: manager.state, error: { name: failure.name, reason: failure.reason, message: failure.message } };
  }
}

const secretService = ['--session', '--dest', 'org.freedesktop.secrets', '--object-path', '/org/freedesktop/secrets'];
const { files } = await a.session.opened();

await exchange('before');
execFileSync('gdbus', ['call', ...secretService, '--method', 'org.freedesktop.Secret.Service.Lock', "['/org/freedesktop/secrets/aliases/default']"]);
await exchange('while locked');
report['lockedRestart'] = await restartA();
report['lockedKeptFolder'] = existsSync(files.dir);

const daemon = execFileSync('gdbus', ['call', '--session', '--dest', 'org.freedesktop.DBus', '--object-path', '/org/freedesktop/DBus',
  '--method', 'org.freedesktop.DBus.GetConnectionUnixProcessID', 'org.freedesktop.secrets']).toString().match(/uint32 (\d+)/)![1]!;
process.kill(Number(daemon), 'SIGTERM');
await until('the keyring daemon to stop', () => {
  try {
    process.kill(Number(daemon), 0);
    return false;
  } catch {
    return true;
  }
}, 10_000);
await exchange('while gone');
report['goneRestart'] = await restartA();

// The keychain comes back (the user logs in again): a new daemon unlocks the same keyring file.
// This process's libsecret still addresses the stopped daemon, so A restarts as a new process, as the app would.
const unlock = spawn('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { stdio: ['pipe', 'ignore', 'ignore'] });
unlock.stdin.end('pw');
await new Promise((resolve) => unlock.once('exit', resolve));
await a.runtime.close();
const restarted = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'client-child.ts')], {
  env: { ...process.env, CLIENT_CHILD: JSON.stringify({ service: a.harness.service, dataRoot: a.harness.dataRoot, peer: b.user.token, target: 0, paceMs: 0 }) },
  stdio: ['pipe', 'pipe', 'inherit'],
});
let output = '';
restarted.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
await until('A to start again', () => output.includes('ready\n'), 20_000);
await b.runtime.outbox.send({ conversationId: a.user.token, conversationKind: 'user', body: 'to A after' });
// A has stored it once the server has its delivered receipt.
await until('A to take the message after', () => (serverMessages(sandbox.dataDir, b.user.token, a.user.token).at(-1)?.recipientStatus ?? 0) >= 1, 15_000);
restarted.stdin.write('stop\n');
await new Promise((resolve) => restarted.once('exit', resolve));
const held = JSON.parse(output.split('\n').find((line) => line.startsWith('{'))!) as { in: [string, string][]; out: [string, string][] };
report['aReceived'] = held.in.map(([body]) => body);
report['aSent'] = held.out;
report['serverToA'] = serverMessages(sandbox.dataDir, b.user.token, a.user.token).map((message) => message.body);
report['serverToB'] = serverMessages(sandbox.dataDir, a.user.token, b.user.token).map((message) => message.body);
report['bReceived'] = storedMessages(b.runtime.store, a.user.token, 'in').map((message) => message.body);
await b.runtime.close();
await sandbox.close();
// Not harness.cleanUp(): this process's libsecret cannot reach the new daemon, and the whole keyring goes with the scenario's HOME.
for (const dir of [a.harness.dataRoot, b.harness.dataRoot]) await rm(dir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
