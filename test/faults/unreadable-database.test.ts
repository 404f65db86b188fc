// Scenario 6: the database file is damaged, or reads under another key. The user is told, the
// file is kept aside untouched, and a fresh database fills again from the server.
import { randomBytes } from 'node:crypto';
import { copyFile, open, readFile, rm } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { databasePath, openStore } from '../../main/core/store';
import { nurseAndDoctor } from '../support/nurse-and-doctor';
import { startTestSandbox } from '../support/sandbox-fixture';
import { until } from './support/fault-client';
import type { FaultClient } from './support/fault-client';
import { storedMessages } from './support/ledger';

type Damage = (file: string) => Promise<void>;

const overwriteTheMiddle: Damage = async (file) => {
  const handle = await open(file, 'r+');
  try {
    const { size } = await handle.stat();
    await handle.write(randomBytes(4_096), 0, 4_096, Math.floor(size / 2));
    await handle.write(randomBytes(64), 0, 64, 0);
  } finally {
    await handle.close();
  }
};

const anotherKeysDatabase: Damage = async (file) => {
  const otherDir = `${file}.other`;
  const other = openStore({ dir: otherDir, key: randomBytes(32).toString('hex') });
  other.close();
  await copyFile(databasePath(otherDir), file);
  await rm(otherDir, { recursive: true, force: true });
};

async function send(from: FaultClient, to: FaultClient, bodies: string[]): Promise<void> {
  for (const body of bodies) await from.runtime.outbox.send({ conversationId: to.user.token, conversationKind: 'user', body });
}

it.each([
  ['damaged', overwriteTheMiddle],
  ['encrypted under another key', anotherKeysDatabase],
] as const)('keeps a database that is %s aside, says so, and starts fresh from the server', async (_, damage) => {
  const { a, b } = await nurseAndDoctor(await startTestSandbox());
  await send(b, a, ['before 1', 'before 2']);
  await until('a to hold the first messages', () => storedMessages(a.runtime.store, b.user.token, 'in').length === 2, 15_000);

  const { files } = await a.session.opened();
  await a.runtime.close();
  // Checkpointed into the main file on close; sent while a is closed, these wait on the server.
  await send(b, a, ['while closed 1', 'while closed 2']);
  await until('b to have sent them', () => b.runtime.outbox.jobs().length === 0, 15_000);
  const file = databasePath(files.dir);
  await damage(file);
  const damaged = await readFile(file);

  const runtime = await a.reopen();
  expect(runtime.setAside).not.toBeNull();
  expect(runtime.setAside!.message).toMatch(/cannot be read with this key: the key is wrong or the file is damaged/);
  expect(runtime.setAside!.movedTo[0]).toMatch(/tigerdesk\.db\.unreadable-/);
  expect((await readFile(runtime.setAside!.movedTo[0]!)).equals(damaged)).toBe(true);

  await runtime.catchUp(15_000);
  expect(runtime.sync.roster().map((conversation) => conversation.id)).toContain(b.user.token);
  expect(storedMessages(runtime.store, b.user.token, 'in').map((message) => message.body)).toEqual(['while closed 1', 'while closed 2']);
  await send(b, a, ['after']);
  await until('the fresh database to take new messages', () => storedMessages(runtime.store, b.user.token, 'in').length === 3, 15_000);
  await send(a, b, ['reply from the fresh start']);
  await until('b to get the reply', () => storedMessages(b.runtime.store, a.user.token, 'in').length === 1, 15_000);
}, 60_000);
