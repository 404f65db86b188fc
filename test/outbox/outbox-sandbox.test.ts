import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { newPerson } from '../sandbox/support/people';
import type { TestPerson } from '../sandbox/support/people';
import { eventually, openHarness } from './outbox-fixture';
import type { OutboxHarness } from './outbox-fixture';
import { readRecipient } from './recipient-view';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function sandboxIn(dataDir: string, port = 0): Promise<RunningSandbox> {
  const sandbox = await startSandbox({ dataDir, port });
  cleanup.push(() => sandbox.close());
  return sandbox;
}

function outboxFor(sandbox: RunningSandbox, sender: TestPerson, retry = { baseMs: 20, capMs: 200 }): OutboxHarness {
  const harness = openHarness({
    apiUrl: sandbox.apiUrl,
    key: sender.key,
    secret: sender.secret,
    senderToken: sender.token,
    senderOrganization: sandbox.organizationKey,
    outbox: { retry, random: Math.random },
  });
  cleanup.push(() => harness.close());
  return harness;
}

describe('the outbox against the sandbox', () => {
  it('delivers 200 messages queued while the server was down, once each and in order per conversation', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-sandbox-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startSandbox({ dataDir });
    const sender = await newPerson(first, 'Nurse');
    const recipients: TestPerson[] = [];
    for (let n = 0; n < 5; n += 1) recipients.push(await newPerson(first, `Doctor ${n}`));
    const port = Number(new URL(first.url).port);
    await first.close();

    const harness = outboxFor(first, sender);
    harness.outbox.start();
    const expected = new Map<string, string[]>(recipients.map((person) => [person.token, []]));
    for (let n = 0; n < 200; n += 1) {
      const to = recipients[n % 5]!;
      const body = `obs ${n} for ${to.token.slice(0, 6)}`;
      expected.get(to.token)!.push(body);
      await harness.outbox.send({ conversationId: to.token, conversationKind: 'user', body });
    }
    await eventually(() => harness.outbox.jobs().some((job) => job.attempts > 0), 'a failed attempt while the server is down');
    expect(harness.outbox.jobs()).toHaveLength(200);

    // Same data and same port: every client made before still points at it.
    await sandboxIn(dataDir, port);
    harness.outbox.networkBack();
    await eventually(() => harness.outbox.jobs().length === 0, 'the queue to drain', 20_000);

    for (const person of recipients) {
      const received = await readRecipient(person, sender.token);
      expect(received.map((message) => message.body)).toEqual(expected.get(person.token));
      expect(new Set(received.map((message) => message.clientId)).size).toBe(40);
    }
    const stored = harness.store.statements.prepare<{ status: string; n: number }>(
      'SELECT status, count(*) AS n FROM messages GROUP BY status',
    ).all();
    expect(stored).toEqual([{ status: 'sent', n: 200 }]);
    // Every message showed queued, then sending (once per attempt), then sent: never a step back.
    const shown = new Map<string, string[]>();
    for (const change of harness.changes) {
      for (const message of change.messages) shown.set(message.id, [...(shown.get(message.id) ?? []), message.status]);
    }
    expect(shown.size).toBe(200);
    for (const statuses of shown.values()) expect(statuses.filter((status, i) => status !== statuses[i - 1])).toEqual(['queued', 'sending', 'sent']);
  });

  it('sends a queued attachment whose original file was deleted, byte for byte', async () => {
    const sandbox = await sandboxIn(mkdtempSync(join(tmpdir(), 'tigerdesk-outbox-sandbox-')));
    cleanup.push(() => rmSync(sandbox.dataDir, { recursive: true, force: true }));
    const sender = await newPerson(sandbox, 'Nurse');
    const doctor = await newPerson(sandbox, 'Doctor');
    const harness = outboxFor(sandbox, sender);
    const bytes = randomBytes(300_000);
    const path = join(harness.dir, 'wound-photo.jpg');
    writeFileSync(path, bytes);
    const view = await harness.outbox.send({
      conversationId: doctor.token, conversationKind: 'user', body: 'wound, day 3', attachment: { path, contentType: 'image/jpeg' },
    });
    expect(view.attachment).toEqual({ name: 'wound-photo.jpg', contentType: 'image/jpeg', size: 300_000 });
    rmSync(path);

    harness.outbox.start();
    await eventually(() => harness.outbox.jobs().length === 0, 'the send');
    const [received] = await readRecipient(doctor, sender.token);
    expect(received).toMatchObject({ body: 'wound, day 3' });
    const download = await doctor.client.getAttachment(received!.token);
    expect(Buffer.from(download.bytes).equals(bytes)).toBe(true);
    expect(download.contentType).toBe('image/jpeg');
  });
});
