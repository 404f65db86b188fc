/**
 * Distribution lists ("Beyond the seed" in API.md): made by the admin route, read by
 * `GET /v2/dist_list/{token}`, on their holders' rosters (and told them by `friends`), and a
 * message to one: the holder's own copy addressed to the list, and a 1:1 copy to each member.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import { DEMO_PASSWORD, DEMO_RESPONDER, DEMO_YOU, demoEmail } from '../../sandbox/demo/accounts';
import { startTestSandbox, useSandbox } from '../support/sandbox-fixture';
import { useOpenStreams } from './support/open-streams';
import { basic, newPerson, withKey } from './support/people';
import type { TestPerson } from './support/people';
import { replayed } from './support/stream';
import type { StreamEvent } from './support/stream';

const sandbox = useSandbox();
const streams = useOpenStreams();
const LIST_TYPE = 'tigertext:entity:distribution_list';

interface Answer {
  status: number;
  body: Record<string, unknown>;
  messageId: string | null;
}

type Body = Record<string, unknown> | URLSearchParams | FormData;

async function call(
  person: TestPerson | null,
  method: string,
  path: string,
  options: { body?: Body; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const base = path.startsWith('/sandbox/') ? sandbox.url : sandbox.apiUrl;
  const headers: Record<string, string> = { ...(person === null ? {} : { authorization: basic(person) }), ...options.headers };
  let payload: string | URLSearchParams | FormData | undefined;
  if (options.body instanceof URLSearchParams || options.body instanceof FormData) payload = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(options.body);
  }
  const response = await fetch(`${base}${path}`, { method, headers, ...(payload === undefined ? {} : { body: payload }) });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    messageId: response.headers.get('tt-x-message-id'),
  };
}

const errorOf = (answer: Answer) => [answer.status, (answer.body['error'] as { message?: string } | undefined)?.message];

async function createList(body: Record<string, unknown>): Promise<string> {
  const answer = await call(null, 'POST', '/sandbox/distribution-lists', { body });
  expect(answer.status).toBe(200);
  return answer.body['token'] as string;
}

/** What a fresh stream of this key replays: every event stored for it. */
async function storedFor(person: TestPerson): Promise<StreamEvent[]> {
  const reader = await person.connect();
  try {
    await reader.replayDone();
    return replayed(reader.events);
  } finally {
    reader.close();
  }
}

const messagesIn = (events: StreamEvent[]) => events.filter((event) => event.name === 'message').map((event) => event.payload);

/** The same body in the three encodings the /v2 routes take. */
function encodings(fields: Record<string, string>): [string, Body][] {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return [['json', fields], ['urlencoded', new URLSearchParams(fields)], ['multipart', form]];
}

