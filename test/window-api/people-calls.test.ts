import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import type { ChangeSet } from '../../preload/contract';
import { startSandbox } from '../../sandbox/index';
import { largestAvatarBytes, peopleCalls } from '../../main/window-api/people-calls';
import { startRecordingServer } from '../support/recording-server';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import type { TestPerson } from '../sandbox/support/people';
import { call, signedIn, waitFor } from './support/signed-in-account';
import type { SignedIn } from './support/signed-in-account';

const sandbox = useSandbox();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function setUp(name = 'Ward Clerk') {
  const me = await newPerson(sandbox, name);
  const account = await signedIn(sandbox.apiUrl, me);
  cleanup.push(() => account.close());
  return { me, account, handlers: peopleCalls(() => account.runtime) };
}

describe('the people calls', () => {
  it('show a person held here, and look up one who is not, keeping the answer', async () => {
    const { account, handlers } = await setUp();
    const doctor = await newPerson(sandbox, 'Registrar Okafor');
    expect(account.runtime.store.people.user(doctor.token)).toBeUndefined();
    expect(await call(handlers, 'person', { token: doctor.token })).toEqual({
      token: doctor.token,
      name: 'Registrar Okafor',
      title: null,
      department: null,
      avatar: `${sandbox.apiUrl}/user/${doctor.token}/avatar`,
      presence: expect.stringMatching(/^(available|unavailable|unknown)$/),
      dnd: false,
    });
    expect(account.runtime.store.people.user(doctor.token)?.displayName).toBe('Registrar Okafor');
    // Held with no name yet (only their presence was seen): asked for.
    const nurse = await newPerson(sandbox, 'Nurse Adeyemi');
    account.runtime.store.people.setPresence(nurse.token, 'available');
    expect(await call(handlers, 'person', { token: nurse.token })).toMatchObject({ name: 'Nurse Adeyemi', presence: 'available' });
    await expect(call(handlers, 'person', { token: 'no-such-person' })).rejects.toMatchObject({ message: 'There is no person no-such-person', code: 'not-found' });
  });

  it('tell the window of a person looked up, through the account\'s change stream', async () => {
    const { account, handlers } = await setUp();
    const doctor = await newPerson(sandbox, 'Registrar Mensah');
    const told: ChangeSet[] = [];
    onTestFinished(account.runtime.changes.subscribe((change) => told.push(change)));
    await call(handlers, 'person', { token: doctor.token });
    expect(told.map((change) => change.people.map((person) => [person.token, person.name]))).toEqual([[[doctor.token, 'Registrar Mensah']]]);
    // Asked again, the same answer changes nothing the window shows.
    await call(handlers, 'searchDirectory', { query: doctor.email, kinds: ['person'] });
    expect(told).toHaveLength(1);
  });

  it('find people held here first, then the server\'s, each once, with title, department and organization, never the user themself', async () => {
    const family = `Hx${process.pid}`;
    const { handlers } = await setUp(`Searching ${family}`);
    const held = await newPerson(sandbox, `Amira ${family}`);
    await newPerson(sandbox, `Amir ${family}`);
    await newPerson(sandbox, `Bamir ${family}`);
    await call(handlers, 'person', { token: held.token });
    const page = await call(handlers, 'searchDirectory', { query: `AMI ${family.toLowerCase()}` });
    expect(page.offline).toBe(false);
    expect(page.results.map((result) => [result.name, result.held])).toEqual([[`Amira ${family}`, true], [`Amir ${family}`, false]]);
    expect(page.results[0]).toEqual({
      kind: 'person',
      token: held.token,
      name: `Amira ${family}`,
      title: null,
      department: null,
      avatar: `${sandbox.apiUrl}/user/${held.token}/avatar`,
      presence: expect.stringMatching(/^(available|unavailable|unknown)$/),
      dnd: false,
      dndText: null,
      organizationKey: sandbox.organizationKey,
      organizationName: 'Tiger General Hospital',
      held: true,
    });
    expect(page.results[1]).toMatchObject({ organizationName: 'Tiger General Hospital', held: false });
    expect((await call(handlers, 'searchDirectory', { query: `Searching ${family}` })).results).toEqual([]);
  });

  it('find groups the user is in, and only the kinds asked for', async () => {
    const family = `Gx${process.pid}`;
    const { me, account, handlers } = await setUp(`Member ${family}`);
    const owner = await newPerson(sandbox, `Owner ${family}`);
    const group = await owner.client.createGroup({ name: `${family} Ward`, members: [me.token] });
    await waitFor('the group held', () => account.runtime.store.people.group(group.token));
    const both = await call(handlers, 'searchDirectory', { query: family });
    expect(both.results.map((result) => [result.kind, result.name, result.held])).toEqual([
      ['group', `${family} Ward`, true],
      ['person', `Owner ${family}`, false],
    ]);
    expect((await call(handlers, 'searchDirectory', { query: family, kinds: ['person'] })).results.map((result) => result.kind)).toEqual(['person']);
  });

  it('page through the server\'s results with the continuation, the held ones only on the first page', async () => {
    const family = `Px${process.pid}`;
    const { handlers } = await setUp();
    const people = [];
    for (const first of ['Ann', 'Ben', 'Cas', 'Dee']) people.push(await newPerson(sandbox, `${first} ${family}`));
    await call(handlers, 'person', { token: people[2]!.token });
    const seen: [string, boolean][] = [];
    let continuation: string | undefined;
    let pages = 0;
    do {
      const page = await call(handlers, 'searchDirectory', { query: family, kinds: ['person'], ...(continuation === undefined ? {} : { continuation }) });
      seen.push(...page.results.map((result): [string, boolean] => [result.name, result.held]));
      continuation = page.continuation ?? undefined;
      pages += 1;
    } while (continuation !== undefined && pages < 10);
    expect(seen).toEqual([[`Cas ${family}`, true], [`Ann ${family}`, false], [`Ben ${family}`, false], [`Dee ${family}`, false]]);
  });

  it('find someone by exact email address or phone through the server, and keep them', async () => {
    const { handlers } = await setUp();
    const colleague = await newPerson(sandbox, 'Charge Nurse Lee');
    const found = await call(handlers, 'searchDirectory', { query: `  ${colleague.email.toUpperCase()} ` });
    expect(found.results.map((person) => [person.token, person.name, person.held])).toEqual([[colleague.token, 'Charge Nurse Lee', true]]);
    expect((await call(handlers, 'searchDirectory', { query: 'Nurse Lee', kinds: ['person'] })).results.filter((person) => person.held).map((person) => person.token)).toEqual([colleague.token]);
  });

  it('refuse an organization the user does not belong to', async () => {
    const { handlers } = await setUp();
    await expect(call(handlers, 'searchDirectory', { query: 'a', organizationKey: 'elsewhere' })).rejects.toMatchObject({
      message: 'You are not known to belong to the organization "elsewhere"',
      code: 'not-found',
    });
  });

  it('answer from what is held, saying so, when the server cannot be reached', async () => {
    const own = await startSandbox({ port: 0 });
    const me = await newPerson(own, 'Offline Searcher');
    const known = await newPerson(own, 'Known Before');
    const account = await signedIn(own.apiUrl, me);
    cleanup.push(() => account.close());
    const handlers = peopleCalls(() => account.runtime);
    await call(handlers, 'person', { token: known.token });
    await own.close();
    expect(await call(handlers, 'searchDirectory', { query: known.email })).toEqual({ results: [], continuation: null, offline: true });
    const held = await call(handlers, 'searchDirectory', { query: 'kno' });
    expect(held.offline).toBe(true);
    expect(held.results.map((person) => [person.token, person.held])).toEqual([[known.token, true]]);
    expect((await call(handlers, 'person', { token: known.token })).name).toBe('Known Before');
    account.runtime.store.people.setPresence('seen-only', 'available');
    expect(await call(handlers, 'person', { token: 'seen-only' })).toMatchObject({ name: 'seen-only', presence: 'available' });
    await expect(call(handlers, 'person', { token: 'someone-else' })).rejects.toMatchObject({
      message: 'someone-else is not known here, and the server cannot be reached to look them up',
      code: 'offline',
    });
  });

  it('are refused plainly with no account signed in', async () => {
    await expect(call(peopleCalls(() => null), 'searchDirectory', { query: 'a' })).rejects.toThrow('No account is signed in');
  });
});

