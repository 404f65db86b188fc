/**
 * Several organizations the whole way, against the real sandbox: Alex Morgan of the demo belongs
 * to Tiger General Hospital and to Northside Clinic. The core reads both with their settings,
 * holds Alex and Jordan's conversation in each apart (messages and typing), sends from the
 * Northside one in Northside, and reads the settings again when the sandbox says they changed.
 */
import { describe, expect, it, vi } from 'vitest';
import { login } from '../../main/core/api';
import { conversationIdOf } from '../../main/core/store';
import { DEMO_PASSWORD, DEMO_RESPONDER, DEMO_YOU, demoEmail } from '../../sandbox/demo/accounts';
import { readRecipient } from '../outbox/recipient-view';
import { withKey } from '../sandbox/support/people';
import { useSandbox } from '../support/sandbox-fixture';
import { useTempFolder } from '../support/temp-folder';
import { openSandboxDevice } from './support/sandbox-device';

const sandbox = useSandbox({ seedDemo: true, demoResponder: false, heartbeatMs: 200 });
const dir = useTempFolder('tigerdesk-sync-organizations-');
const waitLong = { timeout: 10_000, interval: 20 };

async function signIn(username: string) {
  const { user, auth } = await login(sandbox.apiUrl, { userId: username, password: DEMO_PASSWORD, deviceId: 'sync-orgs', version: 'test' });
  return withKey(sandbox, { ...auth, token: user.token, email: demoEmail(username), password: DEMO_PASSWORD });
}

describe('several organizations against the sandbox', () => {
  it("holds Alex's two organizations with their settings, and Alex and Jordan's conversation in each apart", async () => {
    const hospital = sandbox.organizationKey;
    const clinic = sandbox.northsideOrganizationKey;
    const alex = await signIn(DEMO_YOU);
    const jordan = await signIn(DEMO_RESPONDER);
    // Alex's device, as the app composes it.
    const device = openSandboxDevice(sandbox, alex, { homeOrganization: hospital, dir: dir() });
    const { sync } = device;
    const typing = new Map<string, string[]>();
    sync.onTyping((change) => typing.set(change.conversationId, change.typing));
    try {
      await device.start();

      expect(sync.organizations().map(({ token, name, policy }) => [token, name, policy.defaultTtlMinutes, policy.priorityAllowed])).toEqual([
        [hospital, 'Tiger General Hospital', 10080, true],
        [clinic, 'Northside Clinic', 1440, false],
      ]);

      const inHospital = conversationIdOf({ kind: 'user', peer: jordan.token, organizationKey: hospital }, hospital);
      const inClinic = conversationIdOf({ kind: 'user', peer: jordan.token, organizationKey: clinic }, hospital);
      expect(inClinic).not.toBe(inHospital);
      // The seeded Northside history arrives in the Northside conversation only.
      await vi.waitFor(() => expect(sync.thread(inClinic, { limit: 10 }).map((message) => message.body)).toEqual(['Could you take the Saturday flu clinic at Northside?']), waitLong);

      await jordan.client.sendMessage({ recipient: alex.token, body: 'Bay 4 is ready', senderOrganization: hospital });
      await vi.waitFor(() => expect(sync.thread(inHospital, { limit: 10 }).map((message) => message.body)).toEqual(['Bay 4 is ready']), waitLong);

      await device.harness.outbox.send({ conversationId: inClinic, body: 'Yes, I will take Saturday' });
      await vi.waitFor(() => expect(device.harness.outbox.jobs()).toEqual([]), waitLong);
      expect(sync.thread(inClinic, { limit: 10 }).map((message) => message.body)).toEqual([
        'Could you take the Saturday flu clinic at Northside?',
        'Yes, I will take Saturday',
      ]);
      expect(sync.thread(inHospital, { limit: 10 }).map((message) => message.body)).toEqual(['Bay 4 is ready']);
      const roster = sync.roster().filter((conversation) => conversation.peerToken === jordan.token && conversation.kind === 'user');
      expect(roster.map((conversation) => [conversation.id, conversation.organizationKey]).sort()).toEqual([[inClinic, clinic], [inHospital, hospital]].sort());

      // Jordan typing at Northside shows in the Northside conversation, not the hospital's.
      await jordan.client.startTyping(alex.token, { organizationKey: clinic });
      await vi.waitFor(() => expect(typing.get(inClinic)).toEqual([jordan.token]), waitLong);
      expect(typing.get(inHospital) ?? []).toEqual([]);

      // Jordan received it in Northside.
      const received = await readRecipient(jordan, alex.token);
      const clinicReply = received.find((message) => message.body === 'Yes, I will take Saturday');
      expect(clinicReply).toBeDefined();
      expect((await jordan.client.getMessage(clinicReply!.token)).recipient_organization).toBe(clinic);

      // The sandbox changes Northside's settings: the core hears account:settings and reads them again.
      const changed = await fetch(`${sandbox.url}/sandbox/organizations/${clinic}/settings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ forward: false, ttl: 60 }),
      });
      expect(changed.status).toBe(200);
      await vi.waitFor(() => expect(sync.organizations()[1]?.policy).toMatchObject({ forwardAllowed: false, defaultTtlMinutes: 60 }), waitLong);
      expect(sync.organizations()[0]?.policy).toMatchObject({ forwardAllowed: true, defaultTtlMinutes: 10080 });
    } finally {
      await device.close();
    }
  });
});
