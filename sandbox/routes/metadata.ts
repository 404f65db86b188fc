import type { FastifyInstance, FastifyRequest } from 'fastify';
import { callerOrganization, requireMember } from '../addresses';
import type { SandboxContext } from '../context';
import { badRequest, forbidden, notFound } from '../errors';
import { authenticate, findAccountByUserId } from '../sessions';
import type { AccountRow } from '../store/accounts';
import type { MetadataValue } from '../store/metadata';
import { param, withInput } from './route-input';

const MOST_KEYS = 8;
/** Parameters that travel with the metadata but are not part of it. */
const NOT_METADATA = new Set(['TT-X-Organization-Key', 'organization_key']);

/**
 * The entity a metadata call names: the caller, a group they belong to, or (to read only)
 * another person of the organization the call acts in (`TT-X-Organization-Key`, default the
 * caller's home one; the caller must belong to it).
 */
function entityToken(ctx: SandboxContext, request: FastifyRequest, caller: AccountRow, write: boolean): string {
  const organization = callerOrganization(ctx, request, {}, caller);
  const address = param(request, 'token');
  const group = ctx.groups.get(address);
  if (group !== undefined && group.deleted === 0) {
    if (!ctx.groups.isMember(group.token, caller.token)) throw forbidden(`you are not a member of group ${group.token}`);
    return group.token;
  }
  const account = findAccountByUserId(ctx, address);
  if (account === undefined) throw notFound(`unknown user or group: ${address}`);
  if (account.token === caller.token) return account.token;
  if (write) throw forbidden("you may change only your own metadata or your groups'");
  return requireMember(ctx, account, organization.token, 'TT-X-Organization-Key').token;
}

function metadataValues(fields: Record<string, unknown>): Record<string, MetadataValue> {
  const values: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (NOT_METADATA.has(key)) continue;
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw badRequest(`metadata "${key}" must be a string, number, boolean or null: metadata is flat`);
    }
    values[key] = value as MetadataValue;
  }
  return values;
}

export function registerMetadataRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/v2/metadata/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    return reply.send({ reply: ctx.metadata.read(entityToken(ctx, request, caller.account, false)) });
  });

  app.post('/v2/metadata/:token', async (request, reply) => {
    const caller = authenticate(ctx, request);
    const token = entityToken(ctx, request, caller.account, true);
    const merged = await withInput(ctx, request, ({ fields }) => {
      const values = metadataValues(fields);
      const keys = new Set([...Object.keys(ctx.metadata.read(token)), ...Object.keys(values)]);
      if (keys.size > MOST_KEYS) {
        throw badRequest(`metadata holds at most ${MOST_KEYS} keys; this would make ${keys.size}`);
      }
      ctx.metadata.merge(token, values);
      return ctx.metadata.read(token);
    });
    return reply.send({ reply: merged });
  });

  app.delete('/v2/metadata/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    ctx.metadata.clear(entityToken(ctx, request, caller.account, true));
    return reply.send({ reply: {} });
  });
}
