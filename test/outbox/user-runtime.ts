/**
 * A person's account runtime as on their own machine: signed in with their key in a data
 * folder and keychain service of its own, with short backoffs so retries show within a test.
 */
import { openAccount } from '../../main/core/account';
import type { AccountRuntime, OpenAccountOptions } from '../../main/core/account';
import { createLogger } from '../../main/core/log/logger';
import { sessionHarness } from '../session/fixtures/session-harness';

export interface UserRuntime {
  runtime: AccountRuntime;
  /** Closes the runtime, then removes its folder and keychain entries. */
  close(): Promise<void>;
}

export async function openUserRuntime(
  server: string,
  user: { key: string; secret: string },
  options: Partial<OpenAccountOptions> = {},
): Promise<UserRuntime> {
  const harness = await sessionHarness();
  const session = harness.manager();
  await session.signInWithKey({ server, key: user.key, secret: user.secret });
  const runtime = await openAccount({
    session,
    log: createLogger('account', (record) => harness.logs.push(record)),
    reconnectBackoff: { baseMs: 50, capMs: 200 },
    outboxRetry: { baseMs: 50, capMs: 200 },
    ...options,
  });
  return {
    runtime,
    async close() {
      await runtime.close();
      await harness.cleanUp();
    },
  };
}
