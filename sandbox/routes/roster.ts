import type { FastifyInstance } from 'fastify';
import { callerOrganization, requireMember } from '../addresses';
import type { SandboxContext } from '../context';
import { ACCOUNT_TYPE, GROUP_TYPE } from '../entities';
import { badRequest, forbidden, notFound } from '../errors';
import { requiredString } from '../fields';
import { describeGroup, removeMembers } from '../group-membership';
import { addPersonToRoster, listEntry, personEntry, removePersonFromRoster } from '../roster-entries';
import { authenticate, findAccountByUserId } from '../sessions';
import type { AccountRow } from '../store/accounts';
import type { GroupRow } from '../store/groups';
import { param, withInput } from './route-input';

function groupEntry(ctx: SandboxContext, group: GroupRow) {
  return { type: GROUP_TYPE, ...describeGroup(ctx, group) };
}

/**
 * Removing a 1:1 conversation deletes its messages for the caller only (the other person keeps
 * theirs), including any not yet delivered to the caller's devices. Only that organization's:
 * the same two people elsewhere keep theirs. The caller's keys hear `friends` `del` when the
 * person was on the roster.
 */
function forgetConversation(ctx: SandboxContext, caller: AccountRow, other: AccountRow, organizationKey: string): void {
  ctx.fanout.write(() => {
    removePersonFromRoster(ctx, caller.token, organizationKey, other);
    const keys = ctx.accounts.sessionKeysOf(caller.token);
    for (const message of ctx.messages.conversation(caller.token, other.token, organizationKey)) {
      ctx.messages.hide(caller.token, message.token);
      for (const key of keys) ctx.events.dropMessageEventsFor(message.token, key);
    }
  });
}

export function registerRosterRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  /**
   * One organization's roster (the header's, or with none the caller's home organization's):
   * its people, then its groups, then the distribution lists the caller holds there.
   */
  app.get('/v2/roster', (request, reply) => {
    const caller = authenticate(ctx, request);
    const organization = callerOrganization(ctx, request, {}, caller.account);
    const people = ctx.roster
      .list(caller.account.token, organization.token)
      .map((token) => ctx.accounts.byToken(token))
      .filter((account): account is AccountRow => account !== undefined)
      .map((account) => personEntry(ctx, account, organization.token));
    const groups = ctx.groups
      .groupsOf(caller.account.token)
      .filter((group) => group.organization_key === organization.token)
      .map((group) => groupEntry(ctx, group));
    const lists = ctx.distributionLists.heldIn(caller.account.token, organization.token).map((list) => listEntry(ctx, list));
    return reply.send({ reply: [...people, ...groups, ...lists] });
  });

  app.post('/v2/roster', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const entry = await withInput(ctx, request, ({ fields }) => {
      const organization = callerOrganization(ctx, request, fields, caller.account);
      const entity = requiredString(fields, 'entity').trim();
      const type = requiredString(fields, 'type');
      if (type === GROUP_TYPE) {
        const group = ctx.groups.get(entity);
        if (group === undefined || group.deleted === 1) throw notFound(`unknown group: ${entity}`);
        if (!ctx.groups.isMember(entity, caller.account.token)) throw forbidden(`you are not a member of group ${entity}`);
        if (group.organization_key !== organization.token) {
          throw forbidden(`"TT-X-Organization-Key": group ${entity} is not in organization ${organization.token}`);
        }
        return groupEntry(ctx, group);
      }
      if (type !== ACCOUNT_TYPE) {
        throw badRequest(`field "type" must be ${ACCOUNT_TYPE} or ${GROUP_TYPE}, not ${type}`);
      }
      const account = findAccountByUserId(ctx, entity);
      if (account === undefined) throw notFound(`unknown user: ${entity}`);
      requireMember(ctx, account, organization.token, 'TT-X-Organization-Key');
      ctx.fanout.write(() => addPersonToRoster(ctx, caller.account.token, organization.token, account));
      return personEntry(ctx, account, organization.token);
    });
    return reply.send({ reply: entry });
  });

  app.delete('/v2/roster/:address', (request, reply) => {
    const caller = authenticate(ctx, request);
    const address = param(request, 'address');
    const group = ctx.groups.get(address);
    if (group !== undefined && group.deleted === 0) {
      if (!ctx.groups.isMember(group.token, caller.account.token)) {
        throw notFound(`group ${group.token} is not on your roster`);
      }
      removeMembers(ctx, caller.account, group, [caller.account.token]);
      return reply.send({ reply: {} });
    }
    const other = findAccountByUserId(ctx, address);
    if (other === undefined) throw notFound(`unknown user or group: ${address}`);
    forgetConversation(ctx, caller.account, other, callerOrganization(ctx, request, {}, caller.account).token);
    return reply.send({ reply: {} });
  });
}
