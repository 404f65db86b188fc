import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashPassword } from '../auth';
import type { SandboxContext } from '../context';
import { addHolders, createDistributionList, removeHolders } from '../distribution-lists';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { optionalList, optionalString, requiredList, requiredString } from '../fields';
import { addPersonToRoster, removePersonFromRoster } from '../roster-entries';
import { findAccountByUserId, looksLikeEmail, openSession } from '../sessions';
import type { AccountRow, OrganizationRow } from '../store/accounts';
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

/** `{account, entity, organization?}`: whose roster, which person on it, and in which organization (default the account's home one). */
interface RosterChange {
  account: AccountRow;
  entity: AccountRow;
  organization: OrganizationRow;
}

/** A person named by token (or email, username) in `field`: a 404 naming the field when unknown. */
function personField(ctx: SandboxContext, fields: Record<string, unknown>, field: string): AccountRow {
  const address = requiredString(fields, field);
  const person = findAccountByUserId(ctx, address);
  if (person === undefined) throw notFound(`field "${field}": unknown person ${JSON.stringify(address.slice(0, 80))}`);
  return person;
}

/** An organization named in `field`, or `fallback`: a 404 naming the field when unknown. */
function organizationField(ctx: SandboxContext, fields: Record<string, unknown>, field: string, fallback: string): OrganizationRow {
  const token = optionalString(fields, field)?.trim() || fallback;
  const organization = ctx.accounts.organization(token);
  if (organization === undefined) throw notFound(`field "${field}": unknown organization ${JSON.stringify(token.slice(0, 80))}`);
  return organization;
}

function rosterChange(ctx: SandboxContext, body: unknown): RosterChange {
  const fields = objectBody(body, '{account, entity, organization?}');
  const account = personField(ctx, fields, 'account');
  const entity = personField(ctx, fields, 'entity');
  const organization = organizationField(ctx, fields, 'organization', account.organization_key);
  for (const [field, person] of [['account', account], ['entity', entity]] as const) {
    if (!ctx.accounts.isMember(person.token, organization.token)) {
      throw badRequest(`field "${field}": ${person.token} is not in organization ${organization.token}`);
    }
  }
  if (entity.token === account.token) throw badRequest('field "entity" must be another person than "account"');
  return { account, entity, organization };
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

  /** Puts a person on an account's roster, as an administrator's directory sync would; `friends` `add` when new. */
  app.post('/sandbox/roster', (request, reply) => {
    requireLoopback(request);
    const { account, entity, organization } = rosterChange(ctx, request.body);
    ctx.fanout.write(() => addPersonToRoster(ctx, account.token, organization.token, entity));
    return reply.send({});
  });

  /** Takes a person off an account's roster (their messages stay, unlike `DELETE /v2/roster`); `friends` `del`. */
  app.post('/sandbox/roster/remove', (request, reply) => {
    requireLoopback(request);
    const { account, entity, organization } = rosterChange(ctx, request.body);
    const removed = ctx.fanout.write(() => removePersonFromRoster(ctx, account.token, organization.token, entity));
    if (!removed) throw notFound(`field "entity": ${entity.token} is not on the roster of ${account.token} in organization ${organization.token}`);
    return reply.send({});
  });

  /** Makes a distribution list (see distribution-lists.ts); its holders hear `friends` `add`. */
  app.post('/sandbox/distribution-lists', (request, reply) => {
    requireLoopback(request);
    const fields = objectBody(request.body, '{name, members, organization?, holders?, avatar?}');
    const name = requiredString(fields, 'name');
    const organization = organizationField(ctx, fields, 'organization', ctx.organizationKey);
    const avatar = optionalString(fields, 'avatar');
    if (avatar !== undefined && !/^https?:\/\/\S+$/.test(avatar)) throw badRequest('field "avatar" must be an http(s) URL');
    const list = createDistributionList(ctx, {
      name,
      organizationKey: organization.token,
      members: requiredList(fields, 'members'),
      holders: optionalList(fields, 'holders') ?? [],
      avatar,
    });
    return reply.send({ token: list.token });
  });

  /** `{holders}`: more people who may send to the list (`friends` `add`), or, with `/remove`, fewer (`friends` `del`). */
  for (const [path, change] of [['/holders', addHolders], ['/holders/remove', removeHolders]] as const) {
    app.post(`/sandbox/distribution-lists/:token${path}`, (request, reply) => {
      requireLoopback(request);
      const token = param(request, 'token');
      const list = ctx.distributionLists.get(token);
      if (list === undefined) throw notFound(`unknown distribution list: ${token}`);
      change(ctx, list, requiredList(objectBody(request.body, '{holders}'), 'holders'));
      return reply.send({});
    });
  }
}
