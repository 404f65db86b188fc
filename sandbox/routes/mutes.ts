/**
 * Mutes, as API.md's "Beyond the seed" describes them: a person mutes another person, a group or
 * a whole organization for a number of minutes; `GET /mute` lists what still runs. Each change
 * is told to the person's other devices by a `conversation_mute` event (the calling device has
 * the reply). The sandbox sends no pushes, so a mute changes nothing else here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerMembership, requireOrganization } from '../addresses';
import type { SandboxContext } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { optionalString, requiredString } from '../fields';
import type { Caller } from '../sessions';
import { authenticate, findAccountByUserId } from '../sessions';
import type { MuteKey } from '../store/mutes';
import { param, withInput } from './route-input';

/** A year, the service's longest mute. */
const LONGEST_MUTE_MINUTES = 525_600;

/** Whole minutes, 1 to a year; the service takes a string of digits, and a JSON number is read the same. */
function durationOf(fields: Record<string, unknown>): number {
  const value = fields['duration'];
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^\d+$/.test(text.trim())) {
    throw badRequest('field "duration" is required: whole minutes, 1 to 525600');
  }
  const minutes = Number(text.trim());
  if (minutes < 1 || minutes > LONGEST_MUTE_MINUTES) throw badRequest(`field "duration" must be 1 to ${LONGEST_MUTE_MINUTES} minutes; it was ${minutes}`);
  return minutes;
}

/** The organization the caller mutes in: given, or their own; never one they are not in. */
function receiverOrganization(ctx: SandboxContext, caller: Caller, given: string | undefined): string {
  const token = given === undefined || given.trim() === '' ? undefined : given.trim();
  return callerMembership(ctx, caller.account, token, 'receiver_organization').token;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function personKey(ctx: SandboxContext, caller: Caller, senderAddress: string, senderOrganization: string | undefined, receiver: string | undefined): MuteKey {
  const sender = findAccountByUserId(ctx, senderAddress);
  if (sender === undefined) throw notFound(`unknown user: ${senderAddress}`);
  if (sender.token === caller.account.token) throw badRequest('you cannot mute yourself');
  if (senderOrganization !== undefined) requireOrganization(ctx, senderOrganization, 'sender_organization');
  return { sender_type: 'account', sender_token: sender.token, organization_id: receiverOrganization(ctx, caller, receiver) };
}

function groupKey(ctx: SandboxContext, caller: Caller, token: string, receiver: string | undefined): MuteKey {
  const group = ctx.groups.get(token);
  if (group === undefined || group.deleted === 1) throw notFound(`unknown group: ${token}`);
  if (!ctx.groups.isMember(group.token, caller.account.token)) throw forbidden(`you are not a member of group ${group.token}`);
  return { sender_type: 'group', sender_token: group.token, organization_id: receiverOrganization(ctx, caller, receiver) };
}

function organizationKey(ctx: SandboxContext, caller: Caller, token: string): MuteKey {
  const organization = callerMembership(ctx, caller.account, token, 'organization');
  return { sender_type: 'organization', sender_token: organization.token, organization_id: organization.token };
}

/** `conversation_mute` to every other device of the caller, stored for replay like any event. */
function tellOtherDevices(ctx: SandboxContext, caller: Caller, payload: Record<string, unknown>): void {
  for (const key of ctx.accounts.sessionKeysOf(caller.account.token)) {
    if (key !== caller.session.key) ctx.fanout.deliverToKey(key, 'conversation_mute', payload);
  }
}

export function registerMuteRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const nowSeconds = () => Math.floor(ctx.now() / 1000);

  const mute = (caller: Caller, key: MuteKey, minutes: number) =>
    ctx.fanout.write(() => {
      const row = ctx.mutes.mute(caller.account.token, key, minutes, nowSeconds());
      tellOtherDevices(ctx, caller, { action: 'add', ...row });
      return row;
    });

  const unmute = (caller: Caller, key: MuteKey) =>
    ctx.fanout.write(() => {
      if (ctx.mutes.unmute(caller.account.token, key)) tellOtherDevices(ctx, caller, { action: 'del', ...key });
    });

  app.get('/v2/mute', (request, reply) => {
    const caller = authenticate(ctx, request);
    return reply.send({ reply: ctx.mutes.list(caller.account.token, nowSeconds()) });
  });

  app.delete('/v2/mute', (request, reply) => {
    const caller = authenticate(ctx, request);
    ctx.fanout.write(() => {
      if (ctx.mutes.unmuteAll(caller.account.token) > 0) tellOtherDevices(ctx, caller, { action: 'clear' });
    });
    return reply.status(204).send();
  });

  app.post('/v2/mute/p2p', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const row = await withInput(ctx, request, ({ fields }) => {
      const key = personKey(ctx, caller, requiredString(fields, 'sender_token'), optionalString(fields, 'sender_organization'), optionalString(fields, 'receiver_organization'));
      return mute(caller, key, durationOf(fields));
    });
    return reply.send({ reply: row });
  });

  app.delete('/v2/mute/p2p', (request, reply) => {
    const caller = authenticate(ctx, request);
    const sender = header(request, 'TT-X-Sender-Token');
    if (sender === undefined) throw badRequest('header "TT-X-Sender-Token" is required');
    unmute(caller, personKey(ctx, caller, sender, header(request, 'TT-X-Sender-Organization'), header(request, 'TT-X-Receiver-Organization')));
    return reply.status(204).send();
  });

  app.post('/v2/mute/group/:token', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const row = await withInput(ctx, request, ({ fields }) =>
      mute(caller, groupKey(ctx, caller, param(request, 'token'), optionalString(fields, 'receiver_organization')), durationOf(fields)),
    );
    return reply.send({ reply: row });
  });

  app.delete('/v2/mute/group/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    unmute(caller, groupKey(ctx, caller, param(request, 'token'), header(request, 'TT-X-Receiver-Organization')));
    return reply.status(204).send();
  });

  app.post('/v2/mute/organization/:org', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const row = await withInput(ctx, request, ({ fields }) => mute(caller, organizationKey(ctx, caller, param(request, 'org')), durationOf(fields)));
    return reply.send({ reply: row });
  });

  app.delete('/v2/mute/organization/:org', (request, reply) => {
    const caller = authenticate(ctx, request);
    unmute(caller, organizationKey(ctx, caller, param(request, 'org')));
    return reply.status(204).send();
  });
}
