import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { callerOrganization } from '../addresses';
import { attachmentPath } from '../attachments';
import type { SandboxContext } from '../context';
import { isoTime, messagePayload } from '../entities';
import { badRequest, notFound } from '../errors';
import { optionalBoolean, optionalInteger, optionalJson, optionalList, optionalString } from '../fields';
import { statusFor } from '../history';
import { requestIdOf, sendOnce } from '../idempotent-sends';
import type { SendReceipt } from '../idempotent-sends';
import {
  checkData,
  forwardMessage,
  recallMessage,
  sendMessage,
  updateStatuses,
  visibleMessage,
} from '../messaging';
import { authenticate } from '../sessions';
import { STATUS_NAMES } from '../store/messages';
import { notifyTyping } from '../typing';
import { param, singleFile, withInput } from './route-input';

/** `recipient`, or the spec's `recipient_token` for the same thing. */
function recipientOf(fields: Record<string, unknown>): string {
  const recipient = optionalString(fields, 'recipient') ?? optionalString(fields, 'recipient_token');
  if (recipient === undefined || recipient.trim() === '') throw badRequest('field "recipient" is required');
  return recipient.trim();
}

/** 204 for a message stored now; 304 for a repeat of a request that stored it before. */
function sent(reply: FastifyReply, receipt: SendReceipt): FastifyReply {
  return reply
    .status(receipt.repeated ? 304 : 204)
    .header('TT-X-Message-Id', receipt.token)
    .header('TT-X-Msg-Ttl', String(receipt.ttl))
    .send();
}

export function registerMessageRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/v2/message', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const receipt = await withInput(ctx, request, (input) => {
      const requestId = requestIdOf(ctx, request);
      const { fields } = input;
      const attachment = singleFile(input, 'attachment');
      const body = optionalString(fields, 'body');
      if (body === undefined && attachment === undefined) throw badRequest('field "body" is required');
      return sendOnce(ctx, caller.account, requestId, () => sendMessage(ctx, caller.account, {
        recipient: recipientOf(fields),
        body: body ?? '',
        ttl: optionalInteger(fields, 'ttl'),
        dor: optionalBoolean(fields, 'dor'),
        priority: optionalInteger(fields, 'priority'),
        senderOrganization: optionalString(fields, 'sender_organization'),
        recipientOrganization: optionalString(fields, 'recipient_organization'),
        data: checkData(optionalJson(fields, 'data')),
        attachment,
      }));
    });
    return sent(reply, receipt);
  });

  const updateStatus = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = authenticate(ctx, request);
    await withInput(ctx, request, ({ fields }) => {
      const delivered = optionalList(fields, 'delivered') ?? [];
      const read = optionalList(fields, 'read') ?? [];
      if (delivered.length + read.length === 0) throw badRequest('fields "delivered" and "read" are both empty');
      updateStatuses(ctx, caller.account, delivered, read);
    });
    return reply.status(204).send();
  };
  app.put('/v2/message/status', updateStatus);
  app.post('/v2/message/status', updateStatus);

  const startTyping = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = authenticate(ctx, request);
    await withInput(ctx, request, ({ fields }) => {
      const organization = callerOrganization(ctx, request, fields, caller.account);
      notifyTyping(ctx, caller.account, recipientOf(fields), true, organization);
    });
    return reply.status(204).send();
  };
  app.get('/v2/message/typing', startTyping);
  app.post('/v2/message/typing', startTyping);

  app.delete('/v2/message/typing/:address', (request, reply) => {
    const caller = authenticate(ctx, request);
    const organization = callerOrganization(ctx, request, {}, caller.account);
    notifyTyping(ctx, caller.account, param(request, 'address'), false, organization);
    return reply.status(204).send();
  });

  app.get('/v2/message/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    const message = visibleMessage(ctx, param(request, 'token'), caller.account.token);
    return reply.send({ reply: messagePayload(message, statusFor(ctx, message, caller.account.token)) });
  });

  app.delete('/v2/message/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    const message = recallMessage(ctx, caller.account, param(request, 'token'));
    return reply.send({ reply: { message_id: message.token, is_recalled: true } });
  });

  app.post('/v2/message/:token/forward', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const receipt = await withInput(ctx, request, ({ fields }) => {
      const requestId = requestIdOf(ctx, request);
      return sendOnce(ctx, caller.account, requestId, () =>
        forwardMessage(ctx, caller.account, param(request, 'token'), {
          recipient: recipientOf(fields),
          senderOrganization: optionalString(fields, 'sender_organization'),
          recipientOrganization: optionalString(fields, 'recipient_organization'),
        }),
      );
    });
    return sent(reply, receipt);
  });

  app.get('/v2/message/:token/status', (request, reply) => {
    const caller = authenticate(ctx, request);
    const message = visibleMessage(ctx, param(request, 'token'), caller.account.token);
    const statuses = ctx.messages.statuses(message.token).map((row) => ({
      account_id: row.account_token,
      status: STATUS_NAMES[row.status],
      timestamp: isoTime(row.timestamp),
    }));
    return reply.send({ reply: { is_recalled: message.is_recalled === 1, statuses } });
  });

  app.get('/v2/message/:token/attachment/1', (request, reply) => {
    const caller = authenticate(ctx, request);
    const message = visibleMessage(ctx, param(request, 'token'), caller.account.token);
    if (message.attachment_type === null) throw notFound(`message ${message.token} has no attachment`);
    const name = message.attachment_name ?? 'attachment';
    return reply
      .header('content-type', message.attachment_type)
      .header('content-length', String(message.attachment_size ?? 0))
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(createReadStream(attachmentPath(ctx.paths, message.token)));
  });
}
