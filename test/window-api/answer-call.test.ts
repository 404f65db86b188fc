import { describe, expect, it } from 'vitest';
import { SessionError } from '../../main/core/session';
import { registerCalls } from '../../main/shell/ipc-calls';
import { answerCall } from '../../main/window-api/answer-call';
import type { CallHandler } from '../../main/window-api/answer-call';

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
      error: { code: 'failed', message: 'database is locked' },
    });
  });

  it('answers a typed failure with its kind, so the window can tell it apart', async () => {
    const handler: CallHandler<'signInWithPassword'> = () => {
      throw new SessionError('credentials-rejected', 'The server refused this user id and password');
    };
    const input = { server: 'https://tt.example/v2', userId: 'ada@example.org', password: 'wrong' };
    expect(await answerCall('signInWithPassword', input, handler, recordingLog())).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'The server refused this user id and password' },
    });
  });

  it('registers one channel per call it is given', () => {
    const channels: string[] = [];
    registerCalls(
      { handle: (channel: string) => void channels.push(channel) },
      { appInfo: () => ({ name: 'a', version: 'b', platform: 'c' }) },
      recordingLog(),
    );
    expect(channels).toEqual(['tiger:call:appInfo']);
  });
});
