import { describe, expect, it } from 'vitest';
import { answerCall, registerCalls } from '../../main/shell/ipc-calls';
import type { CallHandlers } from '../../main/shell/ipc-calls';

function recordingLog() {
  const warnings: { message: string; fields?: Record<string, unknown> }[] = [];
  return { warnings, warn: (message: string, fields?: Record<string, unknown>) => warnings.push({ message, fields }) };
}

describe('main-side validation of IPC calls', () => {
  it('answers a valid call with the handler value', async () => {
    let calls = 0;
    const handlers: CallHandlers = {
      appInfo: () => {
        calls += 1;
        return { name: 'TigerDesk', version: '1.2.3', platform: 'linux' };
      },
    };
    const reply = await answerCall('appInfo', undefined, handlers, recordingLog());
    expect(reply).toEqual({ ok: true, value: { name: 'TigerDesk', version: '1.2.3', platform: 'linux' } });
    expect(calls).toBe(1);
  });

  it('refuses a malformed call with a typed error, logs it and never runs the handler', async () => {
    let calls = 0;
    const handlers: CallHandlers = {
      appInfo: () => {
        calls += 1;
        return { name: 'x', version: 'y', platform: 'z' };
      },
    };
    const log = recordingLog();
    const reply = await answerCall('appInfo', { evil: '<script>' }, handlers, log);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('invalid-call');
    expect(calls).toBe(0);
    expect(log.warnings).toHaveLength(1);
    expect(log.warnings[0]?.fields).toMatchObject({ call: 'appInfo' });
  });

  it('turns a handler failure into a failed reply instead of a rejected promise', async () => {
    const handlers: CallHandlers = {
      appInfo: () => {
        throw new Error('database is locked');
      },
    };
    expect(await answerCall('appInfo', undefined, handlers, recordingLog())).toEqual({
      ok: false,
      error: { code: 'failed', message: 'database is locked' },
    });
  });

  it('registers one channel per contract call', () => {
    const channels: string[] = [];
    registerCalls(
      { handle: (channel: string) => void channels.push(channel) },
      { appInfo: () => ({ name: 'a', version: 'b', platform: 'c' }) },
      recordingLog(),
    );
    expect(channels).toEqual(['tiger:call:appInfo']);
  });
});