describe('making a list (admin)', () => {
  it('makes a list in the demo organization by default, shown by GET /v2/dist_list to any member of its organization', async () => {
    const holder = await newPerson(sandbox, 'Hal Holder');
    const one = await newPerson(sandbox, 'Mia One');
    const two = await newPerson(sandbox, 'Max Two');
    const bystander = await newPerson(sandbox, 'Bea Bystander');
    const token = await createList({ name: ' Day shift ', members: [one.token, two.email, one.token], holders: [holder.token] });
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    for (const reader of [holder, one, bystander]) {
      expect(await call(reader, 'GET', `/dist_list/${token}`)).toMatchObject({
        status: 200,
        body: { reply: { token, display_name: 'Day shift', total_members: 2, avatar: null, organization_key: sandbox.organizationKey } },
      });
    }
    const withAvatar = await createList({ name: 'Pictured', members: [one.token], avatar: 'https://example.test/list.png' });
    expect(((await call(one, 'GET', `/dist_list/${withAvatar}`)).body['reply'] as { avatar: unknown }).avatar).toBe('https://example.test/list.png');
  });

  it('answers 404 for an unknown list and 403 to someone outside its organization', async () => {
    const member = await newPerson(sandbox, 'Member');
    const outsider = await newPerson(sandbox, 'Outsider', [sandbox.northsideOrganizationKey]);
    const token = await createList({ name: 'Closed', members: [member.token] });
    expect(errorOf(await call(member, 'GET', '/dist_list/no-such-list'))).toEqual([404, 'unknown distribution list: no-such-list']);
    expect(errorOf(await call(outsider, 'GET', `/dist_list/${token}`))).toEqual([
      403,
      `distribution list ${token} is in organization ${sandbox.organizationKey}, which you do not belong to`,
    ]);
  });

  it('tells each holder (only) by friends add, with the list as the roster shows it', async () => {
    const holder = await newPerson(sandbox, 'Holder');
    const member = await newPerson(sandbox, 'Member');
    const token = await createList({ name: 'Told', members: [member.token, holder.token], holders: [holder.email] });
    const friends = (await storedFor(holder)).filter((event) => event.name === 'friends').map((event) => event.payload['friend']);
    expect(friends).toEqual([
      {
        action: 'add',
        organization_id: sandbox.organizationKey,
        type: LIST_TYPE,
        token,
        display_name: 'Told',
        total_members: 2,
        avatar: null,
        organization_key: sandbox.organizationKey,
      },
    ]);
    expect(await storedFor(member)).toEqual([]);
  });

  it('refuses bad input naming the field and the entry, making nothing', async () => {
    const holder = await newPerson(sandbox, 'Holder');
    const member = await newPerson(sandbox, 'Member');
    const nora = await newPerson(sandbox, 'Nora', [sandbox.northsideOrganizationKey]);
    const cases: [Record<string, unknown>, number, string][] = [
      [{ members: [member.token], holders: [holder.token] }, 400, 'field "name" is required'],
      [{ name: '  ', members: [member.token], holders: [holder.token] }, 400, 'field "name" is required'],
      [{ name: 'No members', holders: [holder.token] }, 400, 'field "members" is required'],
      [{ name: 'No members', members: [], holders: [holder.token] }, 400, 'field "members" is required'],
      [{ name: 'Bad', members: [member.token, 'nobody@example.test'], holders: [holder.token] }, 400, 'field "members": unknown person "nobody@example.test"'],
      [{ name: 'Bad', members: [member.token, nora.token], holders: [holder.token] }, 400, `field "members": "${nora.token}" is not in organization ${sandbox.organizationKey}`],
      [{ name: 'Bad', members: [member.token], holders: [nora.email] }, 400, `field "holders": "${nora.email}" is not in organization ${sandbox.organizationKey}`],
      [{ name: 'Bad', members: [member.token], holders: ['no-such-holder'] }, 400, 'field "holders": unknown person "no-such-holder"'],
      [{ name: 'Bad', members: [member.token, 7], holders: [holder.token] }, 400, 'field "members" must be an array of strings or a comma-separated string'],
      [{ name: 'Bad', members: [member.token], holders: [holder.token], organization: 'no-such-org' }, 404, 'field "organization": unknown organization "no-such-org"'],
      [{ name: 'Bad', members: [member.token], holders: [holder.token], avatar: 'not a url' }, 400, 'field "avatar" must be an http(s) URL'],
    ];
    for (const [body, status, message] of cases) {
      expect(errorOf(await call(null, 'POST', '/sandbox/distribution-lists', { body }))).toEqual([status, message]);
    }
    expect(await holder.client.getRoster()).toEqual([]);
    expect(await storedFor(holder)).toEqual([]);
  });
});

describe('changing a list\'s holders (admin)', () => {
  it('adds and removes holders, each told once by friends add or del, and only holders may send', async () => {
    const member = await newPerson(sandbox, 'Member');
    const later = await newPerson(sandbox, 'Later Holder');
    const list = await createList({ name: 'Handed over', members: [member.token] });
    const hold = (path: string) => call(null, 'POST', `/sandbox/distribution-lists/${list}${path}`, { body: { holders: [later.email] } });
    expect(await hold('/holders')).toMatchObject({ status: 200, body: {} });
    expect(await hold('/holders')).toMatchObject({ status: 200, body: {} });
    expect((await later.client.getRoster()).map((entry) => [entry.type, entry.token])).toEqual([[LIST_TYPE, list]]);
    expect((await call(later, 'POST', '/message', { body: { recipient: list, body: 'while holding' } })).status).toBe(204);
    expect(await hold('/holders/remove')).toMatchObject({ status: 200, body: {} });
    expect(await hold('/holders/remove')).toMatchObject({ status: 200, body: {} });
    // Sending to the list put none of its members on the holder's roster.
    expect(await later.client.getRoster()).toEqual([]);
    expect(errorOf(await call(later, 'POST', '/message', { body: { recipient: list, body: 'no longer' } }))).toEqual([
      403,
      `you may not send to distribution list ${list}`,
    ]);
    const friends = (await storedFor(later))
      .filter((event) => event.name === 'friends')
      .map((event) => event.payload['friend'] as Record<string, unknown>)
      .map((friend) => [friend['action'], friend['type'], friend['token'], friend['organization_id']]);
    expect(friends).toEqual([
      ['add', LIST_TYPE, list, sandbox.organizationKey],
      ['del', LIST_TYPE, list, sandbox.organizationKey],
    ]);
  });

  it('refuses an unknown list with 404 and a bad holder with 400 naming the field and the entry', async () => {
    const outsider = await newPerson(sandbox, 'Outsider', [sandbox.northsideOrganizationKey]);
    const member = await newPerson(sandbox, 'Member');
    const list = await createList({ name: 'Strict', members: [member.token] });
    for (const path of ['/holders', '/holders/remove']) {
      expect(errorOf(await call(null, 'POST', `/sandbox/distribution-lists/no-such-list${path}`, { body: { holders: [outsider.token] } }))).toEqual([
        404,
        'unknown distribution list: no-such-list',
      ]);
      expect(errorOf(await call(null, 'POST', `/sandbox/distribution-lists/${list}${path}`, { body: { holders: [outsider.token] } }))).toEqual([
        400,
        `field "holders": "${outsider.token}" is not in organization ${sandbox.organizationKey}`,
      ]);
      expect(errorOf(await call(null, 'POST', `/sandbox/distribution-lists/${list}${path}`, { body: {} }))).toEqual([400, 'field "holders" is required']);
    }
    expect(await storedFor(outsider)).toEqual([]);
  });
});

