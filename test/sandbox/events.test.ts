import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { startSandbox } from '../../sandbox/index';
import { startTestSandbox, useSandbox } from '../support/sandbox-fixture';
import { newPerson, withKey } from './support/people';
import { advisoryName, replayed } from './support/stream';
import { useOpenStreams } from './support/open-streams';

const sandbox = useSandbox({ heartbeatMs: 100 });
const { track } = useOpenStreams();

function sendText(from: Awaited<ReturnType<typeof newPerson>>, to: string, body: string) {
  return from.client.sendMessage({ recipient: to, body, senderOrganization: sandbox.organizationKey });
}

describe('the event stream', () => {
  it('sends unnamed SSE messages shaped {event_id, event: {"tigertext:iq:<name>": payload}}', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const reader = track(await alice.connect());
    await reader.replayDone();
    const start = reader.events[0]!;
    expect(advisoryName(start)).toBe('replay_start');
    expect(start.payload).toEqual({ advisory: { name: 'replay_start', replay_message_count: 0 } });
    expect(start.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reader.otherFields).toEqual([]);
  });

  it('replays an unacknowledged event on reconnect, and not once it is acknowledged', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const first = track(await bob.connect());
    await first.replayDone();
    const sent = await sendText(alice, bob.token, 'are you there?');
    const live = await first.waitFor((event) => event.name === 'message');
    expect(live.payload.message_id).toBe(sent.messageId);
    // A first message also puts Alice on Bob's roster, stored as its own event before it.
    const friend = await first.waitFor((event) => event.name === 'friends');
    first.close();

    const second = track(await bob.connect());
    await second.replayDone();
    const again = replayed(second.events);
    expect(again.map((event) => event.eventId)).toEqual([friend.eventId, live.eventId]);
    expect(second.events[0]!.payload).toEqual({ advisory: { name: 'replay_start', replay_message_count: 2 } });
    await bob.client.ackEvents([friend.eventId, live.eventId]);
    second.close();

    const third = track(await bob.connect());
    await third.replayDone();
    expect(replayed(third.events)).toEqual([]);
  });

  it('replays a backlog of several pages in order, and a message sent as the stream opens once, after it', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const backlog = 1_100;
    for (let start = 0; start < backlog; start += 100) {
      await Promise.all(Array.from({ length: 100 }, (_, n) => sendText(alice, bob.token, `queued ${start + n}`)));
    }
    const reader = track(await bob.connect());
    await sendText(alice, bob.token, 'sent as the stream opens');
    const messages = await reader.waitForCount(backlog + 1, (event) => event.name === 'message');
    await reader.replayDone();
    const bodies = messages.map((event) => event.payload.body as string);
    expect(new Set(bodies).size).toBe(backlog + 1);
    expect(bodies.at(-1)).toBe('sent as the stream opens');
    // Sent 100 at a time: the order within each hundred is the server's, between them it is kept.
    const hundreds = bodies.slice(0, backlog).map((body) => Math.floor(Number(body.split(' ')[1]) / 100));
    expect(hundreds).toEqual([...hundreds].sort((a, b) => a - b));
    // The backlog, and the friends event of Alice's first message putting her on Bob's roster.
    expect(reader.events[0]!.payload).toEqual({ advisory: { name: 'replay_start', replay_message_count: backlog + 1 } });
  });

  it('gives each device of one person every event, with its own acknowledgements', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const second = await login(sandbox.apiUrl, {
      userId: bob.email,
      password: bob.password,
      deviceId: 'second-device',
      version: 'test',
    });
    expect(second.user.token).toBe(bob.token);
    expect(second.auth.key).not.toBe(bob.key);
    const bobTwo = withKey(sandbox, { ...bob, ...second.auth });
    const one = track(await bob.connect());
    const two = track(await bobTwo.connect());
    await Promise.all([one.replayDone(), two.replayDone()]);
    await sendText(alice, bob.token, 'first');
    await sendText(alice, bob.token, 'second');
    const onOne = await one.waitForCount(2, (event) => event.name === 'message');
    const onTwo = await two.waitForCount(2, (event) => event.name === 'message');
    expect(onOne.map((event) => event.payload.body)).toEqual(['first', 'second']);
    expect(onTwo.map((event) => event.payload.body)).toEqual(['first', 'second']);
    expect(onOne[0]!.eventId).not.toBe(onTwo[0]!.eventId);

    const friendOnOne = await one.waitFor((event) => event.name === 'friends');
    await bob.client.ackEvents([friendOnOne, ...onOne].map((event) => event.eventId));
    one.close();
    two.close();
    const oneAgain = track(await bob.connect());
    const twoAgain = track(await bobTwo.connect());
    await Promise.all([oneAgain.replayDone(), twoAgain.replayDone()]);
    expect(replayed(oneAgain.events)).toEqual([]);
    expect(replayed(twoAgain.events).map((event) => (event.name === 'message' ? event.payload.body : event.name))).toEqual([
      'friends',
      'first',
      'second',
    ]);
  });

  it('echoes a sent message to the sending device with its data elements as sent', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const reader = track(await alice.connect());
    await reader.replayDone();
    const data = [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'client-123' }];
    const sent = await alice.client.sendMessage({
      recipient: bob.token,
      body: 'echo me',
      senderOrganization: sandbox.organizationKey,
      data,
    });
    const echo = await reader.waitFor((event) => event.name === 'message');
    expect(echo.payload.message_id).toBe(sent.messageId);
    expect(echo.payload.data).toEqual(data);
    expect(echo.payload.status).toBe('New');
  });

  it('sends heartbeats at the set interval, and never replays them', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const reader = track(await alice.connect());
    await reader.waitForCount(2, (event) => event.name === 'sse:heartbeat', 2000);
    reader.close();
    const again = track(await alice.connect());
    await again.replayDone();
    expect(replayed(again.events)).toEqual([]);
  });

  it('closes every stream of the key on DELETE /v2/events and answers how many', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const one = track(await alice.connect());
    const two = track(await alice.connect());
    await Promise.all([one.replayDone(), two.replayDone()]);
    await expect(alice.client.closeEventStreams()).resolves.toEqual({ count: 2 });
    await Promise.all([one.done, two.done]);
    expect(one.isEnded && two.isEnded).toBe(true);
  });

  it('sends typing only to streams that asked for is-typing, and does not store it', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    const plain = track(await bob.connect());
    const typingAware = track(await bob.connect(['is-typing']));
    await Promise.all([plain.replayDone(), typingAware.replayDone()]);
    await alice.client.startTyping(bob.token);
    await alice.client.stopTyping(bob.token);
    const [start, stop] = await typingAware.waitForCount(2, (event) => event.name === 'message:is_typing');
    expect(start!.payload).toEqual({ sender_token: alice.token, status: 'typing', organization_id: sandbox.organizationKey });
    expect(stop!.payload).toEqual({ sender_token: alice.token, status: 'stopped', organization_id: sandbox.organizationKey });
    await sendText(alice, bob.token, 'after typing');
    await plain.waitFor((event) => event.name === 'message');
    expect(plain.named('message:is_typing')).toEqual([]);
    plain.close();
    const again = track(await bob.connect(['is-typing']));
    await again.replayDone();
    expect(replayed(again.events).map((event) => event.name)).toEqual(['friends', 'message']);
  });

  it('refuses the stream without a live key/secret pair', async () => {
    const response = await fetch(`${sandbox.apiUrl}/events`, {
      headers: { authorization: `Basic ${Buffer.from('nokey:nosecret').toString('base64')}` },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { message: 'unknown or revoked key/secret pair' } });
  });
});

