import type { FastifyInstance } from 'fastify';
import { parseXmppSimple } from '../auth';
import { callerOrganization } from '../addresses';
import type { SandboxContext } from '../context';
import { userEntity } from '../entities';
import { forbidden, notFound, unauthorized } from '../errors';
import { describeOrganization } from '../organizations';
import type { AccountRow } from '../store/accounts';
import { optionalString, requiredString } from '../fields';
import { personAvatarPng } from '../person-avatar';
import { authenticate, checkPassword, closeSession, findAccountByUserId, openSession } from '../sessions';
import { param, withInput } from './route-input';

/** The person a `/user/{token}/organization` path names: the caller only (by any of their addresses). */
function ownAccount(ctx: SandboxContext, caller: AccountRow, address: string): AccountRow {
  const account = findAccountByUserId(ctx, address);
  if (account === undefined) throw notFound(`unknown user: ${address}`);
  if (account.token !== caller.token) throw forbidden("you may read only your own organizations, not another person's");
  return account;
}

export function registerUserRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/v2/login', async (request, reply) => {
    const credentials = parseXmppSimple(request.headers.authorization);
    const result = await withInput(ctx, request, ({ fields }) => {
      const deviceId = requiredString(fields, 'device_id');
      const version = optionalString(fields, 'version') ?? '';
      const account = findAccountByUserId(ctx, credentials.userId);
      if (!checkPassword(account, credentials.password)) throw unauthorized('wrong user id or password');
      const auth = openSession(ctx, account, { deviceId, version });
      return { user: userEntity(account, ctx.baseUrl()), auth };
    });
    return reply.send({ reply: result });
  });

  app.post('/v2/logout', (request, reply) => {
    const { session } = authenticate(ctx, request);
    closeSession(ctx, session.key);
    return reply.status(204).send();
  });

  app.get('/v2/user', (request, reply) => {
    const caller = authenticate(ctx, request);
    callerOrganization(ctx, request, {}, caller.account);
    return reply.send({ reply: userEntity(caller.account, ctx.baseUrl()) });
  });

  /**
   * A person is found wherever they are; the organization the caller names (they must belong
   * to it) is the one the person is shown in when they belong to it too, else their home one.
   */
  app.get('/v2/user/:address', (request, reply) => {
    const caller = authenticate(ctx, request);
    const organization = callerOrganization(ctx, request, {}, caller.account);
    const address = param(request, 'address');
    const account = findAccountByUserId(ctx, address);
    if (account === undefined) throw notFound(`unknown user: ${address}`);
    const shownIn = ctx.accounts.isMember(account.token, organization.token) ? organization.token : account.organization_key;
    return reply.send({ reply: userEntity(account, ctx.baseUrl(), shownIn) });
  });

  app.get('/v2/user/:token/avatar', (request, reply) => {
    authenticate(ctx, request);
    const token = param(request, 'token');
    const account = ctx.accounts.byToken(token);
    if (account === undefined) throw notFound(`unknown user: ${token}`);
    return reply.header('content-type', 'image/png').send(personAvatarPng(account.token));
  });

  app.get('/v2/user/:token/organization', (request, reply) => {
    const caller = authenticate(ctx, request);
    const account = ownAccount(ctx, caller.account, param(request, 'token'));
    const organizations = ctx.accounts.organizationsOf(account.token).map((organization) => describeOrganization(ctx, organization));
    return reply.send({ reply: organizations });
  });

  app.get('/v2/user/:token/organization/:org', (request, reply) => {
    const caller = authenticate(ctx, request);
    const account = ownAccount(ctx, caller.account, param(request, 'token'));
    const token = param(request, 'org');
    const organization = ctx.accounts.organization(token);
    if (organization === undefined) throw notFound(`unknown organization: ${token}`);
    if (!ctx.accounts.isMember(account.token, organization.token)) throw forbidden(`you do not belong to organization ${token}`);
    return reply.send({ reply: describeOrganization(ctx, organization) });
  });
}
