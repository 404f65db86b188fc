// The window's lock over real sign-ins: the sandbox over loopback, the session manager, and the
// OS keychain (gnome-keyring) that keeps the lock's record, so a "restart" is a new session
// manager and lock over the same keychain entries and folders.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockError } from '../../main/core/lock/screen-lock';
import type { ScreenLock } from '../../main/core/lock/screen-lock';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { SessionManager } from '../../main/core/session';
import { lockCalls } from '../../main/window-api/lock-calls';
import { KeytarSecretStore, Vault } from '../../main/core/vault';
import { newUser } from '../session/fixtures/sandbox-users';
import type { SandboxUser } from '../session/fixtures/sandbox-users';
import { ManualClock } from '../support/manual-clock';
import { useSandbox } from '../support/sandbox-fixture';
import { screenLockFor } from '../support/screen-lock';

const sandbox = useSandbox();

let service: string;
let dataRoot: string;
let clock: ManualClock;
let logs: LogRecord[];

beforeEach(async () => {
  service = `tigerdesk-test-lock-${randomBytes(4).toString('hex')}`;
  dataRoot = await mkdtemp(join(tmpdir(), 'tigerdesk-lock-'));
  clock = new ManualClock(Date.now());
  logs = [];
});
afterEach(async () => {
  const vault = new Vault(new KeytarSecretStore({ service }));
  for (const id of await vault.listAccounts()) await vault.forgetAccount(id);
  await rm(dataRoot, { recursive: true, force: true });
});

/** The app's wiring of the two, as main/app.ts does it: one vault, the lock told of every sign-in. */
async function start(): Promise<{ session: SessionManager; lock: ScreenLock; vault: Vault }> {
  const vault = new Vault(new KeytarSecretStore({ service }));
  // The two refer to each other, as in the app: the session tells the lock of each sign-in.
  const lockRef: { lock?: ScreenLock } = {};
  const session = new SessionManager({
    vault,
    dataRoot,
    clientVersion: 'tigerdesk-test',
    fetch,
    log: createLogger('session', () => {}),
    signOutTimeoutMs: 1_000,
    identityProven: (accountId, password) => lockRef.lock!.identityProven(accountId, password),
  });
  const lock = screenLockFor(session, { vault, clock, logs });
  lockRef.lock = lock;
  await session.restore();
  await lock.settled();
  return { session, lock, vault };
}

async function signedIn(person: SandboxUser) {
  const started = await start();
  await started.session.signInWithPassword({ server: sandbox.apiUrl, userId: person.email, password: person.password });
  await started.lock.settled();
  return started;
}