describe('stream lifetime', () => {
  it('ends a stream after its lifetime with a reconnect event, and the next connect replays what is unacknowledged', async () => {
    const short = await startTestSandbox({ streamLifetimeMs: 300 });
    const alice = await newPerson(short, 'Alice');
    const bob = await newPerson(short, 'Bob');
    const reader = track(await bob.connect());
    await reader.replayDone();
    await alice.client.sendMessage({ recipient: bob.token, body: 'before the drop', senderOrganization: short.organizationKey });
    await reader.done;
    expect(reader.events.map((event) => event.name).slice(-2)).toEqual(['message', 'reconnect']);
    const again = track(await bob.connect());
    await again.replayDone();
    expect(replayed(again.events).map((event) => event.name === 'message' ? event.payload.body : event.name)).toEqual(['friends', 'before the drop']);
  });
});

describe('events across a restart', () => {
  it('replays events stored before the sandbox restarted on the same data dir', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sandbox-restart-'));
    try {
      const before = await startSandbox({ dataDir });
      const alice = await newPerson(before, 'Alice');
      const bob = await newPerson(before, 'Bob');
      const sent = await alice.client.sendMessage({
        recipient: bob.token,
        body: 'survives',
        senderOrganization: before.organizationKey,
      });
      await before.close();

      const after = await startSandbox({ dataDir });
      try {
        const bobAfter = withKey(after, bob);
        const reader = track(await bobAfter.connect());
        await reader.replayDone();
        const events = replayed(reader.events);
        expect(events.map((event) => [event.name, event.payload.message_id, event.payload.body])).toEqual([
          ['friends', undefined, undefined],
          ['message', sent.messageId, 'survives'],
        ]);
        reader.close();
      } finally {
        await after.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('presence', () => {
  it('tells those who have a person on their roster when the person comes online and goes offline', async () => {
    const alice = await newPerson(sandbox, 'Alice');
    const bob = await newPerson(sandbox, 'Bob');
    await sendText(alice, bob.token, 'hello');
    const watcher = track(await bob.connect());
    await watcher.replayDone();
    const first = track(await alice.connect());
    const second = track(await alice.connect());
    await Promise.all([first.replayDone(), second.replayDone()]);
    await watcher.waitFor((event) => event.name === 'presence');
    first.close();
    second.close();
    await watcher.waitForCount(2, (event) => event.name === 'presence');
    expect(watcher.named('presence').map((event) => event.payload)).toEqual([
      { from: alice.token, type: 'available' },
      { from: alice.token, type: 'unavailable' },
    ]);
  });
});
