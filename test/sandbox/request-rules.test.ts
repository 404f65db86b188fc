import { describe, expect, it } from 'vitest';
import { parseBasic, parseXmppSimple } from '../../sandbox/auth';
import { HttpError } from '../../sandbox/errors';
import { optionalBoolean, optionalInteger, optionalList } from '../../sandbox/fields';
import { frame } from '../../sandbox/hub';
import { parseUrlEncoded } from '../../sandbox/input';
import { effectiveTtl } from '../../sandbox/messaging';

const organization = { token: 'org', name: 'Org', max_ttl: 1440, default_ttl: 60 };

function statusOf(work: () => unknown): number | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof HttpError) return error.status;
    throw error;
  }
  return undefined;
}

describe('request rules', () => {
  it('reads XMPP-Simple credentials whose password holds colons', () => {
    const header = `XMPP-Simple ${Buffer.from('product:alex@example.test:pa:ss:word').toString('base64')}`;
    expect(parseXmppSimple(header)).toEqual({ productKey: 'product', userId: 'alex@example.test', password: 'pa:ss:word' });
    expect(statusOf(() => parseXmppSimple(`Basic ${Buffer.from('a:b').toString('base64')}`))).toBe(401);
    expect(statusOf(() => parseBasic(`Basic ${Buffer.from('no-colon').toString('base64')}`))).toBe(401);
  });

  it('applies the organization default ttl and caps "never" and long ttls at its maximum', () => {
    expect(effectiveTtl(undefined, organization)).toBe(60);
    expect(effectiveTtl(-1, organization)).toBe(1440);
    expect(effectiveTtl(100_000, organization)).toBe(1440);
    expect(effectiveTtl(-1, { ...organization, max_ttl: null })).toBe(-1);
    expect(statusOf(() => effectiveTtl(-5, organization))).toBe(400);
  });

  it('reads form spellings of booleans, integers and lists', () => {
    expect(optionalBoolean({ dor: '1' }, 'dor')).toBe(true);
    expect(optionalBoolean({ dor: 'false' }, 'dor')).toBe(false);
    expect(optionalInteger({ ttl: ' -1 ' }, 'ttl')).toBe(-1);
    expect(statusOf(() => optionalInteger({ ttl: 1.5 }, 'ttl'))).toBe(400);
    expect(optionalList({ members: 'a, b,,c' }, 'members')).toEqual(['a', 'b', 'c']);
    expect(optionalList({ members: ['a', ' b '] }, 'members')).toEqual(['a', 'b']);
  });

  it('turns repeated urlencoded keys into arrays', () => {
    expect(parseUrlEncoded('members=a&members=b&name=Night+shift')).toEqual({ members: ['a', 'b'], name: 'Night shift' });
  });

  it('frames an event as one unnamed SSE message', () => {
    expect(frame('id-1', 'message', '{"body":"x"}')).toBe(
      'data: {"event_id":"id-1","event":{"tigertext:iq:message":{"body":"x"}}}\n\n',
    );
  });
});