describe('lists on the roster', () => {
  it('lists the lists the caller holds in the organization asked, after people and groups, and not to members who do not hold them', async () => {
    const northside = sandbox.northsideOrganizationKey;
    const holder = await newPerson(sandbox, 'Holder', [sandbox.organizationKey, northside]);
    const member = await newPerson(sandbox, 'Member', [sandbox.organizationKey, northside]);
    await holder.client.addToRoster(member.token, 'tigertext:entity:account');
    const group = await holder.client.createGroup({ name: 'Group first', members: [member.token] });
    const hospital = await createList({ name: 'Hospital list', members: [member.token], holders: [holder.token] });
    const clinic = await createList({ name: 'Clinic list', organization: northside, members: [member.token, holder.token], holders: [holder.token] });

    const roster = (await call(holder, 'GET', '/roster')).body['reply'] as Record<string, unknown>[];
    expect(roster.map((entry) => [entry['type'], entry['token']])).toEqual([
      ['tigertext:entity:account', member.token],
      ['tigertext:entity:group', group.token],
      [LIST_TYPE, hospital],
    ]);
    expect(roster[2]).toEqual({
      type: LIST_TYPE,
      token: hospital,
      display_name: 'Hospital list',
      total_members: 1,
      avatar: null,
      organization_key: sandbox.organizationKey,
    });
    const atClinic = (await call(holder, 'GET', '/roster', { headers: { 'TT-X-Organization-Key': northside } })).body['reply'] as Record<string, unknown>[];
    expect(atClinic).toEqual([
      { type: LIST_TYPE, token: clinic, display_name: 'Clinic list', total_members: 2, avatar: null, organization_key: northside },
    ]);
    // The member is in both lists and the group, and holds no list; the holder's roster add was one-sided.
    expect(((await call(member, 'GET', '/roster')).body['reply'] as Record<string, unknown>[]).map((entry) => entry['type'])).toEqual([
      'tigertext:entity:group',
    ]);
    expect((await member.client.getRoster({ organizationKey: northside })).map((entry) => entry.type)).toEqual([]);
  });
});

