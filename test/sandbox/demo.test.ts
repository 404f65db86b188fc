import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_RESPONDER, DEMO_YOU, demoEmail } from '../../sandbox/demo/accounts';
import { useSandbox } from '../support/sandbox-fixture';
import { withKey } from './support/people';
import { replayed } from './support/stream';

const sandbox = useSandbox({ seedDemo: true, demoResponderStepMs: 20 });

async function signIn(username: string) {
  const result = await login(sandbox.apiUrl, { userId: username, password: DEMO_PASSWORD, deviceId: 'demo', version: 'test' });
  return { result, person: withKey(sandbox, { ...result.auth, token: result.user.token, email: demoEmail(username), password: DEMO_PASSWORD }) };
}

describe('the demo organization', () => {
  it('has every listed person, with title and department, signing in with the shared password', async () => {
    const { person } = await signIn(DEMO_YOU);
    for (const demo of DEMO_PEOPLE) {
      const user = await person.client.lookupUser(demoEmail(demo.username));
      expect([user.display_name, user.title, user.department]).toEqual([demo.displayName, demo.title, demo.department]);
    }
    expect(DEMO_PEOPLE.length).toBeGreaterThanOrEqual(12);
  });

  it('gives a new device of a demo person their history and groups', async () => {
    const { person } = await signIn(DEMO_YOU);
    const stream = await person.connect();
    await stream.replayDone();
    const history = replayed(stream.events);
    expect(history.filter((event) => event.name === 'message').length).toBeGreaterThanOrEqual(5);
    expect(history.filter((event) => event.name === 'group_message').length).toBeGreaterThanOrEqual(5);
    stream.close();
    const roster = await person.client.getRoster();
    expect(roster.filter((entry) => entry.type === 'tigertext:entity:group').map((entry) => entry.name)).toEqual([
      'ED Charge Team',
      'Rapid Response',
      'Pharmacy Consults',
    ]);
  });

  it('has a responder who shows typing, marks the message read and replies', async () => {
    const { person } = await signIn(DEMO_YOU);
    const responder = await person.client.lookupUser(DEMO_RESPONDER);
    const stream = await person.connect(['is-typing']);
    await stream.replayDone();
    const { messageId } = await person.client.sendMessage({
      recipient: responder.token,
      body: 'Can you check on bay 4?',
      senderOrganization: sandbox.organizationKey,
    });
    // In the organization it was asked in (the replayed history holds one from Jordan at Northside).
    const reply = await stream.waitFor(
      (event) =>
        event.name === 'message' &&
        event.payload.sender_token === responder.token &&
        event.payload.sender_organization === sandbox.organizationKey,
    );
    expect(reply.payload.recipient_token).toBe(person.token);
    expect(String(reply.payload.body).length).toBeGreaterThan(0);
    const typing = stream.named('message:is_typing').map((event) => event.payload.status);
    expect(typing).toEqual(['typing', 'stopped']);
    const statuses = stream
      .named('message:status')
      .filter((event) => event.payload.client_id === messageId)
      .map((event) => event.payload.status);
    expect(statuses).toEqual(['Delivered', 'Read']);
    stream.close();
  });
});
