import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashPassword } from '../auth';
import type { SandboxContext } from '../context';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { requiredString } from '../fields';
import { looksLikeEmail, openSession } from '../sessions';
import { SETTING_NAMES } from '../organization-settings';
import { changeOrganizationSettings, createOrganization, describeOrganization } from '../organizations';
import { param } from './route-input';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function requireLoopback(request: FastifyRequest): void {
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) throw forbidden('the sandbox admin routes answer only on loopback');
}

function objectBody(body: unknown, shape: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`request body must be a JSON object ${shape}`);
  return body as Record<string, unknown>;
}

/** `organizations`: the tokens of the organizations a new account belongs to, its home one first; default the demo organization. */
function organizationsField(ctx: SandboxContext, fields: Record<string, unknown>): string[] {
  const value = fields['organizations'];
  if (value === undefined || value === null) return [ctx.organizationKey];
  if (!Array.isArray(value) || value.length === 0 || !value.every((token) => typeof token === 'string')) {
    throw badRequest('field "organizations" must be a non-empty array of organization tokens');
  }
  const tokens = [...new Set(value.map((token: string) => token.trim()))];
  const unknown = tokens.find((token) => ctx.accounts.organization(token) === undefined);
  if (unknown !== undefined) throw badRequest(`field "organizations": unknown organization ${JSON.stringify(unknown.slice(0, 80))}`);
  return tokens;
}

/**
 * Outside `/v2/`: lets tests (and people trying the app) make a fresh person (in the demo
 * organization unless they name others), already signed in once, instead of sharing the demo
 * accounts' state; make organizations and change their settings.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/sandbox/accounts', (request, reply) => {
    requireLoopback(request);
    const fields = objectBody(request.body, '{display_name, email, password, organizations?}');
    const displayName = requiredString(fields, 'display_name').trim();
    const email = requiredString(fields, 'email').trim().toLowerCase();
    const password = requiredString(fields, 'password');
    if (!looksLikeEmail(email)) throw badRequest(`field "email" is not an email address: ${email}`);
    const [home, ...others] = organizationsField(ctx, fields);
    if (ctx.accounts.byEmail(email) !== undefined) throw conflict(`an account with email ${email} already exists`);
    const [first = '', ...rest] = displayName.split(/\s+/);
    const account = ctx.db.transaction(() => {
      const created = ctx.accounts.create(
        {
          organization_key: home!,
          display_name: displayName,
          first_name: first,
          last_name: rest.join(' '),
          email,
          password_hash: hashPassword(password),
        },
        ctx.now(),
      );
      for (const organization of others) ctx.accounts.addMember(organization, created.token);
      return created;
    })();
    const auth = openSession(ctx, account, { deviceId: 'sandbox-admin', version: 'sandbox' });
    return reply.send({ token: account.token, key: auth.key, secret: auth.secret });
  });

  app.post('/sandbox/organizations', (request, reply) => {
    requireLoopback(request);
    const name = requiredString(objectBody(request.body, '{name}'), 'name').trim();
    return reply.send({ token: createOrganization(ctx, name).token });
  });

  /** Changes an organization's settings (see organization-settings.ts); every member hears `account:settings`. */
  app.post('/sandbox/organizations/:token/settings', (request, reply) => {
    requireLoopback(request);
    const token = param(request, 'token');
    const organization = ctx.accounts.organization(token);
    if (organization === undefined) throw notFound(`unknown organization: ${token}`);
    const fields = objectBody(request.body, `{${SETTING_NAMES.join(', ')}}`);
    changeOrganizationSettings(ctx, organization, fields);
    return reply.send(describeOrganization(ctx, ctx.accounts.organization(token)!));
  });

  /** What an administrator's "wipe this person's devices" does: a stored `remote_wipe` on every key. */
  app.post('/sandbox/accounts/:token/remote-wipe', (request, reply) => {
    requireLoopback(request);
    const token = param(request, 'token');
    const account = ctx.accounts.byToken(token);
    if (account === undefined) throw notFound(`unknown account: ${token}`);
    const keys = ctx.accounts.sessionKeysOf(account.token);
    ctx.fanout.write(() => ctx.fanout.deliver([account.token], 'remote_wipe', { account_id: account.token }));
    return reply.send({ keys: keys.length });
  });
}