describe('sending to a list', () => {
  async function team() {
    const holder = await newPerson(sandbox, 'Holder Hana');
    const one = await newPerson(sandbox, 'Member One');
    const two = await newPerson(sandbox, 'Member Two');
    // The holder is a member too: a list's message never comes back to its sender as a copy.
    const list = await createList({ name: 'Team', members: [one.token, two.token, holder.token], holders: [holder.token] });
    return { holder, one, two, list };
  }

  it('gives the holder one message addressed to the list and each other member a 1:1 copy, told to them only', async () => {
    const { holder, one, two, list } = await team();
    const holderStream = await streams.listen(holder);
    const oneStream = await streams.listen(one);
    const data = [{ namespace: 'tigerdesk:test', mimetype: 'text/plain', payload: 'x' }];
    const sent = await holder.client.sendMessage({
      recipient: list,
      body: 'Huddle at 7',
      ttl: 90,
      priority: 1,
      dor: true,
      data,
      senderOrganization: sandbox.organizationKey,
      attachment: { name: 'plan.txt', contentType: 'text/plain', bytes: new TextEncoder().encode('the plan') },
    });
    expect(sent.ttl).toBe(90);
    const own = await holderStream.waitFor((event) => event.name === 'message');
    expect(own.payload).toMatchObject({
      message_id: sent.messageId,
      sender_token: holder.token,
      recipient_token: list,
      sender_organization: sandbox.organizationKey,
      recipient_organization: sandbox.organizationKey,
      body: 'Huddle at 7',
    });
    const copy = (await oneStream.waitFor((event) => event.name === 'message')).payload;
    expect(copy).toMatchObject({
      sender_token: holder.token,
      recipient_token: one.token,
      sender_organization: sandbox.organizationKey,
      recipient_organization: sandbox.organizationKey,
      body: 'Huddle at 7',
      ttl: 90,
      priority: 1,
      dor: true,
      data,
      attachment_name: 'plan.txt',
    });
    expect(copy['message_id']).not.toBe(sent.messageId);
    expect(copy).not.toHaveProperty('group_token');
    const attachment = await one.client.getAttachment(String(copy['message_id']));
    expect(new TextDecoder().decode(attachment.bytes)).toBe('the plan');

    const toHolder = await storedFor(holder);
    expect(messagesIn(toHolder).map((message) => [message['message_id'], message['recipient_token']])).toEqual([[sent.messageId, list]]);
    expect(
      toHolder.filter((event) => event.name === 'friends').map((event) => [(event.payload['friend'] as Record<string, unknown>)['type'], (event.payload['friend'] as Record<string, unknown>)['token']]),
    ).toEqual([
      // The members are not put on the holder's roster: each comes only with an answer.
      [LIST_TYPE, list],
    ]);
    expect((await holder.client.getRoster()).map((entry) => entry.token)).toEqual([list]);
    const toTwo = await storedFor(two);
    expect(messagesIn(toTwo).map((message) => [message['recipient_token'], message['sender_token'], message['body']])).toEqual([
      [two.token, holder.token, 'Huddle at 7'],
    ]);
    expect(messagesIn(toTwo)[0]!['message_id']).not.toBe(copy['message_id']);
    expect(toTwo.filter((event) => event.name === 'friends').map((event) => (event.payload['friend'] as Record<string, unknown>)['token'])).toEqual([holder.token]);
    expect((await one.client.getRoster()).map((entry) => entry.token)).toEqual([holder.token]);
  });

  it('gives a new device of the holder the message to the list, not the copies', async () => {
    const { holder, list } = await team();
    const sent = await holder.client.sendMessage({ recipient: list, body: 'history', senderOrganization: sandbox.organizationKey });
    const { auth } = await login(sandbox.apiUrl, { userId: holder.email, password: holder.password, deviceId: 'new', version: 'test' });
    const fresh = withKey(sandbox, { ...holder, ...auth });
    expect(messagesIn(await storedFor(fresh)).map((message) => [message['message_id'], message['recipient_token']])).toEqual([[sent.messageId, list]]);
  });

  it('refuses a sender who does not hold the list with 403, in every encoding, storing nothing', async () => {
    const { one, two, list } = await team();
    for (const [encoding, body] of encodings({ recipient: list, body: 'not mine to send' })) {
      const answer = await call(one, 'POST', '/message', { body });
      expect([encoding, ...errorOf(answer)]).toEqual([encoding, 403, `you may not send to distribution list ${list}`]);
    }
    expect(messagesIn(await storedFor(two))).toEqual([]);
    expect(messagesIn(await storedFor(one))).toEqual([]);
  });

  it('keeps the message in the list\'s organization: naming another is a 403 naming the field', async () => {
    const northside = sandbox.northsideOrganizationKey;
    const holder = await newPerson(sandbox, 'Holder', [sandbox.organizationKey, northside]);
    const member = await newPerson(sandbox, 'Member', [sandbox.organizationKey, northside]);
    const list = await createList({ name: 'Hospital only', members: [member.token], holders: [holder.token] });
    for (const field of ['sender_organization', 'recipient_organization']) {
      for (const [encoding, body] of encodings({ recipient: list, body: 'wrong place', [field]: northside })) {
        expect([encoding, ...errorOf(await call(holder, 'POST', '/message', { body }))]).toEqual([
          encoding,
          403,
          `"${field}": distribution list ${list} is in organization ${sandbox.organizationKey}, not ${northside}`,
        ]);
      }
    }
    expect(messagesIn(await storedFor(member))).toEqual([]);
    // Naming the list's own organization, or none, is fine: a holder whose home is elsewhere is sent from the list's.
    const clinicList = await createList({ name: 'Clinic', organization: northside, members: [member.token], holders: [holder.token] });
    expect((await call(holder, 'POST', '/message', { body: { recipient: clinicList, body: 'at the clinic' } })).status).toBe(204);
    expect(messagesIn(await storedFor(member)).map((message) => [message['body'], message['recipient_organization']])).toEqual([
      ['at the clinic', northside],
    ]);
  });

  it('stores a repeat with the same Request-ID once: 304 with the list message\'s id, and no second copies', async () => {
    const { holder, one, two, list } = await team();
    const requestId = randomUUID();
    const first = await call(holder, 'POST', '/message', { body: { recipient: list, body: 'once' }, headers: { 'Request-ID': requestId } });
    expect(first.status).toBe(204);
    const repeat = await call(holder, 'POST', '/message', { body: { recipient: list, body: 'once' }, headers: { 'Request-ID': requestId } });
    expect([repeat.status, repeat.messageId]).toEqual([304, first.messageId]);
    expect(messagesIn(await storedFor(holder)).map((message) => message['message_id'])).toEqual([first.messageId]);
    for (const member of [one, two]) expect(messagesIn(await storedFor(member)).map((message) => message['body'])).toEqual(['once']);
  });

  it('forwards to a list the same way', async () => {
    const { holder, one, two, list } = await team();
    const outside = await newPerson(sandbox, 'Origin');
    const original = await outside.client.sendMessage({ recipient: holder.token, body: 'pass it on', senderOrganization: sandbox.organizationKey });
    const forwarded = await call(holder, 'POST', `/message/${original.messageId}/forward`, { body: { recipient: list } });
    expect(forwarded.status).toBe(204);
    for (const member of [one, two]) {
      expect(messagesIn(await storedFor(member)).map((message) => [message['body'], message['original_sender'], message['recipient_token']])).toEqual([
        ['pass it on', outside.token, member.token],
      ]);
    }
    expect(errorOf(await call(one, 'POST', `/message/${original.messageId}/forward`, { body: { recipient: list } }))[0]).toBe(403);
  });

  it('brings a member\'s reply to the holder as an ordinary 1:1 message', async () => {
    const { holder, one, list } = await team();
    await holder.client.sendMessage({ recipient: list, body: 'Who can cover bed 12?', senderOrganization: sandbox.organizationKey });
    const holderStream = await streams.listen(holder);
    const reply = await one.client.sendMessage({ recipient: holder.token, body: 'I can', senderOrganization: sandbox.organizationKey });
    const arrived = await holderStream.waitFor((event) => event.name === 'message' && event.payload['message_id'] === reply.messageId);
    expect(arrived.payload).toMatchObject({ sender_token: one.token, recipient_token: holder.token, body: 'I can' });
    expect(arrived.payload).not.toHaveProperty('group_token');
  });
});

