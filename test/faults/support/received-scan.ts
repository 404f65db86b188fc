/**
 * Doctor Baker sends Nurse Ames a 30 KB scan.pdf as an attachment; resolves once it is stored on
 * her side. Nurse Ames reaches the server at `nurseApiUrl` (the sandbox, or a proxy in front of
 * it); what is opened is closed or removed by the steps pushed onto `cleanup`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningSandbox } from '../../../sandbox/index';
import { signedInClient, until } from './fault-client';
import { storedMessages } from './ledger';

export async function scanReceivedByNurse(options: { sandbox: RunningSandbox; nurseApiUrl: string; prefix: string; cleanup: (() => Promise<void>)[] }) {
  const { sandbox, cleanup } = options;
  const a = await signedInClient(sandbox.url, options.nurseApiUrl, 'Nurse Ames');
  cleanup.push(() => a.close());
  const b = await signedInClient(sandbox.url, sandbox.apiUrl, 'Doctor Baker');
  cleanup.push(() => b.close());
  const dir = await mkdtemp(join(tmpdir(), options.prefix));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const scan = randomBytes(30_000);
  await writeFile(join(dir, 'scan.pdf'), scan);
  await b.runtime.outbox.send({ conversationId: a.user.token, conversationKind: 'user', body: 'the scan', attachment: { path: join(dir, 'scan.pdf'), contentType: 'application/pdf' } });
  await until('the message to arrive', () => storedMessages(a.runtime.store, b.user.token, 'in').length === 1, 15_000);
  const messageId = String(a.runtime.store.statements.prepare<{ id: number }>(`SELECT id FROM messages WHERE direction = 'in'`).get()!.id);
  return { a, b, dir, scan, messageId };
}
