import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox } from '../../sandbox/index';
import { peopleCalls } from '../../main/shell/people-calls';
import { newPerson } from '../sandbox/support/people';
import { call, signedIn } from './support/signed-in-account';

let sandbox: RunningSandbox;
const cleanup: (() => Promise<void>)[] = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});
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
      avatar: null,
      presence: expect.stringMatching(/^(available|unavailable|unknown)$/),
      dnd: false,
    });
    expect(account.runtime.store.people.user(doctor.token)?.displayName).toBe('Registrar Okafor');
    // Held with no name yet (only their presence was seen): asked for.
    const nurse = await newPerson(sandbox, 'Nurse Adeyemi');
    account.runtime.store.people.setPresence(nurse.token, 'available');
    expect(await call(handlers, 'person', { token: nurse.token })).toMatchObject({ name: 'Nurse Adeyemi', presence: 'available' });
    await expect(call(handlers, 'person', { token: 'no-such-person' })).rejects.toThrow('There is no person no-such-person');
  });

  it('find people held here by part of their name, never the user themself', async () => {
    const { handlers } = await setUp('Searching Nurse');
    const first = await newPerson(sandbox, 'Amira Haddad');
    const second = await newPerson(sandbox, 'Amir Khan');
    await newPerson(sandbox, 'Amos Never Seen');
    await call(handlers, 'person', { token: first.token });
    await call(handlers, 'person', { token: second.token });
    expect((await call(handlers, 'searchPeople', { query: 'amir' })).map((person) => person.name)).toEqual(['Amir Khan', 'Amira Haddad']);
    expect(await call(handlers, 'searchPeople', { query: 'Searching' })).toEqual([]);
    expect(await call(handlers, 'searchPeople', { query: '100%' })).toEqual([]);
  });

  it('find someone by exact email address through the server', async () => {
    const { handlers } = await setUp();
    const colleague = await newPerson(sandbox, 'Charge Nurse Lee');
    const found = await call(handlers, 'searchPeople', { query: `  ${colleague.email.toUpperCase()} ` });
    expect(found.map((person) => [person.token, person.name])).toEqual([[colleague.token, 'Charge Nurse Lee']]);
    // Kept: found again by name without the server.
    expect((await call(handlers, 'searchPeople', { query: 'Nurse Lee' })).map((person) => person.token)).toEqual([colleague.token]);
  });

  it('list the people of the roster when nothing is typed', async () => {
    const { me, account, handlers } = await setUp();
    const peer = await newPerson(sandbox, 'Roster Friend');
    await peer.client.sendMessage({ recipient: me.token, body: 'hello', senderOrganization: sandbox.organizationKey });
    await account.runtime.catchUp(10_000);
    expect((await call(handlers, 'searchPeople', { query: '' })).map((person) => person.token)).toEqual([peer.token]);
  });

  it('answer from what is held when the server cannot be reached', async () => {
    const own = await startSandbox({ port: 0 });
    const me = await newPerson(own, 'Offline Searcher');
    const known = await newPerson(own, 'Known Before');
    const account = await signedIn(own.apiUrl, me);
    cleanup.push(() => account.close());
    const handlers = peopleCalls(() => account.runtime);
    await call(handlers, 'person', { token: known.token });
    await own.close();
    expect((await call(handlers, 'searchPeople', { query: known.email })).map((person) => person.token)).toEqual([]);
    expect((await call(handlers, 'searchPeople', { query: 'known' })).map((person) => person.token)).toEqual([known.token]);
    expect((await call(handlers, 'person', { token: known.token })).name).toBe('Known Before');
    account.runtime.store.people.setPresence('seen-only', 'available');
    expect(await call(handlers, 'person', { token: 'seen-only' })).toMatchObject({ name: 'seen-only', presence: 'available' });
    await expect(call(handlers, 'person', { token: 'someone-else' })).rejects.toThrow(
      'someone-else is not known here, and the server cannot be reached to look them up',
    );
  });

  it('are refused plainly with no account signed in', async () => {
    await expect(call(peopleCalls(() => null), 'searchPeople', { query: 'a' })).rejects.toThrow('No account is signed in');
  });
});
