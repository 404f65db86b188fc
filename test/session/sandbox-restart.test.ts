import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApiClient } from '../../main/core/api';
import { openAccount } from '../../main/core/account';
import type { AccountRuntime } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import type { ConnectionState } from '../../preload/contract';
import { freePort, startSandboxProcess } from './fixtures/sandbox-process';
import type { SandboxProcess } from './fixtures/sandbox-process';
import { newUser } from './fixtures/sandbox-users';
import { useSessionHarness } from './fixtures/session-harness';
import { waitFor } from './fixtures/wait-for';

const harness = useSessionHarness();
let sandboxDir: string;
const sandboxes: SandboxProcess[] = [];
let runtime: AccountRuntime | undefined;

beforeEach(async () => {
  sandboxDir = await mkdtemp(join(tmpdir(), 'tigerdesk-sandbox-process-'));
});
afterEach(async () => {
  await runtime?.close();
  for (const sandbox of sandboxes.splice(0)) await sandbox.kill();
  await rm(sandboxDir, { recursive: true, force: true });
});

it('reconnects after the sandbox is killed and restarted, with nothing missing and nothing doubled', async () => {
  const port = await freePort();
  const sandbox = await startSandboxProcess(port, sandboxDir);
  sandboxes.push(sandbox);
  const me = await newUser(sandbox.url, 'Crash Survivor');
  const peer = await newUser(sandbox.url, 'Steady Sender');
  const peerApi = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: peer.key, secret: peer.secret } });
  const organization = (await peerApi.getUserOrganizations(peer.token))[0]!.token;
  const send = (body: string) => peerApi.sendMessage({ recipient: me.token, body, senderOrganization: organization });

  const session = harness.manager();
  await session.signInWithKey({ server: sandbox.apiUrl, key: me.key, secret: me.secret });
  runtime = await openAccount({
    session,
    log: createLogger('account', (record) => harness.logs.push(record)),
    reconnectBackoff: { baseMs: 100, capMs: 400 },
  });
  const states: ConnectionState['kind'][] = [];
  runtime.subscribeConnection((state) => states.push(state.kind));
  await runtime.catchUp(10_000);
  const bodies = () => runtime!.sync.thread(peer.token, { limit: 100 }).map((message) => message.body);

  for (const n of [1, 2, 3]) await send(`before the crash ${n}`);
  await waitFor('the first messages', () => (bodies().length === 3 ? true : undefined));
  // Killed at once, before the acknowledgements (batched for 250 ms) go out: the restarted
  // server replays these, and they must not be stored twice.
  await sandbox.kill();
  await waitFor('the client to notice', () => (runtime!.connection.kind === 'offline' ? true : undefined));

  const restarted = await startSandboxProcess(port, sandboxDir);
  sandboxes.push(restarted);
  for (const n of [1, 2, 3]) await send(`after the restart ${n}`);

  const expected = [1, 2, 3].map((n) => `before the crash ${n}`).concat([1, 2, 3].map((n) => `after the restart ${n}`));
  await waitFor('every message once', () => (bodies().length >= 6 ? true : undefined), 15_000);
  // Time for any replayed duplicate to arrive and (wrongly) show up.
  await runtime.catchUp(10_000);
  expect(bodies()).toEqual(expected);
  expect(states).toContain('offline');
  expect(runtime.connection.kind).toBe('live');
});
