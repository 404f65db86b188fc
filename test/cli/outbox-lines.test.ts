import { describe, expect, it } from 'vitest';
import { userText } from '../../i18n/user-text';
import { outboxJobLine } from '../../main/cli/human-output';
import type { OutboxJobView } from '../../main/core/outbox';

const at = Date.UTC(2026, 10, 26, 8, 15, 0);

function job(fields: Partial<OutboxJobView>): OutboxJobView {
  return { id: 4, kind: 'send', conversationId: 'user-7', messageId: 11, state: 'pending', attempts: 0, nextAttemptAt: at, createdAt: at, lastError: null, ...fields };
}

describe('the outbox listing', () => {
  it('says how far each job got, with its message text on one line', () => {
    expect(outboxJobLine(job({}), 'Bed 4\nneeds a review')).toBe('4  message to user-7  (queued)  Bed 4 needs a review');
    expect(outboxJobLine(job({ attempts: 2 }), 'x')).toBe('4  message to user-7  (queued, 2 attempts so far, next try after 2026-11-26 08:15:00)  x');
    expect(outboxJobLine(job({ state: 'running', attempts: 1 }), 'x')).toBe('4  message to user-7  (sending, or cut off mid-send)  x');
    expect(outboxJobLine(job({ state: 'failed', lastError: userText('failure.refused-too-large', { status: 413 }) }), 'x'))
      .toBe('4  message to user-7  (failed: The server refused it as too large (HTTP 413))  x');
    expect(outboxJobLine(job({ kind: 'remove-members', conversationId: 'group-2', messageId: null }), null)).toBe('4  remove members from group-2  (queued)');
  });

  it('cleans control characters from the text, so a message cannot drive the terminal', () => {
    expect(outboxJobLine(job({}), 'ok\u001b[2Jgone')).toBe('4  message to user-7  (queued)  ok\ufffd[2Jgone');
  });
});
