/**
 * Mutes against the real sandbox, through whole account runtimes: a mute made here reaches the
 * server and the user's other devices, one made elsewhere arrives by event or, for a device
 * that was not listening, by the reconcile with GET /mute; one made offline waits in the
 * outbox, shows at once, and goes when the server is back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openAccount } from '../../main/core/account';
import type { AccountRuntime } from '../../main/core/account';
import { createApiClient, login } from '../../main/core/api';
import type { ApiClient } from '../../main/core/api';
import { createLogger } from '../../main/core/log/logger';
import type { RunningSandbox } from '../../sandbox';
import { restartableSandbox } from '../outbox/restartable-sandbox';
import { openUserRuntime } from '../outbox/user-runtime';
import { newUser } from '../session/fixtures/sandbox-users';
import type { SandboxUser } from '../session/fixtures/sandbox-users';
import { sessionHarness } from '../session/fixtures/session-harness';
import { waitFor } from '../session/fixtures/wait-for';

const hour = 3_600_000;
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Another device of the same person: its own sign-in, so its own event stream. */
async function device(sandbox: RunningSandbox, user: SandboxUser, name: string): Promise<{ key: string; secret: string }> {
  const signedIn = await login(sandbox.apiUrl, { userId: user.email, password: user.password, deviceId: `${name}-${user.token}`, version: 'test' });
  return signedIn.auth;
}

async function runtimeOn(sandbox: RunningSandbox, credentials: { key: string; secret: string }): Promise<AccountRuntime> {
  const { runtime, close } = await openUserRuntime(sandbox.apiUrl, credentials);
  cleanup.push(close);
  await runtime.catchUp(10_000);
  return runtime;
}

function clientOf(sandbox: RunningSandbox, credentials: { key: string; secret: string }): ApiClient {
  return createApiClient({ baseUrl: sandbox.apiUrl, credentials, organizationKey: sandbox.organizationKey });
}

const mutedUntil = (runtime: AccountRuntime, conversationId: string) =>
  runtime.sync.roster().find((conversation) => conversation.id === conversationId)?.mutedUntil;

/** Waits until the conversation shows muted (true) or not (false) on this device. */
const showsMuted = (runtime: AccountRuntime, conversationId: string, muted: boolean, what: string) =>
  waitFor(what, () => ((mutedUntil(runtime, conversationId) ?? null) !== null) === muted || undefined, 15_000);

/** A nurse and a doctor who have written to each other, so each holds the other's conversation. */
async function nurseAndDoctor(sandbox: RunningSandbox) {
  const nurse = await newUser(sandbox.url, 'Muting Nurse');
  const doctor = await newUser(sandbox.url, 'Noisy Doctor');
  await clientOf(sandbox, doctor).sendMessage({ recipient: nurse.token, body: 'Rounds at nine', senderOrganization: sandbox.organizationKey });
  return { nurse, doctor };
}

