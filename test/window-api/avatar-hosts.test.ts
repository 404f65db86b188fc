// The managed settings' avatarHosts: besides the account's own server, pictures come only
// from the hosts hospital IT names, and no fetch of a picture carries cookies or a referrer.
import { afterEach, describe, expect, it } from 'vitest';
import { avatarAddress, createApiClient } from '../../main/core/api';
import { peopleCalls } from '../../main/window-api/people-calls';
import { startRecordingServer } from '../support/recording-server';
import { newPerson } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { call, signedIn } from './support/signed-in-account';

const sandbox = useSandbox();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A PNG's signature and an empty IHDR: enough bytes to tell a picture by. */
const png = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82]);
const allowed = ['cdn.hospital.example'];

describe('pictures under the managed settings', () => {
  it('come from a listed host, and from the account\'s own server whatever the list', () => {
    const server = 'http://127.0.0.1:7443/v2';
    expect(avatarAddress('https://cdn.hospital.example/ann.png', server, allowed).authorized).toBe(false);
    expect(avatarAddress('http://127.0.0.1:7443/v2/group/g1/avatar', server, allowed).authorized).toBe(true);
    expect(avatarAddress('http://127.0.0.1:7443/v2/group/g1/avatar', server, []).authorized).toBe(true);
  });

  it('are refused from any other host, with the reason, before anything is sent', async () => {
    const elsewhere = await startRecordingServer();
    cleanup.push(() => elsewhere.close());
    const me = await newPerson(sandbox, 'Policy Clerk');
    const account = await signedIn(sandbox.apiUrl, me);
    cleanup.push(() => account.close());
    const handlers = peopleCalls(() => account.runtime, { avatarHosts: allowed });
    const address = `${elsewhere.origin.replace('http:', 'https:')}/pictures/ann.png?signature=s3cr3t`;
    account.runtime.store.people.upsertUser({ token: 'user-cdn', avatar: address });
    const refused = await call(handlers, 'avatar', { kind: 'person', token: 'user-cdn' }).catch((error: unknown) => error as Error);
    expect((refused as Error).message).toBe(
      `The avatar is at ${new URL(address).origin}, which is not among the picture hosts your organization's settings allow (avatarHosts); it is not fetched`,
    );
    expect(elsewhere.requests).toEqual([]);
    // An empty list (the strict settings of an unreadable policy file) allows no other host.
    expect(() => avatarAddress('https://cdn.hospital.example/ann.png', sandbox.apiUrl, [])).toThrow('avatarHosts');
  });

  it('still come from the account\'s own server when the list names other hosts', async () => {
    const me = await newPerson(sandbox, 'Own Server Clerk');
    const account = await signedIn(sandbox.apiUrl, me);
    cleanup.push(() => account.close());
    const doctor = await newPerson(sandbox, 'Registrar Picture');
    await call(peopleCalls(() => account.runtime), 'person', { token: doctor.token });
    const handlers = peopleCalls(() => account.runtime, { avatarHosts: allowed });
    expect(await call(handlers, 'avatar', { kind: 'person', token: doctor.token })).toMatchObject({ contentType: expect.stringMatching(/^image\//) });
  });
});

describe('a picture fetch', () => {
  it('asks the fetch for no cookies and no referrer, to the own server and elsewhere', async () => {
    const server = await startRecordingServer();
    cleanup.push(() => server.close());
    server.respond({ status: 200, headers: { 'content-type': 'image/png' }, body: png });
    const asked: RequestInit[] = [];
    const client = createApiClient({
      baseUrl: `${server.origin}/v2`,
      credentials: { key: 'k', secret: 's' },
      // The real fetch, watched: what it is asked to leave out.
      fetch: (input, init) => {
        asked.push(init ?? {});
        return fetch(input, init);
      },
    });
    expect(await client.getAvatar(`${server.origin}/v2/user/u1/avatar`, { maxBytes: 1024 })).not.toBeNull();
    expect(asked.map((init) => [init.credentials, init.referrerPolicy, init.redirect])).toEqual([['omit', 'no-referrer', 'manual']]);
    expect(server.only().headers['referer']).toBeUndefined();
    expect(server.only().headers['cookie']).toBeUndefined();
  });
});
