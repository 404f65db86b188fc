// The renderer's one door to main: the bridge's replies become values, or TigerErrors that
// keep main's code; what crosses contextBridge is a plain reply, so the code survives it.
import { describe, expect, it } from 'vitest';
import type { CallFailure, CallName, CallReply, TigerBridge } from '../../preload/contract';
import { saying } from '../support/view-builders';
import { overBridge, TigerError } from '../../renderer/src/tiger';

/** A bridge of two calls that answer `answer` (or reject, as a bridge whose main is gone), recording what they were asked. */
function bridgeAnswering(answer: () => Promise<CallReply<CallName>>) {
  const asked: { name: string; input: unknown }[] = [];
  const unsubscribe = () => {};
  const call = (name: string) => (input?: unknown) => {
    asked.push({ name, input });
    return answer();
  };
  const bridge = { sessionState: call('sessionState'), signInWithPassword: call('signInWithPassword'), on: () => unsubscribe } as unknown as TigerBridge;
  return { bridge, asked, unsubscribe };
}

async function rejection(promise: Promise<unknown>): Promise<TigerError> {
  const error = await promise.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(TigerError);
  return error as TigerError;
}

describe("the renderer's door to main", () => {
  it('resolves a call to the value of its reply, passing the input through', async () => {
    const account = { id: 'a-1', displayName: 'Dr Ada Park', server: 'https://tt.example/v2', active: true };
    const { bridge, asked } = bridgeAnswering(async () => ({ ok: true, value: account }));
    const input = { server: 'https://tt.example/v2', userId: 'ada', password: 'pw' };
    expect(await overBridge(bridge).signInWithPassword(input)).toEqual(account);
    expect(asked).toEqual([{ name: 'signInWithPassword', input }]);
  });

  it('rejects a failed reply with a TigerError holding its code and message', async () => {
    const failure: CallFailure = { code: 'unauthorized', text: saying('The server refused this user id and password') };
    const { bridge } = bridgeAnswering(async () => ({ ok: false, error: failure }));
    const error = await rejection(overBridge(bridge).signInWithPassword({ server: 'https://tt.example/v2', userId: 'ada', password: 'no' }));
    expect({ code: error.code, text: error.text, message: error.message }).toEqual({ ...failure, message: 'The server refused this user id and password' });
  });

  it('keeps the code after the reply is cloned, as contextBridge and IPC clone it', async () => {
    const reply: CallReply<'sessionState'> = { ok: false, error: { code: 'keychain-unavailable', text: saying('no secret service') } };
    const { bridge } = bridgeAnswering(async () => structuredClone(reply));
    expect((await rejection(overBridge(bridge).sessionState())).code).toBe('keychain-unavailable');
  });

  it('turns a bridge that itself fails into a failed TigerError with its message', async () => {
    const { bridge } = bridgeAnswering(() => Promise.reject(new Error('The harness socket is closed')));
    const error = await rejection(overBridge(bridge).sessionState());
    expect({ code: error.code, message: error.message }).toEqual({ code: 'failed', message: 'The harness socket is closed' });
  });

  it('hands event subscriptions to the bridge unchanged', () => {
    const { bridge, unsubscribe } = bridgeAnswering(async () => ({ ok: true, value: { kind: 'signed-out' } }));
    expect(overBridge(bridge).on('session', () => {})).toBe(unsubscribe);
  });
});
