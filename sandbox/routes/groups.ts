import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { callerOrganization } from '../addresses';
import { avatarPath } from '../attachments';
import type { SandboxContext } from '../context';
import { notFound } from '../errors';
import { userEntity } from '../entities';
import { optionalBoolean, optionalList, optionalString, requiredList, requiredString } from '../fields';
import {
  addMembers,
  createGroup,
  deleteGroup,
  describeGroup,
  memberGroup,
  removeMembers,
  updateGroup,
} from '../group-membership';
import { authenticate } from '../sessions';
import { param, singleFile, withInput } from './route-input';

export function registerGroupRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/v2/group', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = await withInput(ctx, request, (input) => {
      const organization = callerOrganization(ctx, request, input.fields, caller.account);
      return createGroup(ctx, caller.account, {
        name: requiredString(input.fields, 'name'),
        members: optionalList(input.fields, 'members') ?? [],
        replayHistory: optionalBoolean(input.fields, 'replay_history') ?? false,
        organizationKey: organization.token,
        avatar: singleFile(input, 'avatar'),
      });
    });
    return reply.header('TT-X-Group-Token', group.token).send({ reply: describeGroup(ctx, group) });
  });

  app.get('/v2/group/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = memberGroup(ctx, param(request, 'token'), caller.account.token);
    return reply.send({ reply: describeGroup(ctx, group) });
  });

  app.post('/v2/group/:token', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = memberGroup(ctx, param(request, 'token'), caller.account.token);
    const updated = await withInput(ctx, request, (input) => {
      const name = optionalString(input.fields, 'name');
      const members = optionalList(input.fields, 'members');
      const replayHistory = optionalBoolean(input.fields, 'replay_history');
      const avatar = singleFile(input, 'avatar');
      return updateGroup(ctx, group, {
        ...(name === undefined ? {} : { name }),
        ...(members === undefined ? {} : { members }),
        ...(replayHistory === undefined ? {} : { replayHistory }),
        ...(avatar === undefined ? {} : { avatar }),
      });
    });
    const entity = describeGroup(ctx, updated);
    if (entity.avatar !== null) void reply.header('TT-X-Group-Avatar', entity.avatar);
    return reply.send({ reply: entity });
  });

  app.get('/v2/group/:token/members', (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = memberGroup(ctx, param(request, 'token'), caller.account.token);
    const members = ctx.groups.members(group.token).flatMap((token) => {
      const account = ctx.accounts.byToken(token);
      return account === undefined ? [] : [userEntity(account, ctx.baseUrl())];
    });
    return reply.send({ reply: members });
  });

  app.get('/v2/group/:token/avatar', (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = memberGroup(ctx, param(request, 'token'), caller.account.token);
    if (group.avatar_type === null) throw notFound(`group ${group.token} has no avatar`);
    return reply.header('content-type', group.avatar_type).send(createReadStream(avatarPath(ctx.paths, group.token)));
  });

  app.delete('/v2/group/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    const token = param(request, 'token');
    deleteGroup(ctx, caller.account, token);
    return reply.send({ reply: { token, deleted: true } });
  });

  app.post('/v2/group/:token/members', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = memberGroup(ctx, param(request, 'token'), caller.account.token);
    await withInput(ctx, request, ({ fields }) => addMembers(ctx, caller.account, group, requiredList(fields, 'members')));
    return reply.send({ reply: describeGroup(ctx, group) });
  });

  app.post('/v2/group/:token/members/remove', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const group = memberGroup(ctx, param(request, 'token'), caller.account.token);
    await withInput(ctx, request, ({ fields }) =>
      removeMembers(ctx, caller.account, group, requiredList(fields, 'members')),
    );
    return reply.send({ reply: describeGroup(ctx, group) });
  });
}
