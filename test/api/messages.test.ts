import { describe, expect, it } from 'vitest';
import { ApiError } from '../../main/core/api';
import { authorizationHeader, expectOneRequest, formBody, jsonBody, reply, useHarness } from './fixture';

/** The fields of a message that the client keeps as the server names them. */
const keptAsSent = {
  message_id: 'm-1',
  group_token: 'g-1',
  sender_organization: 'org-1',
  recipient_organization: 'org-1',
  body: 'Bed 4 needs review',
  created_time: '2026-11-26T06:00:00.123Z',
  ttl: 1440,
  dor: false,
  priority: 1,
  status: 'Delivered',
  attachment_name: 'scan.png',
  data: [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'c-42' }],
  is_recalled: false,
  original_sender: 'u-9',
  original_timestamp: '2026-11-25T06:00:00.000Z',
};
const wireMessage = {
  ...keptAsSent,
  sender: 'u-1',
  recipient: 'g-1',
  attachments: [{ attachment_id: '1', 'content-type': 'image/png', size: 2048 }],
};

const statusReport = {
  is_recalled: false,
  statuses: [
    { account_id: 'u-2', status: 'Read', timestamp: '2026-11-26T06:01:00.000Z' },
    { account_id: 'u-3', status: 'New', timestamp: '2026-11-26T06:00:00.000Z' },
  ],
};

