import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { SessionError } from '../../main/core/session';
import { VaultError } from '../../main/core/vault/vault-error';
import { registerCalls, registerCallsOnceReady } from '../../main/shell/ipc-calls';
import { answerCall } from '../../main/window-api/answer-call';
import type { CallHandler, CallHandlers } from '../../main/window-api/answer-call';
import { callChannel, callNames } from '../../preload/contract';

function recordingLog() {
  const warnings: { message: string; fields?: Record<string, string> }[] = [];
  return { warnings, warn: (message: string, fields?: Record<string, string>) => warnings.push({ message, fields }) };
}

describe('main-side validation of IPC calls', () => {
  it('answers a valid call with the handler value', async () => {
    let calls = 0;
    const handler: CallHandler<'appInfo'> = () => {
      calls += 1;
      return { name: 'TigerDesk', version: '1.2.3', platform: 'linux' };
    };
    const reply = await answerCall('appInfo', undefined, handler, recordingLog());
    expect(reply).toEqual({ ok: true, value: { name: 'TigerDesk', version: '1.2.3', platform: 'linux' } });
    expect(calls).toBe(1);
  });

  it('refuses a malformed call with a typed error, logs it and never runs the handler', async () => {
    let calls = 0;
    const handler: CallHandler<'sendMessage'> = () => {
      calls += 1;
      throw new Error('must not run');
    };
    const log = recordingLog();
    const reply = await answerCall('sendMessage', { conversationId: '', body: 42 }, handler, log);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('invalid-call');
    expect(calls).toBe(0);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]?.fields).toMatchObject({ call: 'sendMessage' });
  });

  it('turns an untyped handler failure into a failed reply instead of a rejected promise', async () => {
    const handler: CallHandler<'appInfo'> = () => {
      throw new Error('database is locked');
    };
    expect(await answerCall('appInfo', undefined, handler, recordingLog())).toEqual({
      ok: false,
      error: { code: 'failed', text: userText('said.english', { text: 'database is locked' }) },
    });
  });

  it('answers a typed failure with its kind, so the window can tell it apart', async () => {
    const handler: CallHandler<'signInWithPassword'> = () => {
      throw new SessionError('credentials-rejected', userText('session.password-refused'));
    };
    const input = { server: 'https://tt.example/v2', userId: 'ada@example.org', password: 'wrong' };
    expect(await answerCall('signInWithPassword', input, handler, recordingLog())).toEqual({
      ok: false,
      error: { code: 'unauthorized', text: userText('session.password-refused') },
    });
  });

  it('registers one channel per call it is given', () => {
    const channels: string[] = [];
    registerCalls(
      { handle: (channel: string) => void channels.push(channel) },
      { appInfo: () => ({ name: 'a', version: 'b', platform: 'c' }) },
      recordingLog(),
      { contents: {}, url: 'file:///app/renderer/index.html' },
    );
    expect(channels).toEqual(['tiger:call:appInfo']);
  });

  it('answers only the app page: its window, its main frame, its own file', async () => {
    const contents = { id: 1 };
    const appUrl = 'file:///app/renderer/index.html';
    let handler: ((event: unknown, input: unknown) => unknown) | undefined;
    const log = recordingLog();
    registerCalls(
      { handle: (_channel: string, registered: (event: never, input: unknown) => unknown) => void (handler = registered as typeof handler) },
      { appInfo: () => ({ name: 'a', version: 'b', platform: 'c' }) },
      log,
      { contents, url: appUrl },
    );
    const call = (event: unknown) => Promise.resolve(handler!(event, undefined));
    const refused = { ok: false, error: { code: 'invalid-call', text: userText('error.outside-window') } };
    expect(await call({ sender: contents, senderFrame: { url: appUrl, parent: null } })).toEqual({ ok: true, value: { name: 'a', version: 'b', platform: 'c' } });
    expect(await call({ sender: contents, senderFrame: { url: `${appUrl}#/thread`, parent: null } })).toMatchObject({ ok: true });
    expect(await call({ sender: contents, senderFrame: { url: appUrl, parent: { url: appUrl } } })).toEqual(refused);
    expect(await call({ sender: contents, senderFrame: { url: 'https://example.org/', parent: null } })).toEqual(refused);
    expect(await call({ sender: contents, senderFrame: { url: 'file:///other/index.html', parent: null } })).toEqual(refused);
    expect(await call({ sender: { id: 2 }, senderFrame: { url: appUrl, parent: null } })).toEqual(refused);
    expect(await call({ sender: contents, senderFrame: null })).toEqual(refused);
    expect(log.warnings.filter((warning) => warning.message === 'refused a call from outside the app page')).toHaveLength(5);
  });
});

describe('calls registered before the app is ready (the window loads while the app starts)', () => {
  const contents = { id: 1 };
  const url = 'file:///app/renderer/index.html';
  const fromApp = { sender: contents, senderFrame: { url, parent: null } };
  const info = { name: 'TigerDesk', version: '1.2.3', platform: 'linux' };

  function registered() {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    const pending = registerCallsOnceReady({ handle: (channel: string, handler: (event: never, input: unknown) => unknown) => void handlers.set(channel, handler as (event: unknown, input: unknown) => unknown) }, recordingLog(), { contents, url });
    const call = (name: string, input?: unknown) => Promise.resolve(handlers.get(callChannel(name as (typeof callNames)[number]))!(fromApp, input));
    return { handlers, pending, call };
  }
  const settled = async (reply: Promise<unknown>) => Promise.race([reply.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 20))]);

  it('registers every call of the contract at once, and answers one made early once the handlers come', async () => {
    const { handlers, pending, call } = registered();
    expect([...handlers.keys()]).toEqual(callNames.map(callChannel));
    const early = call('appInfo');
    expect(await settled(early)).toBe(false);
    pending.ready({ appInfo: () => info } as Partial<CallHandlers> as CallHandlers);
    expect(await early).toEqual({ ok: true, value: info });
    expect(await call('appInfo')).toEqual({ ok: true, value: info });
  });

  it('still validates a call before it waits, and refuses one from outside the app page at once', async () => {
    const { call, handlers } = registered();
    expect(await call('markRead', { conversationId: 42 })).toMatchObject({ ok: false, error: { code: 'invalid-call' } });
    const outside = Promise.resolve(handlers.get(callChannel('appInfo'))!({ sender: { id: 2 }, senderFrame: { url, parent: null } }, undefined));
    expect(await outside).toEqual({ ok: false, error: { code: 'invalid-call', text: userText('error.outside-window') } });
  });

  it('fails the calls waiting and those to come with the reason the start failed', async () => {
    const { pending, call } = registered();
    const early = call('sessionState');
    const reason = new VaultError('unavailable', userText('vault.no-secret-store', { detail: 'keychain: locked' }));
    pending.failed(reason);
    const failure = { ok: false, error: { code: 'keychain-unavailable', text: userText('vault.no-secret-store', { detail: 'keychain: locked' }) } };
    expect(await early).toEqual(failure);
    expect(await call('appInfo')).toEqual(failure);
  });
});
