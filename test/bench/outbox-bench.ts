/**
 * The outbox draining a backlog after reconnect: 1,000 messages queued offline to 10
 * conversations of a real sandbox (its own process, as a server would be), sent from a real
 * encrypted store once the network is back. After a small warm-up drain, three drains, the
 * median reported. Figures:
 * throughput, time from reconnect to the first message sent, and messages missing or
 * doubled as the recipients' streams show them.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createApiClient } from '../../main/core/api';
import { createOutbox } from '../../main/core/outbox';
import { AttachmentCache, openStore } from '../../main/core/store';
import { atLeast, atMost, median } from './figure';
import type { Bench, Figure } from './figure';

interface Person {
  token: string;
  key: string;
  secret: string;
}

async function newPerson(url: string, n: number): Promise<Person> {
  const response = await fetch(`${url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: `Bench ${n}`, email: `bench${n}.${process.pid}.${Date.now()}@example.test`, password: `pw-${n}` }),
  });
  if (response.status !== 200) throw new Error(`sandbox admin route answered ${response.status}`);
  return (await response.json()) as Person;
}

/** How many message events from `sender` the person's stream replays beyond one per client id. */
async function extraCopies(apiUrl: string, person: Person, sender: string): Promise<{ messages: number; extra: number }> {
  const client = createApiClient({ baseUrl: apiUrl, credentials: { key: person.key, secret: person.secret } });
  const request = client.eventStreamRequest();
  const controller = new AbortController();
  const response = await fetch(request.url, { headers: request.headers, signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const clientIds: string[] = [];
  let text = '';
  try {
    while (!text.includes('"replay_stop"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    controller.abort();
  }
  for (const line of text.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const event = JSON.parse(line.slice(5)) as { event: Record<string, { sender_token?: string; data?: { namespace: string; payload: string }[] }> };
    const message = event.event['tigertext:iq:message'];
    if (message?.sender_token !== sender) continue;
    clientIds.push(message.data?.find((datum) => datum.namespace === 'tigerdesk:client-id')?.payload ?? '');
  }
  return { messages: new Set(clientIds).size, extra: clientIds.length - new Set(clientIds).size };
}

interface Sandbox {
  url: string;
  apiUrl: string;
  organizationKey: string;
  close(): Promise<void>;
}

/** `sandbox/cli.ts` in a child process on a free port, in a fresh data folder. */
async function startSandboxProcess(dataDir: string): Promise<Sandbox> {
  const cli = fileURLToPath(new URL('../../sandbox/cli.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, organizationKey } = await new Promise<{ url: string; organizationKey: string }>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const organizationKey = /^organization: .* \(([^)]+)\)$/m.exec(output)?.[1];
      if (url !== undefined && organizationKey !== undefined) resolve({ url, organizationKey });
    });
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code} before listening`)));
  });
  return {
    url,
    apiUrl: `${url}/v2`,
    organizationKey,
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

interface Drain {
  messagesPerSecond: number;
  firstSentMs: number;
  missing: number;
  extra: number;
}

async function drainOnce(sandbox: Sandbox, total: number, conversations: number): Promise<Drain> {
  const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-bench-'));
  const store = openStore({ dir, key: randomBytes(32).toString('hex') });
  try {
    const sender = await newPerson(sandbox.url, 0);
    const recipients: Person[] = [];
    for (let n = 1; n <= conversations; n += 1) recipients.push(await newPerson(sandbox.url, n));
    let firstSentAt: number | null = null;
    let sent = 0;
    const outbox = createOutbox({
      store,
      api: createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key: sender.key, secret: sender.secret } }),
      attachments: new AttachmentCache({ dir: join(dir, 'attachments'), key: randomBytes(32).toString('hex') }),
      senderToken: sender.token,
      senderOrganization: sandbox.organizationKey,
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      onChange: (changes) => {
        for (const message of changes.messages) {
          if (message.status !== 'sent') continue;
          sent += 1;
          firstSentAt ??= performance.now();
        }
      },
    });
    outbox.networkLost();
    outbox.start();
    for (let n = 0; n < total; n += 1) {
      const to = recipients[n % conversations]!;
      await outbox.send({ conversationId: to.token, conversationKind: 'user', body: `backlog message ${n}` });
    }
    const reconnectAt = performance.now();
    outbox.networkBack();
    while (sent < total) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (performance.now() - reconnectAt > 60_000) throw new Error(`drain stalled at ${sent} of ${total}`);
    }
    const seconds = (performance.now() - reconnectAt) / 1000;
    await outbox.stop();
    let received = 0;
    let extra = 0;
    for (const person of recipients) {
      const copies = await extraCopies(sandbox.apiUrl, person, sender.token);
      received += copies.messages;
      extra += copies.extra;
    }
    return { messagesPerSecond: total / seconds, firstSentMs: firstSentAt! - reconnectAt, missing: total - received, extra };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: Bench = {
  title: 'outbox drain after reconnect',
  async run({ quick }) {
    const total = quick ? 200 : 1_000;
    const rounds = quick ? 1 : 3;
    const dataDir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-bench-sandbox-'));
    const sandbox = await startSandboxProcess(dataDir);
    try {
      // A freshly started server (and client) runs its first requests cold: one small drain warms both, uncounted.
      await drainOnce(sandbox, 50, 10);
      const drains: Drain[] = [];
      for (let round = 0; round < rounds; round += 1) drains.push(await drainOnce(sandbox, total, 10));
      return [
        atLeast(`outbox drain of ${total} queued messages (median of ${rounds})`, Math.round(median(drains.map((d) => d.messagesPerSecond))), 'messages/s', 300),
        atMost('outbox reconnect to first message sent (median)', Number(median(drains.map((d) => d.firstSentMs)).toFixed(1)), 'ms', 100),
        atMost('outbox messages missing at the recipients (all drains)', drains.reduce((sum, d) => sum + d.missing, 0), 'messages', 0),
        atMost('outbox duplicate copies at the recipients (all drains)', drains.reduce((sum, d) => sum + d.extra, 0), 'copies', 0),
      ] satisfies Figure[];
    } finally {
      await sandbox.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
