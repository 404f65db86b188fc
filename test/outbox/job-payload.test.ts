import { describe, expect, it } from 'vitest';
import { readOperation } from '../../main/core/outbox/job-payload';

describe('reading a stored job back', () => {
  it('gives the validated operation', () => {
    expect(readOperation('send', '{"recipient":"u1","ttl":60}')).toEqual({
      ok: true, operation: { kind: 'send', payload: { recipient: 'u1', ttl: 60 } },
    });
    expect(readOperation('add-members', '{"group":"g","members":["a","b"]}')).toMatchObject({ ok: true });
  });

  it('keeps the server copies a recall already reached, and refuses a damaged list of them', () => {
    expect(readOperation('recall', '{"messageId":7,"recalled":["t1"]}')).toEqual({
      ok: true, operation: { kind: 'recall', payload: { messageId: 7, recalled: ['t1'] } },
    });
    expect(readOperation('recall', '{"messageId":7}')).toEqual({ ok: true, operation: { kind: 'recall', payload: { messageId: 7 } } });
    expect(readOperation('recall', '{"messageId":7,"recalled":[""]}')).toEqual({ ok: false, reason: 'The stored recall job is damaged at recalled.0' });
  });

  it('refuses an unknown kind, bad JSON and a payload of the wrong shape, naming the field', () => {
    expect(readOperation('launch', '{}')).toEqual({ ok: false, reason: 'Unknown outbox job kind "launch"' });
    expect(readOperation('send', '{"recipient":')).toEqual({ ok: false, reason: 'The stored send job is not valid JSON' });
    expect(readOperation('send', '{"recipient":""}')).toEqual({ ok: false, reason: 'The stored send job is damaged at recipient' });
    expect(readOperation('remove-members', '{"group":"g","members":[]}')).toEqual({
      ok: false, reason: 'The stored remove-members job is damaged at members',
    });
  });
});
