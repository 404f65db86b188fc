/**
 * Several organizations in the sandbox (API.md, "Organizations" and "Multi-org"): who belongs
 * where, the settings each serves, the admin routes that make organizations and change their
 * settings, and every organization-scoped call held to the organization it names.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { beforeAll, describe, expect, it } from 'vitest';
import { login } from '../../main/core/api';
import type { RunningSandbox } from '../../sandbox/index';
import { DEMO_PASSWORD, DEMO_RESPONDER, DEMO_YOU, demoEmail } from '../../sandbox/demo/accounts';
import { startTestSandbox, useSandbox } from '../support/sandbox-fixture';
import { useTempFolderPerTest } from '../support/temp-folder';
import { failure } from './support/api-failure';
import { useOpenStreams } from './support/open-streams';
import { newPerson, withKey } from './support/people';
import { callSandbox, type SandboxAnswer } from './support/sandbox-call';
import type { TestPerson } from './support/people';

const sandbox = useSandbox({ seedDemo: true, demoResponder: false });
const dataDir = useTempFolderPerTest('tigerdesk-sandbox-organizations-');
const streams = useOpenStreams();
let alex: TestPerson;
let jordan: TestPerson;
let demoOrg: string;
let northside: string;

async function signIn(username: string, on: RunningSandbox = sandbox): Promise<TestPerson> {
  const { user, auth } = await login(on.apiUrl, { userId: username, password: DEMO_PASSWORD, deviceId: 'orgs', version: 'test' });
  return withKey(on, { ...auth, token: user.token, email: demoEmail(username), password: DEMO_PASSWORD });
}

beforeAll(async () => {
  alex = await signIn(DEMO_YOU);
  jordan = await signIn(DEMO_RESPONDER);
  demoOrg = sandbox.organizationKey;
  northside = sandbox.northsideOrganizationKey;
});

type Answer = SandboxAnswer<{ reply?: unknown; error?: { message: string } } & Record<string, unknown>>;

const call = (person: TestPerson | null, method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
  callSandbox<Answer['body']>(sandbox, person, method, path, options);

const settingsOf = (organization: unknown) =>
  Object.fromEntries((organization as { settings: { name: string; value: string }[] }).settings.map(({ name, value }) => [name, value]));

describe('organizations served', () => {
  it("lists only the caller's organizations, the home one first, each with its member count and settings", async () => {
    const answer = await call(alex, 'GET', `/user/${alex.token}/organization`);
    expect(answer.status).toBe(200);
    const organizations = answer.body.reply as { token: string; name: string; members: number }[];
    expect(organizations.map(({ token, name }) => [token, name])).toEqual([[demoOrg, 'Tiger General Hospital'], [northside, 'Northside Clinic']]);
    // Northside: its own three, and Alex and Jordan.
    expect(organizations[1]!.members).toBe(5);
    expect(settingsOf(organizations[0])).toEqual({
      ttl: '10080', dor: 'false', priority_messaging: 'true', autologout_time: '1440', pin_lock: 'false', forward: 'true', settings_restricted: 'false',
    });
    expect(settingsOf(organizations[1])).toMatchObject({ ttl: '1440', priority_messaging: 'false' });
    const someone = await newPerson(sandbox, 'Only Hospital');
    expect(((await someone.client.getUserOrganizations(someone.token)) ?? []).map((organization) => organization.token)).toEqual([demoOrg]);
  });

  it('serves one organization, and refuses one the caller is not in, an unknown one and another person\'s', async () => {
    const one = await call(alex, 'GET', `/user/${alex.token}/organization/${northside}`);
    expect([one.status, (one.body.reply as { name: string }).name]).toEqual([200, 'Northside Clinic']);
    const outsider = await newPerson(sandbox, 'Outsider');
    const notTheirs = await call(outsider, 'GET', `/user/${outsider.token}/organization/${northside}`);
    expect([notTheirs.status, notTheirs.body.error?.message]).toEqual([403, `you do not belong to organization ${northside}`]);
    expect((await call(alex, 'GET', `/user/${alex.token}/organization/no-such-org`)).status).toBe(404);
    const someoneElses = await call(outsider, 'GET', `/user/${alex.token}/organization`);
    expect(someoneElses.status).toBe(403);
  });
});

describe('the admin routes', () => {
  it('make an organization, and a person in it (home first) who is in no other', async () => {
    const made = await call(null, 'POST', '/sandbox/organizations', { body: { name: 'Eastside Hospice' } });
    expect(made.status).toBe(200);
    const token = made.body['token'] as string;
    const person = await newPerson(sandbox, 'Eve East', [token, northside]);
    const organizations = await person.client.getUserOrganizations(person.token);
    expect(organizations.map((organization) => [organization.name, organization.members, organization.settings['ttl']])).toEqual([
      ['Eastside Hospice', 1, '-1'],
      ['Northside Clinic', 6, '1440'],
    ]);
    expect((await person.client.getUser({ organizationKey: token })).organization_key).toBe(token);
  });

  it('refuses an organization without a name, and a person in an unknown organization, naming the field', async () => {
    expect(await call(null, 'POST', '/sandbox/organizations', { body: {} })).toEqual({
      status: 400, body: { error: { message: 'field "name" is required' } },
    });
    const person = { display_name: 'Nobody', email: 'nobody.orgs@example.test', password: 'pw' };
    const unknown = await call(null, 'POST', '/sandbox/accounts', { body: { ...person, organizations: [demoOrg, 'no-such-org'] } });
    expect(unknown).toEqual({ status: 400, body: { error: { message: 'field "organizations": unknown organization "no-such-org"' } } });
    for (const organizations of ['just-a-string', [], [42]]) {
      const answer = await call(null, 'POST', '/sandbox/accounts', { body: { ...person, organizations } });
      expect([answer.status, answer.body.error?.message]).toEqual([400, 'field "organizations" must be a non-empty array of organization tokens']);
    }
    // Nothing was made by the refused calls.
    expect((await call(alex, 'GET', '/user/nobody.orgs@example.test')).status).toBe(404);
  });

  it("change an organization's settings, and every member (only) hears account:settings naming it", async () => {
    const made = (await call(null, 'POST', '/sandbox/organizations', { body: { name: 'Westside Rehab' } })).body['token'] as string;
    const member = await newPerson(sandbox, 'Wes West', [made]);
    const outsider = await newPerson(sandbox, 'Not West');
    const memberStream = await streams.listen(member);
    const outsiderStream = await streams.listen(outsider);
    const changed = await call(null, 'POST', `/sandbox/organizations/${made}/settings`, {
      body: { ttl: 60, forward: false, priority_messaging: 'false', autologout_time: '15', pin_lock: true },
    });
    expect(changed.status).toBe(200);
    expect(settingsOf(changed.body)).toEqual({
      ttl: '60', dor: 'false', priority_messaging: 'false', autologout_time: '15', pin_lock: 'true', forward: 'false', settings_restricted: 'false',
    });
    const event = await memberStream.waitFor((e) => e.name === 'account:settings');
    expect(event.payload).toEqual({ services: ['tigertext:iq:update:org_settings'], organization_id: made });
    expect(settingsOf((await call(member, 'GET', `/user/${member.token}/organization/${made}`)).body.reply)).toMatchObject({ ttl: '60', forward: 'false' });
    // The new default lifetime is what a send without a ttl gets.
    const other = await newPerson(sandbox, 'Other West', [made]);
    const sent = await member.client.sendMessage({ recipient: other.token, body: 'hi', senderOrganization: made });
    expect(sent.ttl).toBe(60);
    await memberStream.waitFor((e) => e.name === 'message');
    expect(outsiderStream.named('account:settings')).toEqual([]);
  });

  it('refuses a setting it does not know, a bad value and an unknown organization, changing nothing', async () => {
    const refusals: [unknown, string][] = [
      [{}, 'no settings to change: give any of ttl, dor, priority_messaging, autologout_time, pin_lock, forward, settings_restricted'],
      [{ forward: false, colour: 'red' }, 'field "colour" is not an organization setting: give any of ttl, dor, priority_messaging, autologout_time, pin_lock, forward, settings_restricted'],
      [{ forward: 'perhaps' }, 'field "forward" must be a boolean'],
      [{ ttl: 0 }, 'field "ttl" must be -1 (never) or a positive number of minutes'],
      [{ ttl: 'soon' }, 'field "ttl" must be an integer'],
      [{ ttl: 60 * 24 * 365 }, 'field "ttl" must be at most 43200 minutes, the organization\'s longest lifetime'],
      [{ autologout_time: -5 }, 'field "autologout_time" must be a positive number of minutes'],
    ];
    for (const [body, message] of refusals) {
      expect(await call(null, 'POST', `/sandbox/organizations/${northside}/settings`, { body })).toEqual({ status: 400, body: { error: { message } } });
    }
    expect(settingsOf((await call(alex, 'GET', `/user/${alex.token}/organization/${northside}`)).body.reply)).toMatchObject({ ttl: '1440', forward: 'true' });
    expect((await call(null, 'POST', '/sandbox/organizations/no-such-org/settings', { body: { forward: false } })).status).toBe(404);
  });
});

describe('calls held to their organization', () => {
  it("reads the roster of the header's organization, the home one without a header", async () => {
    const inNorthside = await alex.client.getRoster({ organizationKey: northside });
    expect(inNorthside.map((entry) => entry.display_name ?? entry.name).sort()).toEqual(['David Osei', 'Jordan Lee', 'Northside Huddle']);
    expect(inNorthside.every((entry) => entry.organization_key === northside)).toBe(true);
    const withoutHeader = await call(alex, 'GET', '/roster');
    const names = (withoutHeader.body.reply as { display_name?: string; name?: string }[]).map((entry) => entry.display_name ?? entry.name);
    expect(names).toContain('ED Charge Team');
    expect(names).not.toContain('Northside Huddle');
  });

  it("refuses a header naming an organization the caller is not in, or none at all, naming the header", async () => {
    const outsider = await newPerson(sandbox, 'Hospital Only');
    const headers = { 'TT-X-Organization-Key': northside };
    for (const [method, path, body] of [
      ['GET', '/roster', undefined],
      ['GET', `/user/${jordan.token}`, undefined],
      ['POST', '/group', { name: 'Sneaky', members: [jordan.token] }],
      ['GET', `/metadata/${jordan.token}`, undefined],
      ['POST', '/message/typing', { recipient: jordan.token }],
    ] as const) {
      const answer = await call(outsider, method, path, { headers, body });
      expect([method, path, answer.status, answer.body.error?.message]).toEqual([method, path, 403, `"TT-X-Organization-Key": you do not belong to organization ${northside}`]);
    }
    const unknown = await call(outsider, 'GET', '/roster', { headers: { 'TT-X-Organization-Key': 'no-such-org' } });
    expect([unknown.status, unknown.body.error?.message]).toEqual([404, 'unknown organization in "TT-X-Organization-Key": no-such-org']);
  });

  it('shows a person in the organization asked about, so two people of one name are told apart', async () => {
    expect((await alex.client.lookupUser(jordan.token, { organizationKey: northside })).organization_key).toBe(northside);
    expect((await alex.client.lookupUser(jordan.token, { organizationKey: demoOrg })).organization_key).toBe(demoOrg);
    const hospitalHannah = await alex.client.lookupUser('hannah.kim', { organizationKey: demoOrg });
    const clinicHannah = await alex.client.lookupUser('hannah.kim.northside', { organizationKey: northside });
    expect([hospitalHannah.display_name, clinicHannah.display_name]).toEqual(['Hannah Kim', 'Hannah Kim']);
    expect(clinicHannah.token).not.toBe(hospitalHannah.token);
    expect([hospitalHannah.organization_key, clinicHannah.organization_key]).toEqual([demoOrg, northside]);
  });

  it("keeps the same two people's conversations in two organizations apart", async () => {
    const stream = await streams.listen(jordan);
    await alex.client.sendMessage({ recipient: jordan.token, body: 'at the hospital', senderOrganization: demoOrg });
    await alex.client.sendMessage({ recipient: jordan.token, body: 'at the clinic', senderOrganization: northside });
    const [hospital, clinic] = await stream.waitForCount(2, (e) => e.name === 'message' && e.payload.sender_token === alex.token);
    // The recipient's organization defaults to the sender's.
    expect([hospital!.payload.sender_organization, hospital!.payload.recipient_organization]).toEqual([demoOrg, demoOrg]);
    expect([clinic!.payload.sender_organization, clinic!.payload.recipient_organization]).toEqual([northside, northside]);
    // Leaving the clinic conversation leaves the hospital one as it was.
    await jordan.client.removeFromRoster(alex.token, { organizationKey: northside });
    expect((await jordan.client.getRoster({ organizationKey: northside })).map((entry) => entry.token)).not.toContain(alex.token);
    expect((await jordan.client.getRoster({ organizationKey: demoOrg })).map((entry) => entry.token)).toContain(alex.token);
    expect((await failure(jordan.client.getMessage(String(clinic!.payload.message_id)))).status).toBe(404);
    expect((await jordan.client.getMessage(String(hospital!.payload.message_id))).body).toBe('at the hospital');
  });

  it('refuses a message or forward to someone not in the organization, and from an organization the sender is not in, naming the field', async () => {
    const hospitalOnly = await newPerson(sandbox, 'Hospital Only');
    const clinicHannah = await alex.client.lookupUser('hannah.kim.northside', { organizationKey: northside });
    const toOutsider = await call(alex, 'POST', '/message', { body: { recipient: hospitalOnly.token, body: 'x', sender_organization: northside } });
    expect([toOutsider.status, toOutsider.body.error?.message]).toEqual([403, `"recipient_organization": user ${hospitalOnly.token} is not in organization ${northside}`]);
    const named = await call(alex, 'POST', '/message', { body: { recipient: clinicHannah.token, body: 'x', sender_organization: demoOrg, recipient_organization: demoOrg } });
    expect([named.status, named.body.error?.message]).toEqual([403, `"recipient_organization": user ${clinicHannah.token} is not in organization ${demoOrg}`]);
    const fromOutside = await call(hospitalOnly, 'POST', '/message', { body: { recipient: alex.token, body: 'x', sender_organization: northside } });
    expect([fromOutside.status, fromOutside.body.error?.message]).toEqual([403, `"sender_organization": you do not belong to organization ${northside}`]);
    const { messageId } = await alex.client.sendMessage({ recipient: jordan.token, body: 'pass it on', senderOrganization: demoOrg });
    const forward = await call(alex, 'POST', `/message/${messageId}/forward`, { body: { recipient: hospitalOnly.token, sender_organization: northside } });
    expect([forward.status, forward.body.error?.message]).toEqual([403, `"recipient_organization": user ${hospitalOnly.token} is not in organization ${northside}`]);
    const roster = await hospitalOnly.client.getRoster();
    expect(roster.map((entry) => entry.token)).not.toContain(alex.token);
  });

  it("makes a group in the header's organization, of its members only", async () => {
    const group = await alex.client.createGroup({ name: 'Clinic Pair', members: [jordan.token] }, { organizationKey: northside });
    expect(group.organization_key).toBe(northside);
    expect((await alex.client.getRoster({ organizationKey: northside })).map((entry) => entry.token)).toContain(group.token);
    expect((await alex.client.getRoster({ organizationKey: demoOrg })).map((entry) => entry.token)).not.toContain(group.token);
    const hospitalHannah = await alex.client.lookupUser('hannah.kim');
    const mixed = await call(alex, 'POST', '/group', { body: { name: 'Mixed', members: [jordan.token, hospitalHannah.token] }, headers: { 'TT-X-Organization-Key': northside } });
    expect([mixed.status, mixed.body.error?.message]).toEqual([403, `"members": user ${hospitalHannah.token} is not in organization ${northside}`]);
    // A message to the group stays in its organization: sent there without naming it, refused from another.
    const stream = await streams.listen(jordan);
    const sent = await call(alex, 'POST', '/message', { body: { recipient: group.token, body: 'pair up' } });
    expect(sent.status).toBe(204);
    expect((await stream.waitFor((e) => e.name === 'group_message' && e.payload.body === 'pair up')).payload.sender_organization).toBe(northside);
    const elsewhere = await call(alex, 'POST', '/message', { body: { recipient: group.token, body: 'x', sender_organization: demoOrg } });
    expect([elsewhere.status, elsewhere.body.error?.message]).toEqual([403, `"sender_organization": group ${group.token} is in organization ${northside}, not ${demoOrg}`]);
  });

  it('types in an organization, to its members only, and says which', async () => {
    const stream = await streams.listen(jordan, ['is-typing']);
    await alex.client.startTyping(jordan.token, { organizationKey: northside });
    const typing = await stream.waitFor((e) => e.name === 'message:is_typing');
    expect(typing.payload).toEqual({ sender_token: alex.token, status: 'typing', organization_id: northside });
    const hospitalHannah = await alex.client.lookupUser('hannah.kim');
    const answer = await call(alex, 'DELETE', `/message/typing/${hospitalHannah.token}`, { headers: { 'TT-X-Organization-Key': northside } });
    expect([answer.status, answer.body.error?.message]).toEqual([403, `"TT-X-Organization-Key": user ${hospitalHannah.token} is not in organization ${northside}`]);
  });

  it("reads another person's metadata only in an organization both are in", async () => {
    const clinicHannah = await alex.client.lookupUser('hannah.kim.northside', { organizationKey: northside });
    expect(await alex.client.getMetadata(clinicHannah.token, { organizationKey: northside })).toEqual({});
    const answer = await call(alex, 'GET', `/metadata/${clinicHannah.token}`, { headers: { 'TT-X-Organization-Key': demoOrg } });
    expect([answer.status, answer.body.error?.message]).toEqual([403, `"TT-X-Organization-Key": user ${clinicHannah.token} is not in organization ${demoOrg}`]);
  });
});

describe('the demo', () => {
  it('gives a data dir seeded before Northside existed Northside on its next start, and the hospital nothing twice', async () => {
    const first = await startTestSandbox({ dataDir: dataDir(), seedDemo: true, demoResponder: false });
    await first.close();
    // What a data dir of the sandbox before Northside held: no Northside people, group, history or members.
    const db = new Database(join(dataDir(), 'sandbox.db'));
    db.transaction(() => {
      const northside = first.northsideOrganizationKey;
      db.prepare('DELETE FROM roster WHERE organization_key = ?').run(northside);
      db.prepare('DELETE FROM messages WHERE sender_organization = ?').run(northside);
      db.prepare('DELETE FROM group_members WHERE group_token IN (SELECT token FROM groups WHERE organization_key = ?)').run(northside);
      db.prepare('DELETE FROM groups WHERE organization_key = ?').run(northside);
      db.prepare('DELETE FROM organization_members WHERE organization_key = ?').run(northside);
      db.prepare("DELETE FROM accounts WHERE username LIKE '%.northside'").run();
    })();
    db.close();
    const again = await startTestSandbox({ dataDir: dataDir(), seedDemo: true, demoResponder: false });
    const alexAgain = await signIn(DEMO_YOU, again);
    const clinicRoster = await alexAgain.client.getRoster({ organizationKey: again.northsideOrganizationKey });
    expect(clinicRoster.map((entry) => entry.display_name ?? entry.name).sort()).toEqual(['David Osei', 'Jordan Lee', 'Northside Huddle']);
    const hospitalGroups = (await alexAgain.client.getRoster()).filter((entry) => entry.type === 'tigertext:entity:group');
    expect(hospitalGroups.map((entry) => entry.name)).toEqual(['ED Charge Team', 'Rapid Response', 'Pharmacy Consults']);
  });
});
