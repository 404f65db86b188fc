import type { FastifyInstance } from 'fastify';
import { parseXmppSimple } from '../auth';
import { callerOrganization } from '../addresses';
import type { SandboxContext } from '../context';
import { userEntity } from '../entities';
import { notFound, unauthorized } from '../errors';
import { optionalString, requiredString } from '../fields';
import { personAvatarPng } from '../person-avatar';
import { authenticate, checkPassword, closeSession, findAccountByUserId, openSession } from '../sessions';
import { param, withInput } from './route-input';

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

  app.get('/v2/user/:address', (request, reply) => {
    authenticate(ctx, request);
    const address = param(request, 'address');
    const account = findAccountByUserId(ctx, address);
    if (account === undefined) throw notFound(`unknown user: ${address}`);
    return reply.send({ reply: userEntity(account, ctx.baseUrl()) });
  });

  app.get('/v2/user/:token/avatar', (request, reply) => {
    authenticate(ctx, request);
    const token = param(request, 'token');
    const account = ctx.accounts.byToken(token);
    if (account === undefined) throw notFound(`unknown user: ${token}`);
    return reply.header('content-type', 'image/png').send(personAvatarPng(account.token));
  });

  app.get('/v2/user/:token/organization', (request, reply) => {
    authenticate(ctx, request);
    const token = param(request, 'token');
    const account = findAccountByUserId(ctx, token);
    if (account === undefined) throw notFound(`unknown user: ${token}`);
    const organization = ctx.accounts.organization(account.organization_key)!;
    return reply.send({ reply: [{ token: organization.token, name: organization.name }] });
  });
}