describe('mutes through the server', () => {
  it('a mute made here is listed by the server, and another device of the same person applies it and its end by events', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const { nurse, doctor } = await nurseAndDoctor(sandbox.first);
    const desk = await runtimeOn(sandbox.first, nurse);
    const laptop = await runtimeOn(sandbox.first, await device(sandbox.first, nurse, 'laptop'));
    await waitFor('the desk to hold the conversation', () => (mutedUntil(desk, doctor.token) === null ? true : undefined));
    await waitFor('the laptop to hold the conversation', () => (mutedUntil(laptop, doctor.token) === null ? true : undefined));

    const before = Date.now();
    const shown = desk.mutes.mute(doctor.token, 'hour');
    expect(shown.mutedUntil).toBeGreaterThanOrEqual(before + hour);
    expect(shown.mutedUntil).toBeLessThanOrEqual(Date.now() + hour);
    await desk.outbox.whenIdle();
    await waitFor('the mute job to be sent', () => (desk.outbox.jobs().length === 0 ? true : undefined));

    const listed = await clientOf(sandbox.first, nurse).listMutes();
    expect(listed).toMatchObject([{ senderType: 'account', senderToken: doctor.token, durationMinutes: 60, organization: sandbox.first.organizationKey }]);
    await showsMuted(laptop, doctor.token, true, 'the laptop to apply the mute');
    expect(mutedUntil(laptop, doctor.token)).toBe((listed[0]!.startSeconds + 60 * 60) * 1000);

    desk.mutes.unmute(doctor.token);
    expect(mutedUntil(desk, doctor.token)).toBeNull();
    await showsMuted(laptop, doctor.token, false, 'the laptop to apply the unmute');
    expect(await clientOf(sandbox.first, nurse).listMutes()).toEqual([]);
  });

  it('a mute made in one organization is made there on the server, and the same doctor elsewhere still alerts', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const { organizationKey: hospital, northsideOrganizationKey: clinic } = sandbox.first;
    const nurse = await newUser(sandbox.first.url, 'Two-site Nurse', [hospital, clinic]);
    const doctor = await newUser(sandbox.first.url, 'Two-site Doctor', [hospital, clinic]);
    for (const organization of [hospital, clinic]) {
      await clientOf(sandbox.first, doctor).sendMessage({ recipient: nurse.token, body: `Rounds at ${organization}`, senderOrganization: organization });
    }
    const desk = await runtimeOn(sandbox.first, nurse);
    const laptop = await runtimeOn(sandbox.first, await device(sandbox.first, nurse, 'laptop'));
    const conversationIn = (runtime: AccountRuntime, organization: string) =>
      runtime.sync.roster().find((conversation) => conversation.peerToken === doctor.token && conversation.organizationKey === organization)?.id;
    const atClinic = await waitFor('the clinic conversation', () => conversationIn(desk, clinic));
    const atHospital = await waitFor('the hospital conversation', () => conversationIn(desk, hospital));
    expect(atClinic).not.toBe(atHospital);

    desk.mutes.mute(atClinic, 'hour');
    await desk.outbox.whenIdle();
    await waitFor('the mute job to be sent', () => (desk.outbox.jobs().length === 0 ? true : undefined));
    expect(await clientOf(sandbox.first, nurse).listMutes()).toMatchObject([{ senderType: 'account', senderToken: doctor.token, organization: clinic }]);
    await waitFor('the laptop\'s clinic conversation', () => conversationIn(laptop, clinic));
    await showsMuted(laptop, atClinic, true, 'the laptop to apply the clinic mute');
    expect(mutedUntil(laptop, atHospital)).toBeNull();
    expect(mutedUntil(desk, atHospital)).toBeNull();

    desk.mutes.unmute(atClinic);
    await showsMuted(laptop, atClinic, false, 'the laptop to apply the unmute');
    expect(await clientOf(sandbox.first, nurse).listMutes()).toEqual([]);
  });

  it('a mute made on another device arrives by event, and a device signed in after it learns it from GET /mute', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const { nurse, doctor } = await nurseAndDoctor(sandbox.first);
    const desk = await runtimeOn(sandbox.first, nurse);
    const phone = clientOf(sandbox.first, await device(sandbox.first, nurse, 'phone'));

    await phone.mutePerson({ person: doctor.token, minutes: 480 });
    await showsMuted(desk, doctor.token, true, 'the desk to apply the phone\'s mute');

    // Signed in after the mute: no event was ever meant for it, only the reconcile can tell it.
    const workstation = await runtimeOn(sandbox.first, await device(sandbox.first, nurse, 'workstation'));
    await showsMuted(workstation, doctor.token, true, 'the new workstation to read the mute');
    const [listed] = await phone.listMutes();
    expect(mutedUntil(workstation, doctor.token)).toBe((listed!.startSeconds + 480 * 60) * 1000);
  });

  it('after a restart the reconcile shows what changed while the app was closed, and drops a mute the server no longer has', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const { nurse, doctor } = await nurseAndDoctor(sandbox.first);
    const harness = await sessionHarness();
    cleanup.push(() => harness.cleanUp());
    await harness.manager().signInWithKey({ server: sandbox.first.apiUrl, key: nurse.key, secret: nurse.secret });
    const open = async () => {
      const session = harness.manager();
      await session.restore();
      const runtime = await openAccount({ session, log: createLogger('account', () => undefined), reconnectBackoff: { baseMs: 50, capMs: 200 } });
      await runtime.catchUp(10_000);
      return runtime;
    };
    const first = await open();
    await waitFor('the conversation', () => (mutedUntil(first, doctor.token) === null ? true : undefined));
    // A mute this computer believes in and the server never had (as if its end had been missed).
    first.sync.setMute(doctor.token, Date.now() + hour);
    await first.close();

    const again = await open();
    cleanup.push(() => again.close());
    await showsMuted(again, doctor.token, false, 'the reconcile to drop the stale mute');

    const phone = clientOf(sandbox.first, await device(sandbox.first, nurse, 'phone'));
    await again.close();
    await phone.mutePerson({ person: doctor.token, minutes: 525_600 });
    const third = await open();
    cleanup.push(() => third.close());
    await showsMuted(third, doctor.token, true, 'the restarted app to show the year-long mute');
  });

  it('a mute made offline shows at once, waits in the outbox, and is sent for the time left when the server is back', async () => {
    const sandbox = await restartableSandbox();
    cleanup.push(() => sandbox.remove());
    const { nurse, doctor } = await nurseAndDoctor(sandbox.first);
    const desk = await runtimeOn(sandbox.first, nurse);
    await waitFor('the conversation', () => (mutedUntil(desk, doctor.token) === null ? true : undefined));

    await sandbox.stop();
    await waitFor('the desk to notice', () => (desk.connection.kind === 'offline' ? true : undefined));
    const shown = desk.mutes.mute(doctor.token, 'eight-hours');
    expect(shown.mutedUntil).not.toBeNull();
    expect(desk.outbox.jobs()).toMatchObject([{ kind: 'mute', conversationId: doctor.token, state: 'pending' }]);

    const back = await sandbox.start();
    desk.networkBack();
    await waitFor('the mute to be sent', () => (desk.outbox.jobs().length === 0 ? true : undefined), 15_000);
    const listed = await clientOf(back, nurse).listMutes();
    expect(listed).toMatchObject([{ senderType: 'account', senderToken: doctor.token }]);
    // Sent for the time left, so it ends when the user was told, give or take the rounding to a minute.
    const serverEnd = (listed[0]!.startSeconds + listed[0]!.durationMinutes * 60) * 1000;
    expect(Math.abs(serverEnd - shown.mutedUntil!)).toBeLessThanOrEqual(61_000);
    await desk.mutes.reconcile();
    expect(mutedUntil(desk, doctor.token)).toBe(serverEnd);
  });
});
