import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { hashPassword, parseXmppSimple } from '../auth';
import { callerOrganization } from '../addresses';
import type { SandboxContext } from '../context';
import { userEntity } from '../entities';
import { badRequest, forbidden, notFound, unauthorized } from '../errors';
import { describeOrganization } from '../organizations';
import type { AccountRow } from '../store/accounts';
import { optionalBoolean, optionalString, requiredString } from '../fields';
import { personAvatarPng } from '../person-avatar';
import { changeSettings, personAvatarPath } from '../profile';
import type { SettingsChange } from '../profile';
import { authenticate, checkPassword, closeSession, findAccountByUserId, openSession } from '../sessions';
import { param, singleFile, withInput } from './route-input';

const shortestPassword = 8;

/** Only the person themself may change their settings or password. */
function requireOwnToken(token: string, caller: string, what: string): void {
  if (token !== caller) throw forbidden(`only the user themself may change their ${what}`);
}

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
    if (account.avatar_type !== null) {
      return reply.header('content-type', account.avatar_type).send(createReadStream(personAvatarPath(ctx.paths, account.token)));
    }
    return reply.header('content-type', 'image/png').send(personAvatarPng(account.token));
  });

  app.post('/v2/user/:token/settings', async (request, reply) => {
    const caller = authenticate(ctx, request);
    requireOwnToken(param(request, 'token'), caller.account.token, 'settings');
    const updated = await withInput(ctx, request, (input) => {
      const change: SettingsChange = {};
      for (const field of ['first_name', 'last_name', 'display_name', 'status', 'dnd_text'] as const) {
        const value = optionalString(input.fields, field);
        if (value !== undefined) change[field] = value;
      }
      const dnd = optionalBoolean(input.fields, 'dnd');
      if (dnd !== undefined) change.dnd = dnd;
      const file = singleFile(input, 'avatar');
      // An empty field removes the picture: an empty text field, JSON null, or a file of no bytes.
      if (file !== undefined) change.avatar = file.size === 0 ? null : file;
      else if (input.fields.avatar === '' || input.fields.avatar === null) change.avatar = null;
      else if (input.fields.avatar !== undefined) throw badRequest('field "avatar" must be a file, or empty to remove the picture');
      return changeSettings(ctx, caller.account, change);
    });
    return reply.send({ reply: userEntity(updated, ctx.baseUrl()) });
  });

  // Signed by the current password rather than a key/secret pair (API.md, "Own profile and DND").
  app.post('/v2/user/:token/password', async (request, reply) => {
    const credentials = parseXmppSimple(request.headers.authorization);
    const account = findAccountByUserId(ctx, credentials.userId);
    if (!checkPassword(account, credentials.password)) throw unauthorized('wrong user id or current password');
    requireOwnToken(param(request, 'token'), account.token, 'password');
    await withInput(ctx, request, ({ fields }) => {
      const password = requiredString(fields, 'password');
      if (password.length < shortestPassword) throw badRequest(`field "password" must be at least ${shortestPassword} characters`);
      ctx.accounts.setPasswordHash(account.token, hashPassword(password));
    });
    return reply.status(204).send();
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