describe('the window lock', () => {
  it('locks on demand and unlocks with the account password, checked offline against a verifier', async () => {
    const ann = await newUser(sandbox.url, 'Lock Ann');
    const { lock, vault } = await signedIn(ann);
    expect(lock.state()).toMatchObject({ locked: false, method: 'password', hasPassword: true, hasPin: false });
    // Kept in the keychain as a salted verifier, never the password.
    expect(JSON.stringify(await vault.lockRecord(ann.token))).not.toContain(ann.password);

    expect(await lock.lock('manual')).toBe(true);
    expect(lock.isLocked()).toBe(true);
    expect(await lock.unlock('not the password')).toMatchObject({ kind: 'wrong' });
    expect(lock.isLocked()).toBe(true);
    expect(await lock.unlock(ann.password)).toEqual({ kind: 'unlocked' });
    expect(lock.isLocked()).toBe(false);
  });

  it('takes the PIN until five wrong ones, then only the password, then waits longer after each wrong try, and erases nothing', async () => {
    const bo = await newUser(sandbox.url, 'Lock Bo');
    const { lock, session } = await signedIn(bo);
    await expect(lock.setPin('2468', 'wrong password')).rejects.toThrow(LockError);
    await lock.setPin('2468', bo.password);
    await lock.lock('idle');
    expect(lock.state()).toMatchObject({ locked: true, method: 'pin', pinTriesLeft: 5 });
    for (let i = 0; i < 4; i += 1) await lock.unlock('1111');
    expect(lock.state()).toMatchObject({ method: 'pin', pinTriesLeft: 1, retryAt: null });
    await lock.unlock('1111');
    // Only the password now: the right PIN no longer unlocks.
    expect(lock.state()).toMatchObject({ method: 'password', pinTriesLeft: null, retryAt: null });
    expect(await lock.unlock('2468')).toMatchObject({ kind: 'wrong' });
    expect(lock.state()?.retryAt).toBe(clock.now() + 30_000);
    // While waiting, no try is taken, not even the right one.
    expect(await lock.unlock(bo.password)).toEqual({ kind: 'wait', ms: 30_000 });
    clock.advance(30_000);
    expect(await lock.unlock('still wrong')).toMatchObject({ kind: 'wrong' });
    expect(lock.state()?.retryAt).toBe(clock.now() + 60_000);
    clock.advance(60_000);
    expect(await lock.unlock(bo.password)).toEqual({ kind: 'unlocked' });
    // The PIN works again after the right password, and the account is still there.
    expect(lock.state()).toMatchObject({ locked: false, method: 'pin', pinTriesLeft: 5 });
    expect(session.state.kind).toBe('signed-in');
    expect(logs.filter((record) => record.message.includes('wrong')).every((record) => !JSON.stringify(record).includes('1111'))).toBe(true);
  });

  it('stays locked across a restart, with the count of wrong tries kept', async () => {
    const cy = await newUser(sandbox.url, 'Lock Cy');
    const first = await signedIn(cy);
    await first.lock.setPin('13579', cy.password);
    await first.lock.lock('os-locked');
    for (let i = 0; i < 3; i += 1) await first.lock.unlock('0000');

    const restarted = await start();
    expect(restarted.session.state.kind).toBe('signed-in');
    expect(restarted.lock.state()).toMatchObject({ locked: true, method: 'pin', pinTriesLeft: 2 });
    expect(await restarted.lock.unlock('13579')).toEqual({ kind: 'unlocked' });
  });

  it('locks an account switched away from: switching back asks for its password', async () => {
    const [dee, eli] = await Promise.all([newUser(sandbox.url, 'Lock Dee'), newUser(sandbox.url, 'Lock Eli')]);
    const { session, lock } = await signedIn(dee);
    // Another person signs in on the same computer.
    await session.signInWithPassword({ server: sandbox.apiUrl, userId: eli.email, password: eli.password });
    await lock.settled();
    expect(lock.state()).toMatchObject({ locked: false });
    await session.switchTo(dee.token);
    await lock.settled();
    expect(lock.state()).toMatchObject({ locked: true, method: 'password' });
    expect(await lock.unlock(eli.password)).toMatchObject({ kind: 'wrong' });
    expect(await lock.unlock(dee.password)).toEqual({ kind: 'unlocked' });
    // And Eli, left for Dee, is locked in turn.
    await session.switchTo(eli.token);
    await lock.settled();
    expect(lock.isLocked()).toBe(true);
  });

  it('lets a new sign-in with the password unlock and start the count over (a forgotten PIN)', async () => {
    const fay = await newUser(sandbox.url, 'Lock Fay');
    const { session, lock } = await signedIn(fay);
    await lock.setPin('8642', fay.password);
    await lock.lock('manual');
    for (let i = 0; i < 6; i += 1) await lock.unlock('0000').catch(() => undefined);
    await session.signInWithPassword({ server: sandbox.apiUrl, userId: fay.email, password: fay.password });
    expect(lock.state()).toMatchObject({ locked: false, method: 'pin', pinTriesLeft: 5, retryAt: null });
  });

  it('cannot lock an account signed in with a key until it sets a PIN, and will not let it remove that PIN', async () => {
    const gus = await newUser(sandbox.url, 'Lock Gus');
    const { session, lock } = await start();
    await session.signInWithKey({ server: sandbox.apiUrl, key: gus.key, secret: gus.secret });
    await lock.settled();
    expect(lock.state()).toMatchObject({ locked: false, method: null });
    expect(await lock.lock('idle')).toBe(false);
    expect(logs.map((record) => record.message)).toContain('the window could not lock: the account has no password or PIN to unlock it');
    // The first PIN needs nothing more: there is nothing to check it against.
    await lock.setPin('97531', undefined);
    expect(await lock.lock('idle')).toBe(true);
    expect(await lock.unlock('97531')).toEqual({ kind: 'unlocked' });
    await expect(lock.removePin('97531')).rejects.toThrow('needs a PIN');
  });

  it('refuses to change the PIN while locked, and a PIN that is not 4 to 8 digits', async () => {
    const hal = await newUser(sandbox.url, 'Lock Hal');
    const { lock } = await signedIn(hal);
    await expect(lock.setPin('12', hal.password)).rejects.toThrow('4 to 8 digits');
    await lock.lock('manual');
    await expect(lock.setPin('1234', hal.password)).rejects.toThrow('unlock it first');
  });

  it("keeps the PIN while one of the account's organizations requires one (pin_lock): it may be changed, not removed", async () => {
    const ivy = await newUser(sandbox.url, 'Lock Ivy');
    const { lock, session } = await signedIn(ivy);
    let required = true;
    const calls = lockCalls({ lock, session, pinRequired: () => required });
    await calls.setUnlockPin({ pin: '2580', current: ivy.password });
    await expect(calls.removeUnlockPin({ current: ivy.password })).rejects.toThrow('requires a PIN');
    expect(lock.state()).toMatchObject({ hasPin: true, method: 'pin' });
    await calls.setUnlockPin({ pin: '0852', current: '2580' });
    // The organization drops the rule: the PIN may go, and the password unlocks again.
    required = false;
    expect(await calls.removeUnlockPin({ current: ivy.password })).toMatchObject({ hasPin: false, method: 'password' });
  });
});
