import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openAccount } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import { accountFiles } from '../../main/core/session';
import { readThrough, useFixture } from '../support/hooked-fixture';
import { useSessionHarness } from './fixtures/session-harness';
import { waitFor } from './fixtures/wait-for';
import { startWipeServer, wipeEventId, wipeUser } from './fixtures/wipe-server';

const harness = useSessionHarness();
const server = readThrough(useFixture('test', startWipeServer, (wipe) => wipe.close()), { apiUrl: true, requests: true, acks: true, close: true });

it('erases the database, attachments, kept-aside files and credentials on remote_wipe, then signs out', async () => {
  const session = harness.manager();
  await session.signInWithKey({ server: server.apiUrl, key: 'wipe-key', secret: 'wipe-secret' });
  const runtime = await openAccount({ session, log: createLogger('account', (record) => harness.logs.push(record)) });
  const files = accountFiles(harness.dataRoot, wipeUser.token);
  await mkdir(files.attachments, { recursive: true });
  await writeFile(join(files.attachments, 'cached.bin'), 'sealed bytes');
  await writeFile(join(files.dir, 'tigerdesk.db.unreadable-2026-01-01T00-00-00-000Z'), 'old bytes');

  await runtime.start();
  await waitFor('the wipe', () => (session.state.kind === 'signed-out' ? true : undefined));

  expect(existsSync(files.dir)).toBe(false);
  for (const entry of ['credentials', 'database-key', 'attachment-key']) {
    expect(await harness.keychain().get(`account:${wipeUser.token}:${entry}`)).toBeNull();
  }
  expect(await session.accounts()).toEqual([]);
  expect(runtime.connection.kind).toBe('stopped');
  await waitFor('the wipe acknowledged', () => (server.acks.flat().includes(wipeEventId) ? true : undefined));
  expect(server.requests).toContain('POST /v2/logout');
  expect(harness.logs.some((record) => /remote wipe/.test(record.message) && record.level === 'warn')).toBe(true);
});
