import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import { readableList } from '../distribution-lists';
import { distributionListEntity } from '../entities';
import { authenticate } from '../sessions';
import { param } from './route-input';

export function registerDistributionListRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  /** A list of an organization the caller belongs to, holder or not. */
  app.get('/v2/dist_list/:token', (request, reply) => {
    const caller = authenticate(ctx, request);
    const list = readableList(ctx, param(request, 'token'), caller.account);
    return reply.send({ reply: distributionListEntity(list, ctx.distributionLists.members(list.token).length) });
  });
}
