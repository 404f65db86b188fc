// Security check: after a whole session (password sign-in, chat both ways, an attachment,
// sign-out) no key, secret, password or message content is in any log, and nothing of the
// account is left in the data folder or the keychain.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { expect, it, onTestFinished } from 'vitest';
import { openAccount } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import { createRotatingFileSink } from '../../main/core/log/rotating-file-sink';
import { SessionManager } from '../../main/core/session';
import { KeytarSecretStore, Vault } from '../../main/core/vault';
import { startTestSandbox } from '../support/sandbox-fixture';
import { newUser } from '../session/fixtures/sandbox-users';
import { quickRecovery, signedInClient, until } from './support/fault-client';
import { storedMessages } from './support/ledger';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

it('leaves no credential or message content in the logs, and nothing of the account on disk or in the keychain, after sign-out', async () => {
  const sandbox = await startTestSandbox();
  const peer = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
  onTestFinished(() => peer.close());
  const user = await newUser(sandbox.url, 'Nurse Ames');
  const root = await mkdtemp(join(tmpdir(), 'tigerdesk-fault-security-'));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  const dataRoot = join(root, 'data');
  const logFile = join(root, 'logs', 'tigerdesk.log');
  const { sink } = createRotatingFileSink({ file: logFile });
  const service = `tigerdesk-security-${randomBytes(6).toString('hex')}`;
  const session = new SessionManager({
    vault: new Vault(new KeytarSecretStore({ service })), dataRoot, clientVersion: 'tigerdesk-test', fetch, log: createLogger('session', sink),
  });

  const summary = await session.signInWithPassword({ server: sandbox.apiUrl, userId: user.email, password: user.password });
  const runtime = await openAccount({ session, log: createLogger('account', sink), ...quickRecovery });
  await runtime.start();
  const said = `Bed 12 potassium ${randomBytes(6).toString('hex')}`;
  const answered = `Repeat the labs ${randomBytes(6).toString('hex')}`;
  const fileText = `SCAN-${randomBytes(12).toString('hex')}`;
  const scan = join(root, 'scan.txt');
  await writeFile(scan, fileText);
  await runtime.outbox.send({ conversationId: peer.user.token, conversationKind: 'user', body: said });
  await runtime.outbox.send({ conversationId: peer.user.token, conversationKind: 'user', body: '', attachment: { path: scan, contentType: 'text/plain' } });
  await peer.runtime.outbox.send({ conversationId: user.token, conversationKind: 'user', body: answered });
  await until('the chat to go both ways', () =>
    storedMessages(peer.runtime.store, user.token, 'in').length === 2 && storedMessages(runtime.store, peer.user.token, 'in').length === 1, 15_000);
  const { files, credentials, databaseKey, attachmentKey } = await session.opened();
  await runtime.close();
  const report = await session.signOut();
  expect(report).toMatchObject({ accountId: summary.id, revoked: true });

  const secrets = [
    user.password, credentials.key, credentials.secret, databaseKey, attachmentKey,
    Buffer.from(`${credentials.key}:${credentials.secret}`).toString('base64'),
  ];
  const logs = (await Promise.all((await filesUnder(join(root, 'logs'))).map((file) => readFile(file, 'utf8')))).join('\n');
  expect(logs.length, 'the session wrote no log at all, so the check would prove nothing').toBeGreaterThan(0);
  for (const hidden of [...secrets, said, answered, fileText]) expect(logs).not.toContain(hidden);

  const left = await filesUnder(dataRoot);
  expect(left.filter((file) => file.startsWith(files.dir))).toEqual([]);
  for (const file of left) {
    const content = await readFile(file, 'latin1');
    for (const trace of [...secrets, said, answered, fileText, user.token, user.email]) expect(content, file).not.toContain(trace);
  }
  const stored = await keytar.findCredentials(service);
  for (const { account, password } of stored) {
    for (const trace of [...secrets, summary.id, user.token]) expect(`${account} ${password}`).not.toContain(trace);
  }
  await new Vault(new KeytarSecretStore({ service })).listAccounts().then((accounts) => expect(accounts).toEqual([]));
  for (const { account } of stored) await keytar.deletePassword(service, account);
}, 60_000);