/** A PNG's signature and an empty IHDR: enough bytes to tell a picture by. */
const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);

/** A group that `peer` made with `me` in it and the picture given, once this account holds it with its avatar address. */
async function groupWithPicture(peer: TestPerson, me: TestPerson, account: SignedIn, bytes: Uint8Array): Promise<string> {
  const group = await peer.client.createGroup({ name: 'Pictured ward', members: [me.token], avatar: { name: 'ward.png', contentType: 'image/png', bytes } });
  await waitFor('the group with its avatar address', () =>
    account.runtime.store.statements.prepare<{ avatar: string | null }>('SELECT avatar FROM groups WHERE token = ?').get(group.token)?.avatar ?? undefined,
  );
  return group.token;
}

describe('the avatar call', () => {
  it('fetches a group picture from the account\'s own server with its credentials, and keeps it for the session', async () => {
    const own = await startSandbox({ port: 0 });
    const me = await newPerson(own, 'Ward Sister');
    const peer = await newPerson(own, 'Ward Doctor');
    const account = await signedIn(own.apiUrl, me);
    cleanup.push(() => account.close());
    const handlers = peopleCalls(() => account.runtime);
    const group = await groupWithPicture(peer, me, account, png);
    expect(await call(handlers, 'avatar', { kind: 'group', token: group })).toEqual({ bytes: png, contentType: 'image/png' });
    // Kept: shown again with the server gone.
    await own.close();
    expect(await call(handlers, 'avatar', { kind: 'group', token: group })).toEqual({ bytes: png, contentType: 'image/png' });
    // A new picture (a new address) is fetched anew, and the server is out of reach.
    account.runtime.store.people.upsertGroup({ token: group, name: 'Pictured ward', avatar: `${own.apiUrl}/group/${group}/avatar?v=2` });
    await expect(call(handlers, 'avatar', { kind: 'group', token: group })).rejects.toThrow(
      `The avatar could not be fetched from ${own.url}: no answer in time, no connection, or a redirect`,
    );
  });

  it('fetches a person\'s picture from the account\'s own server', async () => {
    const { handlers } = await setUp();
    const doctor = await newPerson(sandbox, 'Pictured Doctor');
    const card = await call(handlers, 'person', { token: doctor.token });
    expect(card.avatar).toBe(`${sandbox.apiUrl}/user/${doctor.token}/avatar`);
    const picture = await call(handlers, 'avatar', { kind: 'person', token: doctor.token });
    expect(picture?.contentType).toBe('image/png');
    expect([...(picture?.bytes.subarray(0, 8) ?? [])]).toEqual([...png.subarray(0, 8)]);
  });

  it('refuses a picture over 1 MB', async () => {
    const { me, account, handlers } = await setUp();
    const peer = await newPerson(sandbox, 'Big Picture');
    const big = new Uint8Array(largestAvatarBytes + 1);
    big.set(png);
    const group = await groupWithPicture(peer, me, account, big);
    await expect(call(handlers, 'avatar', { kind: 'group', token: group })).rejects.toThrow(`The avatar from ${sandbox.url} is over 1 MB; it is not shown`);
  });

  it('refuses what is not a picture', async () => {
    const { account, handlers } = await setUp();
    account.runtime.store.people.upsertUser({ token: 'user-json', avatar: `${sandbox.apiUrl}/user` });
    await expect(call(handlers, 'avatar', { kind: 'person', token: 'user-json' })).rejects.toThrow(
      `The avatar from ${sandbox.url} is not a picture (application/json); it is not shown`,
    );
  });

  it('answers nothing when the server has no picture, or there is no address', async () => {
    const { account, handlers } = await setUp();
    account.runtime.store.people.upsertUser({ token: 'user-gone', avatar: `${sandbox.url}/v2/no-such-avatar.png` });
    expect(await call(handlers, 'avatar', { kind: 'person', token: 'user-gone' })).toBeNull();
    account.runtime.store.people.upsertUser({ token: 'user-plain', displayName: 'No Picture' });
    expect(await call(handlers, 'avatar', { kind: 'person', token: 'user-plain' })).toBeNull();
    expect(await call(handlers, 'avatar', { kind: 'group', token: 'group-unknown' })).toBeNull();
  });

  it('refuses a plain http address on another server without asking it', async () => {
    const elsewhere = await startRecordingServer();
    cleanup.push(() => elsewhere.close());
    elsewhere.respond({ status: 200, headers: { 'content-type': 'image/png' }, body: Buffer.from(png) });
    const { account, handlers } = await setUp();
    account.runtime.store.people.upsertUser({ token: 'user-elsewhere', avatar: `${elsewhere.origin}/pictures/ann.png?signature=s3cr3t` });
    const refused = await call(handlers, 'avatar', { kind: 'person', token: 'user-elsewhere' }).catch((error: unknown) => error as Error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).message).toBe(
      `The avatar is at ${elsewhere.origin}, which is neither https nor this account's server; it is not fetched`,
    );
    expect(elsewhere.requests).toEqual([]);
  });

  it('are refused plainly with no account signed in', async () => {
    await expect(call(peopleCalls(() => null), 'avatar', { kind: 'person', token: 'a' })).rejects.toThrow('No account is signed in');
  });
});