describe('the demo list', () => {
  it('is held by Alex, reaches four colleagues, and Jordan answers its copy once, 1:1', async () => {
    const demo = await startTestSandbox({ seedDemo: true, demoResponderStepMs: 5 });
    const { user, auth } = await login(demo.apiUrl, { userId: DEMO_YOU, password: DEMO_PASSWORD, deviceId: 'lists', version: 'test' });
    const alex = withKey(demo, { ...auth, token: user.token, email: demoEmail(DEMO_YOU), password: DEMO_PASSWORD });
    const lists = (await alex.client.getRoster()).filter((entry) => entry.type === LIST_TYPE);
    expect(lists.map((entry) => entry.display_name)).toEqual(['Night shift nurses']);
    const list = lists[0]!.token;
    const response = await fetch(`${demo.apiUrl}/dist_list/${list}`, { headers: { authorization: basic(alex) } });
    expect(((await response.json()) as { reply: { total_members: number } }).reply.total_members).toBe(4);

    const jordan = await alex.client.lookupUser(DEMO_RESPONDER);
    const stream = streams.track(await alex.connect());
    await stream.replayDone();
    const sent = await alex.client.sendMessage({ recipient: list, body: 'Staffing call at 19:00', senderOrganization: demo.organizationKey });
    // At the hospital: the replayed history holds one from Jordan at Northside.
    const fromJordan = (event: StreamEvent) =>
      event.name === 'message' && event.payload['sender_token'] === jordan.token && event.payload['sender_organization'] === demo.organizationKey;
    const answer = await stream.waitFor(fromJordan);
    expect(answer.payload).toMatchObject({ recipient_token: alex.token, recipient_organization: demo.organizationKey });
    // Jordan answered the copy once; give a second answer time to come, which it must not.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.events.filter(fromJordan)).toHaveLength(1);
    expect(stream.events.filter((event) => event.name === 'message' && event.payload['recipient_token'] === list).map((event) => event.payload['message_id'])).toEqual([sent.messageId]);
  });
});
