// The roster's page, as main checks it before anything runs: a bad cursor or limit is refused
// as invalid-call, and the handler is never reached.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { contract, largestRosterPage } from '../../preload/contract';
import { answerCall } from '../../main/window-api/answer-call';

const pageSchema = contract.calls.roster.input;
const cursor = { lastActivity: 1_767_600_000_000, id: 'user-bob' };

describe('the roster page schema', () => {
  it.each([
    ['no page: the whole roster', undefined],
    ['a first page', { limit: 100 }],
    ['a page after a cursor', { after: cursor, limit: largestRosterPage }],
    ['a page after a conversation never active', { after: { lastActivity: 0, id: 'g-1' }, limit: 1 }],
  ])('takes %s', (_, page) => {
    expect(v.safeParse(pageSchema, page).issues ?? []).toEqual([]);
  });

  it.each([
    ['a limit of 0', { limit: 0 }],
    ['a limit over the largest page', { limit: largestRosterPage + 1 }],
    ['a limit that is not whole', { limit: 2.5 }],
    ['a limit as text', { limit: '100' }],
    ['no limit', { after: cursor }],
    ['a key it does not know', { limit: 10, extra: true }],
    ['a cursor without its id', { after: { lastActivity: 5 }, limit: 10 }],
    ['a cursor with an empty id', { after: { lastActivity: 5, id: '' }, limit: 10 }],
    ['a cursor with a negative time', { after: { lastActivity: -1, id: 'a' }, limit: 10 }],
    ['a cursor with a time not whole', { after: { lastActivity: 1.5, id: 'a' }, limit: 10 }],
    ['a cursor with a key it does not know', { after: { ...cursor, offset: 3 }, limit: 10 }],
    ['a cursor that is text', { after: 'user-bob', limit: 10 }],
    ['null', null],
    ['a list', [{ limit: 10 }]],
  ])('refuses %s as invalid-call, before the handler runs', async (_, page) => {
    let ran = false;
    const reply = await answerCall('roster', page, () => ((ran = true), { conversations: [], next: null }), { warn: () => {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-call' } });
    expect(ran).toBe(false);
  });
});
