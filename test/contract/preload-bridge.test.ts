// The preload hands the page main's reply whole, failures included: Electron's contextBridge
// passes only the message of an Error a promise rejects with, so a code carried by a throw
// would be lost, while a plain reply crosses intact. Electron cannot run here: its two preload
// objects are stood in for, and the exposed bridge is read as the page would get it.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallReply, TigerBridge } from '../../preload/contract';

const bridge = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; input: unknown }[],
  answer: undefined as unknown,
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => bridge.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      bridge.invoked.push({ channel, input });
      // What crosses IPC is a structured clone, as in Electron.
      return structuredClone(bridge.answer);
    },
    on: () => {},
    removeListener: () => {},
  },
}));

let tiger: TigerBridge;
beforeAll(async () => {
  await import('../../preload/index');
  tiger = bridge.exposed.get('tiger') as TigerBridge;
});

describe('the preload bridge', () => {
  it('resolves a failed call to main\'s reply, with its code, instead of rejecting', async () => {
    const refused: CallReply<'signInWithPassword'> = { ok: false, error: { code: 'unauthorized', text: { key: 'said.english', params: { text: 'The server refused this user id and password' } } } };
    bridge.answer = refused;
    const input = { server: 'https://tt.example/v2', userId: 'ada', password: 'no' };
    expect(await tiger.signInWithPassword(input)).toEqual(refused);
    expect(bridge.invoked.at(-1)).toEqual({ channel: 'tiger:call:signInWithPassword', input });
  });

  it('resolves a successful call to the reply as well', async () => {
    bridge.answer = { ok: true, value: { kind: 'signed-out' } };
    expect(await tiger.sessionState()).toEqual({ ok: true, value: { kind: 'signed-out' } });
  });

  it('survives the structured clone contextBridge makes of a resolved value', async () => {
    bridge.answer = { ok: false, error: { code: 'account-busy', message: 'This account is open in another TigerDesk process (pid 4242).' } };
    expect(structuredClone(await tiger.roster())).toEqual(bridge.answer);
  });
});
