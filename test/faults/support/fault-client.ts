/**
 * A signed-in client for the fault scenarios: a real session over the real keychain (its own
 * service name), a real encrypted store in its own folder, and the account runtime (sync,
 * event stream, outbox), with short backoffs so that recovery is quick to watch.
 */
import { openAccount } from '../../../main/core/account';
import type { AccountRuntime, OpenAccountOptions } from '../../../main/core/account';
import { sessionHarness } from '../../session/fixtures/session-harness';
import type { SessionHarness } from '../../session/fixtures/session-harness';
import type { SessionManager } from '../../../main/core/session';
import { newUser } from '../../session/fixtures/sandbox-users';
import type { SandboxUser } from '../../session/fixtures/sandbox-users';

export interface FaultClient {
  user: SandboxUser;
  harness: SessionHarness;
  session: SessionManager;
  runtime: AccountRuntime;
  /** Closes the runtime and opens it again from disk, as an app restart does. */
  reopen(): Promise<AccountRuntime>;
  close(): Promise<void>;
}

export type RuntimeTuning = Omit<OpenAccountOptions, 'session' | 'log'>;

export const quickRecovery: RuntimeTuning = {
  heartbeatMs: 25_000,
  reconnectBackoff: { baseMs: 50, capMs: 400 },
  outboxRetry: { baseMs: 50, capMs: 400 },
  timeoutMs: 5_000,
};

/** A new person on the sandbox at `adminUrl`, signed in against `apiUrl` (which may be a proxy in front of it). */
export async function signedInClient(adminUrl: string, apiUrl: string, name: string, tuning: RuntimeTuning = quickRecovery): Promise<FaultClient> {
  const user = await newUser(adminUrl, name);
  const harness = await sessionHarness();
  const session = harness.manager();
  await session.signInWithKey({ server: apiUrl, key: user.key, secret: user.secret });
  const open = async () => {
    const runtime = await openAccount({ session, log: quietLog, ...tuning });
    await runtime.start();
    return runtime;
  };
  const client: FaultClient = {
    user,
    harness,
    session,
    runtime: await open(),
    async reopen() {
      await client.runtime.close();
      client.runtime = await open();
      return client.runtime;
    },
    async close() {
      await client.runtime.close();
      await harness.cleanUp();
    },
  };
  return client;
}

const quietLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Waits (real time) until `condition` holds, polling. */
export async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