describe('message operations', () => {
  const h = useHarness();

  it('sendMessage posts JSON to /v2/message/ and reads the token and TTL from the 204 headers', async () => {
    h.server.respond({ status: 204, headers: { 'TT-X-Message-Id': 'm-new', 'TT-X-Msg-Ttl': '60' } });
    const result = await h.client.sendMessage({
      recipient: 'u-2',
      body: 'Patient in room 12 is stable',
      ttl: 120,
      dor: true,
      priority: -1,
      senderOrganization: 'org-1',
      recipientOrganization: 'org-2',
      data: [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'c-1' }],
    });
    const request = expectOneRequest(h.server, 'POST', '/v2/message/');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['tt-x-organization-key']).toBeUndefined();
    expect(jsonBody(request)).toEqual({
      recipient: 'u-2',
      body: 'Patient in room 12 is stable',
      ttl: 120,
      dor: true,
      priority: -1,
      sender_organization: 'org-1',
      recipient_organization: 'org-2',
      data: [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'c-1' }],
    });
    expect(result).toEqual({ messageId: 'm-new', ttl: 60 });
  });

  it('sendMessage sends only the fields given, and a reply without TT-X-Msg-Ttl has no ttl', async () => {
    h.server.respond({ status: 204, headers: { 'TT-X-Message-Id': 'm-2' } });
    const result = await h.client.sendMessage({ recipient: 'u-2', body: 'hi', senderOrganization: 'org-1' });
    expect(jsonBody(h.server.only())).toEqual({ recipient: 'u-2', body: 'hi', sender_organization: 'org-1' });
    expect(result).toEqual({ messageId: 'm-2' });
  });

  it('sendMessage with an attachment sends multipart with the file in field "attachment"', async () => {
    h.server.respond({ status: 204, headers: { 'TT-X-Message-Id': 'm-3', 'TT-X-Msg-Ttl': '-1' } });
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const result = await h.client.sendMessage({
      recipient: 'u-2',
      body: 'see scan',
      dor: false,
      ttl: -1,
      senderOrganization: 'org-1',
      data: [{ namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'c-3' }],
      attachment: { name: 'scan.png', contentType: 'image/png', bytes },
    });
    const request = expectOneRequest(h.server, 'POST', '/v2/message/');
    expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const form = await formBody(request);
    expect(form.get('recipient')).toBe('u-2');
    expect(form.get('body')).toBe('see scan');
    expect(form.get('dor')).toBe('false');
    expect(form.get('ttl')).toBe('-1');
    expect(form.get('sender_organization')).toBe('org-1');
    expect(form.has('recipient_organization')).toBe(false);
    expect(form.has('priority')).toBe(false);
    expect(JSON.parse(form.get('data') as string)).toEqual([
      { namespace: 'tigerdesk:client-id', mimetype: 'text/plain', payload: 'c-3' },
    ]);
    const file = form.get('attachment') as File;
    expect(file.name).toBe('scan.png');
    expect(file.type).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(result).toEqual({ messageId: 'm-3', ttl: -1 });
  });

  it('sendMessage keeps the message id when the TTL header is unreadable, since the message was sent', async () => {
    h.server.respond({ status: 204, headers: { 'TT-X-Message-Id': 'm-4', 'TT-X-Msg-Ttl': 'soon' } });
    await expect(h.client.sendMessage({ recipient: 'u-2', body: 'x', senderOrganization: 'o' })).resolves.toEqual({
      messageId: 'm-4',
    });
  });

  it('getMessage sends GET /v2/message/{token}/ and normalises the message', async () => {
    h.server.respond(reply(wireMessage));
    const result = await h.client.getMessage('m-1');
    expectOneRequest(h.server, 'GET', '/v2/message/m-1/');
    expect(result).toEqual({
      ...keptAsSent,
      sender_token: 'u-1',
      recipient_token: 'g-1',
      attachments: [{ attachment_id: '1', content_type: 'image/png', size: 2048 }],
    });
  });

  it('recallMessage sends DELETE /v2/message/{token}/', async () => {
    h.server.respond(reply({}));
    await expect(h.client.recallMessage('m-1')).resolves.toBeUndefined();
    const request = expectOneRequest(h.server, 'DELETE', '/v2/message/m-1/');
    expect(request.body.length).toBe(0);
  });

  it('forwardMessage posts the recipient and organizations to /v2/message/{token}/forward/', async () => {
    h.server.respond({ status: 204 });
    await h.client.forwardMessage('m-1', { recipient: 'g-7', senderOrganization: 'org-1', recipientOrganization: 'org-3' });
    const request = expectOneRequest(h.server, 'POST', '/v2/message/m-1/forward/');
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ recipient: 'g-7', sender_organization: 'org-1', recipient_organization: 'org-3' });
  });

  it('sendMessage sends its requestId as Request-ID, and none without one', async () => {
    h.server.respond({ status: 204, headers: { 'TT-X-Message-Id': 'm-4' } });
    await h.client.sendMessage({ recipient: 'u-2', body: 'once', senderOrganization: 'org-1', requestId: 'c-77' });
    await h.client.sendMessage({ recipient: 'u-2', body: 'no id', senderOrganization: 'org-1' });
    expect(h.server.requests.map((request) => request.headers['request-id'])).toEqual(['c-77', undefined]);
    expect(jsonBody(h.server.requests[0]!)).toEqual({ recipient: 'u-2', body: 'once', sender_organization: 'org-1' });
  });

  it('sendMessage takes a 304 naming the message as already sent, with its token and TTL', async () => {
    h.server.respond({ status: 304, headers: { 'TT-X-Message-Id': 'm-first', 'TT-X-Msg-Ttl': '60' } });
    const result = await h.client.sendMessage({ recipient: 'u-2', body: 'again', senderOrganization: 'org-1', requestId: 'c-77' });
    expect(result).toEqual({ messageId: 'm-first', ttl: 60, alreadySent: true });
    h.server.respond({ status: 304, headers: { 'TT-X-Message-Id': 'm-first' } });
    expect(await h.client.sendMessage({ recipient: 'u-2', body: 'again', senderOrganization: 'org-1', requestId: 'c-77' }))
      .toEqual({ messageId: 'm-first', alreadySent: true });
  });

  it('sendMessage refuses a 304 that names no message, or that answers a send without a Request-ID', async () => {
    h.server.respond({ status: 304 });
    const unnamed = await h.client.sendMessage({ recipient: 'u-2', body: 'x', senderOrganization: 'org-1', requestId: 'c-1' }).catch((error: unknown) => error);
    expect(unnamed).toBeInstanceOf(ApiError);
    expect(unnamed).toMatchObject({ kind: 'http', status: 304 });
    h.server.respond({ status: 304, headers: { 'TT-X-Message-Id': 'm-first' } });
    const unasked = await h.client.sendMessage({ recipient: 'u-2', body: 'x', senderOrganization: 'org-1' }).catch((error: unknown) => error);
    expect(unasked).toBeInstanceOf(ApiError);
    expect(unasked).toMatchObject({ kind: 'http', status: 304 });
  });

  it('sendMessage and forwardMessage refuse an empty requestId before sending anything', async () => {
    await expect(h.client.sendMessage({ recipient: 'u-2', body: 'x', senderOrganization: 'org-1', requestId: '' }))
      .rejects.toThrow('sendMessage: requestId must be a non-empty string');
    await expect(h.client.forwardMessage('m-1', { recipient: 'u-3', requestId: '' }))
      .rejects.toThrow('forwardMessage: requestId must be a non-empty string');
    expect(h.server.requests).toEqual([]);
  });

  it('forwardMessage sends its requestId as Request-ID and takes a 304 naming the copy as done', async () => {
    h.server.respond({ status: 304, headers: { 'TT-X-Message-Id': 'm-copy' } });
    await h.client.forwardMessage('m-1', { recipient: 'u-3', requestId: 'f-9' });
    expect(expectOneRequest(h.server, 'POST', '/v2/message/m-1/forward/').headers['request-id']).toBe('f-9');
    h.server.respond({ status: 304 });
    const unnamed = await h.client.forwardMessage('m-1', { recipient: 'u-3', requestId: 'f-9' }).catch((error: unknown) => error);
    expect(unnamed).toMatchObject({ kind: 'http', status: 304 });
  });

  it('getMessageStatus sends GET /v2/message/{token}/status and returns the statuses', async () => {
    h.server.respond(reply(statusReport));
    const result = await h.client.getMessageStatus('m-1');
    expectOneRequest(h.server, 'GET', '/v2/message/m-1/status');
    expect(result).toEqual(statusReport);
  });

  it('updateMessageStatus sends PUT /v2/message/status/ with the delivered and read lists', async () => {
    h.server.respond({ status: 204 });
    await h.client.updateMessageStatus({ delivered: ['m-1', 'm-2'], read: ['m-3'] });
    const request = expectOneRequest(h.server, 'PUT', '/v2/message/status/');
    expect(request.headers['content-type']).toBe('application/json');
    expect(jsonBody(request)).toEqual({ delivered: ['m-1', 'm-2'], read: ['m-3'] });
  });

  it('updateMessageStatus with no tokens is refused before anything is sent', async () => {
    await expect(h.client.updateMessageStatus({ read: [] })).rejects.toThrow('updateMessageStatus: no message tokens');
    expect(h.server.requests).toHaveLength(0);
  });

  it('getAttachment sends GET /v2/message/{token}/attachment/1/ and returns the raw bytes and type', async () => {
    const file = Buffer.from([0, 1, 2, 3, 250, 251, 252, 253]);
    h.server.respond({ status: 200, headers: { 'content-type': 'application/pdf' }, body: file });
    const result = await h.client.getAttachment('m-1');
    const request = expectOneRequest(h.server, 'GET', '/v2/message/m-1/attachment/1/');
    expect(request.headers['accept']).toBe('*/*');
    expect(result.contentType).toBe('application/pdf');
    expect(Buffer.from(result.bytes)).toEqual(file);
  });

  it('startTyping sends GET /v2/message/typing/ with the recipient in the query', async () => {
    h.server.respond({ status: 204 });
    await h.client.startTyping('ward.nurse@hospital.test');
    const request = h.server.only();
    expect(request.method).toBe('GET');
    expect(request.path).toBe('/v2/message/typing/');
    expect([...request.query]).toEqual([['recipient', 'ward.nurse@hospital.test']]);
    expect(request.headers['authorization']).toBe(authorizationHeader);
  });

  it('stopTyping sends DELETE /v2/message/typing/{address}/', async () => {
    h.server.respond({ status: 204 });
    await h.client.stopTyping('+15551234567');
    expectOneRequest(h.server, 'DELETE', '/v2/message/typing/%2B15551234567/');
  });

  it('a token of ".." is refused, since URL resolution would turn it into another path', async () => {
    await expect(h.client.getMessage('..')).rejects.toThrow('getMessage: token must not be "." or ".."');
    expect(h.server.requests).toHaveLength(0);
  });

  it('a send whose 204 has no TT-X-Message-Id is a bad-response error naming the header', async () => {
    h.server.respond({ status: 204 });
    const error = await h.client.sendMessage({ recipient: 'u-2', body: 'x', senderOrganization: 'o' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'bad-response', operation: 'sendMessage', retryable: false });
    expect((error as ApiError).message).toBe('sendMessage: bad-response: header TT-X-Message-Id: missing');
  });
});
