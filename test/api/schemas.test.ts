import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { parseWith } from '../../main/core/api/reply-validation';
import { groupSchema, messageSchema, messageStatusReportSchema, rosterSchema } from '../../main/core/api/schemas';

const minimal = { sender: 'u-1', recipient: 'u-2', created_time: '2026-11-26T06:00:00.000Z' };

describe('reply schemas', () => {
  it('read client_id as the message id and fill the defaults a message may omit', () => {
    expect(parseWith(messageSchema, { ...minimal, client_id: 'm-9' }, 'test')).toEqual({
      message_id: 'm-9',
      sender_token: 'u-1',
      recipient_token: 'u-2',
      created_time: '2026-11-26T06:00:00.000Z',
      body: '',
      dor: false,
      priority: 0,
      attachments: [],
      data: [],
      is_recalled: false,
    });
  });

  it('prefer sender_token and recipient_token over sender and recipient', () => {
    const message = parseWith(
      messageSchema,
      { ...minimal, message_id: 'm-1', sender_token: 'u-7', recipient_token: 'g-3' },
      'test',
    );
    expect(message.sender_token).toBe('u-7');
    expect(message.recipient_token).toBe('g-3');
  });

  it('accept form-style values: strings for booleans and numbers, data as JSON text, lower-case statuses', () => {
    const message = parseWith(
      messageSchema,
      {
        ...minimal,
        message_id: 42,
        ttl: '60',
        dor: 'true',
        priority: '-1',
        status: 'read',
        is_recalled: 1,
        attachments: [{ attachment_id: 1, content_type: 'text/plain', size: '12' }],
        data: '[{"namespace":"n","mimetype":"text/plain","payload":"p"}]',
      },
      'test',
    );
    expect(message).toMatchObject({
      message_id: '42',
      ttl: 60,
      dor: true,
      priority: -1,
      status: 'Read',
      is_recalled: true,
      attachments: [{ attachment_id: '1', content_type: 'text/plain', size: 12 }],
      data: [{ namespace: 'n', mimetype: 'text/plain', payload: 'p' }],
    });
  });

  it('refuse a priority outside -1, 0, 1 and a status outside New, Delivered, Read', () => {
    expect(() => parseWith(messageSchema, { ...minimal, message_id: 'm', priority: 2 }, 'getMessage')).toThrow(
      'getMessage: bad-response: reply.priority: expected (-1 | 0 | 1), got number',
    );
    for (const status of ['Recalled', 'constructor']) {
      expect(() => parseWith(messageSchema, { ...minimal, message_id: 'm', status }, 'getMessage')).toThrow(
        'getMessage: bad-response: reply.status: must be New, Delivered or Read',
      );
    }
  });

  it('refuse data text that is not JSON, naming the field', () => {
    const error = (() => {
      try {
        parseWith(messageSchema, { ...minimal, message_id: 'm', data: 'not json' }, 'getMessage');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('getMessage: bad-response: reply.data: must be JSON text of a data array');
  });

  it('refuse an empty token', () => {
    expect(() => parseWith(groupSchema, { token: '', name: 'x' }, 'getGroup')).toThrow(
      'getGroup: bad-response: reply.token: must be a non-empty token',
    );
  });

  it('read member lists given as an array or as a comma-separated string alike', () => {
    expect(parseWith(groupSchema, { token: 'g', name: 'n', members: ['a', 'b'] }, 'test').members).toEqual(['a', 'b']);
    expect(parseWith(groupSchema, { token: 'g', name: 'n', members: 'a, b,,c ' }, 'test').members).toEqual(['a', 'b', 'c']);
    expect(parseWith(groupSchema, { token: 'g', name: 'n' }, 'test').members).toEqual([]);
  });

  it('read a status report with nothing in it as not recalled and no statuses', () => {
    expect(parseWith(messageStatusReportSchema, {}, 'test')).toEqual({ is_recalled: false, statuses: [] });
  });

  it('refuse a wrapped roster entry without a token, naming its place', () => {
    expect(() => parseWith(rosterSchema, [{ 'tigertext:entity:group': { name: 'ICU' } }], 'getRoster')).toThrow(
      'getRoster: bad-response: reply.0.token: missing',
    );
  });
});
