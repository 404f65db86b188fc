/**
 * The sandbox must never be the bottleneck of the client's benchmarks: one stream takes at
 * least 5,000 events/s, and a message to a 100-member group reaches all 100 streams with p99
 * under 50 ms, all on loopback.
 */
import http from 'node:http';
import { createApiClient } from '../../main/core/api';
import type { ApiClient } from '../../main/core/api';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { atLeast, atMost, median, percentile } from './figure';
import type { Bench, Figure } from './figure';

interface Person {
  token: string;
  authorization: string;
  client: ApiClient;
}

let counter = 0;

async function newPerson(sandbox: RunningSandbox): Promise<Person> {
  counter += 1;
  const response = await fetch(`${sandbox.url}/sandbox/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ display_name: `Bench ${counter}`, email: `bench${counter}.${Date.now()}@bench.test`, password: 'pw' }),
  });
  const { token, key, secret } = (await response.json()) as { token: string; key: string; secret: string };
  const client = createApiClient({ baseUrl: sandbox.apiUrl, credentials: { key, secret }, organizationKey: sandbox.organizationKey });
  return { token, authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, client };
}

/** A minimal stream reader: calls `onMessage(id, receivedAt)` for each message event. */
async function openStream(
  person: Person,
  onMessage: (messageId: string, receivedAt: number) => void,
): Promise<{ replayDone: Promise<void>; close(): void }> {
  const controller = new AbortController();
  const request = person.client.eventStreamRequest();
  const response = await fetch(request.url, { headers: request.headers, signal: controller.signal });
  let markReplayDone = (): void => {};
  const replayDone = new Promise<void>((resolve) => {
    markReplayDone = resolve;
  });
  void (async () => {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const receivedAt = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(6, end);
          buffer = buffer.slice(end + 2);
          const event = (JSON.parse(block) as { event: Record<string, { message_id?: string; advisory?: { name: string } }> }).event;
          const message = event['tigertext:iq:message'] ?? event['tigertext:iq:group_message'];
          if (message?.message_id) onMessage(message.message_id, receivedAt);
          else if (event['tigertext:iq:client_advisory']?.advisory?.name === 'replay_stop') markReplayDone();
        }
      }
    } catch {
      // Closed by the benchmark.
    }
  })();
  return { replayDone, close: () => controller.abort() };
}

/**
 * Sends `count` messages over keep-alive node:http rather than the API client: in one process,
 * fetch's own overhead would cap the rate below what the sandbox serves.
 */
async function sendMany(sandbox: RunningSandbox, sender: Person, recipient: string, count: number, concurrency = 16): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { port } = new URL(sandbox.url);
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        {
          method: 'POST',
          host: '127.0.0.1',
          port,
          path: '/v2/message',
          agent,
          headers: { authorization: sender.authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => (response.statusCode === 204 ? resolve() : reject(new Error(`send answered ${response.statusCode}`))));
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          next += 1;
          await post(JSON.stringify({ recipient, body: `event ${next}`, sender_organization: sandbox.organizationKey }));
        }
      }),
    );
  } finally {
    agent.destroy();
  }
}

function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) resolve();
      else if (Date.now() > deadline) reject(new Error('benchmark timed out'));
      else setTimeout(check, 1);
    };
    check();
  });
}

/** A stored backlog replayed on connect: the rate one stream takes events at. */
async function replayRate(sandbox: RunningSandbox, count: number): Promise<number> {
  const [sender, receiver] = [await newPerson(sandbox), await newPerson(sandbox)];
  await sendMany(sandbox, sender, receiver.token, count);
  let received = 0;
  const start = performance.now();
  const stream = await openStream(receiver, () => {
    received += 1;
  });
  await waitUntil(() => received >= count, 60_000);
  const seconds = (performance.now() - start) / 1000;
  stream.close();
  return count / seconds;
}

/** Live events while senders send as fast as they can: the rate one open stream keeps up with. */
async function liveRate(sandbox: RunningSandbox, count: number): Promise<number> {
  const receiver = await newPerson(sandbox);
  const senders = await Promise.all(Array.from({ length: 4 }, () => newPerson(sandbox)));
  let received = 0;
  const stream = await openStream(receiver, () => {
    received += 1;
  });
  await stream.replayDone;
  const start = performance.now();
  await Promise.all(senders.map((sender) => sendMany(sandbox, sender, receiver.token, count / senders.length, 8)));
  await waitUntil(() => received >= count, 60_000);
  const seconds = (performance.now() - start) / 1000;
  stream.close();
  return count / seconds;
}

const WARMUP = 5;

/** Send-to-arrival time of group messages at every member's stream, in ms. */
async function groupLatencies(sandbox: RunningSandbox, members: number, messages: number): Promise<number[]> {
  const people = await Promise.all(Array.from({ length: members }, () => newPerson(sandbox)));
  const sender = people[0]!;
  const group = await sender.client.createGroup({ name: 'Bench group', members: people.slice(1).map((p) => p.token) });
  const sentAt = new Map<string, number>();
  const arrivals: { id: string; at: number }[] = [];
  const streams = await Promise.all(people.map((person) => openStream(person, (id, at) => arrivals.push({ id, at }))));
  await Promise.all(streams.map((stream) => stream.replayDone));
  const latencies: number[] = [];
  // The first few messages warm the JIT on both ends; they are sent but not measured.
  for (let i = -WARMUP; i < messages; i++) {
    const before = performance.now();
    const { messageId } = await sender.client.sendMessage({ recipient: group.token, body: `m${i}`, senderOrganization: sandbox.organizationKey });
    if (i >= 0) sentAt.set(messageId, before);
    await waitUntil(() => arrivals.filter((a) => a.id === messageId).length >= members, 10_000);
  }
  for (const arrival of arrivals) {
    const sent = sentAt.get(arrival.id);
    if (sent !== undefined) latencies.push(arrival.at - sent);
  }
  for (const stream of streams) stream.close();
  return latencies;
}

export const bench: Bench = {
  title: 'sandbox server',
  async run({ quick }): Promise<Figure[]> {
    const sandbox = await startSandbox();
    try {
      const replay = await replayRate(sandbox, quick ? 2000 : 10_000);
      const live = await liveRate(sandbox, quick ? 1000 : 4000);
      const latencies = await groupLatencies(sandbox, 100, quick ? 30 : 100);
      return [
        atLeast('one stream, replayed backlog', Math.round(replay), 'events/s', 5000),
        {
          name: 'one stream, live while 4 senders send 1:1 messages (bounded by their send rate)',
          value: Math.round(live),
          unit: 'events/s',
          target: 'reported',
          met: true,
        },
        atMost('100-member group message to all streams, p99', Number(percentile(latencies, 99).toFixed(1)), 'ms', 50),
        {
          name: '100-member group message to all streams, median',
          value: Number(median(latencies).toFixed(1)),
          unit: 'ms',
          target: 'reported',
          met: true,
        },
      ];
    } finally {
      await sandbox.close();
    }
  },
};
