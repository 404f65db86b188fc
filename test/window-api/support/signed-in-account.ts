/**
 * A real account runtime signed in to a real sandbox: a session over an in-memory secret
 * store (these tests are about the calls, not the keychain), a temporary data folder, and
 * the runtime caught up with the server's replay.
 */
import { englishText } from '../../../i18n/english';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openAccount } from '../../../main/core/account';
import type { AccountRuntime } from '../../../main/core/account';
import { createLogger } from '../../../main/core/log/logger';
import type { LogRecord } from '../../../main/core/log/logger';
import { SessionManager } from '../../../main/core/session';
import { SessionOnlySecretStore, Vault } from '../../../main/core/vault';
import type { CallHandlers } from '../../../main/window-api/answer-call';
import { answerCall } from '../../../main/window-api/answer-call';
import type { CallInput, CallName, CallOutput } from '../../../preload/contract';
import type { RunningSandbox } from '../../../sandbox/index';
import { newPerson } from '../../sandbox/support/people';
import type { TestPerson } from '../../sandbox/support/people';

export interface SignedIn {
  runtime: AccountRuntime;
  dataRoot: string;
  logs: LogRecord[];
  close(): Promise<void>;
}

export async function signedIn(apiUrl: string, person: { key: string; secret: string }): Promise<SignedIn> {
  const dataRoot = await mkdtemp(join(tmpdir(), 'tigerdesk-shell-calls-'));
  const logs: LogRecord[] = [];
  const session = new SessionManager({
    vault: new Vault(new SessionOnlySecretStore()),
    dataRoot,
    clientVersion: 'tigerdesk-test',
    fetch,
    log: createLogger('session', (record) => logs.push(record)),
    signOutTimeoutMs: 1_000,
  });
  await session.signInWithKey({ server: apiUrl, key: person.key, secret: person.secret });
  const runtime = await openAccount({
    session,
    log: createLogger('account', (record) => logs.push(record)),
    reconnectBackoff: { baseMs: 50, capMs: 200 },
    timeoutMs: 3_000,
  });
  await runtime.catchUp(10_000);
  return {
    runtime,
    dataRoot,
    logs,
    async close() {
      await runtime.close();
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}

export interface SignedInWithPeer {
  me: TestPerson;
  /** A second new person, for `me` to write to and hear from. */
  peer: TestPerson;
  account: SignedIn;
}

/** Two new people on the sandbox, the first signed in for the running test: its account closes, and its folder goes, when the test finishes. */
export async function signedInWithPeer(sandbox: RunningSandbox, names: { me: string; peer: string }): Promise<SignedInWithPeer> {
  const me = await newPerson(sandbox, names.me);
  const peer = await newPerson(sandbox, names.peer);
  const account = await signedIn(sandbox.apiUrl, me);
  onTestFinished(() => account.close());
  return { me, peer, account };
}

const quietLog = { warn: () => {} };

/** Calls a handler as main does (the input validated against the contract) and returns its value or throws its refusal. */
export async function call<N extends CallName>(handlers: Partial<CallHandlers>, name: N, input: CallInput<N>): Promise<CallOutput<N>> {
  const handler = handlers[name];
  if (handler === undefined) throw new Error(`no handler for ${name}`);
  const reply = await answerCall(name, input, handler as never, quietLog);
  // The code travels with the error, as it reaches the renderer.
  if (!reply.ok) throw Object.assign(new Error(englishText(reply.error.text)), { code: reply.error.code });
  return reply.value;
}

/** Waits (real time) until `check` returns a value other than undefined. */
export async function waitFor<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
