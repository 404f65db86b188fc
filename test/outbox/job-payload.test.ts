import { describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import type { UserText } from '../../i18n/user-text';
import { readOperation } from '../../main/core/outbox/job-payload';


/** A verdict, job or message with its reason worded in English (as the CLI prints it), to match the sentence. */
function inEnglish<T extends object>(held: T | undefined): Record<string, unknown> | undefined {
  if (held === undefined) return undefined;
  const worded = (value: unknown) => (value !== null && typeof value === 'object' ? englishText(value as UserText) : value);
  return Object.fromEntries(Object.entries(held).map(([name, value]) => [name, ['reason', 'lastError', 'failureReason'].includes(name) ? worded(value) : value]));
}
describe('reading a stored job back', () => {
  it('gives the validated operation', () => {
    expect(inEnglish(readOperation('send', '{"recipient":"u1","ttl":60}'))).toEqual({
      ok: true, operation: { kind: 'send', payload: { recipient: 'u1', ttl: 60 } },
    });
    expect(inEnglish(readOperation('add-members', '{"group":"g","members":["a","b"]}'))).toMatchObject({ ok: true });
  });

  it('keeps the server copies a recall already reached, and refuses a damaged list of them', () => {
    expect(inEnglish(readOperation('recall', '{"messageId":7,"recalled":["t1"]}'))).toEqual({
      ok: true, operation: { kind: 'recall', payload: { messageId: 7, recalled: ['t1'] } },
    });
    expect(inEnglish(readOperation('recall', '{"messageId":7}'))).toEqual({ ok: true, operation: { kind: 'recall', payload: { messageId: 7 } } });
    expect(inEnglish(readOperation('recall', '{"messageId":7,"recalled":[""]}'))).toEqual({ ok: false, reason: 'The stored recall job is damaged at recalled.0' });
  });

  it('refuses an unknown kind, bad JSON and a payload of the wrong shape, naming the field', () => {
    expect(inEnglish(readOperation('launch', '{}'))).toEqual({ ok: false, reason: 'Unknown outbox job kind "launch"' });
    expect(inEnglish(readOperation('send', '{"recipient":'))).toEqual({ ok: false, reason: 'The stored send job is not valid JSON' });
    expect(inEnglish(readOperation('send', '{"recipient":""}'))).toEqual({ ok: false, reason: 'The stored send job is damaged at recipient' });
    expect(inEnglish(readOperation('remove-members', '{"group":"g","members":[]}'))).toEqual({
      ok: false, reason: 'The stored remove-members job is damaged at members',
    });
  });
});
