import type { FastifyInstance } from 'fastify';
import type { SandboxContext } from '../context';
import { requiredList } from '../fields';
import { parseFeatures } from '../hub';
import { authenticate } from '../sessions';
import { withInput } from './route-input';

export function registerEventRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/v2/events', (request, reply) => {
    const { session } = authenticate(ctx, request);
    ctx.hub.open(session.key, parseFeatures(request.headers['tt-x-features']), reply.raw);
    reply.hijack();
  });

  app.delete('/v2/events', (request, reply) => {
    const { session } = authenticate(ctx, request);
    return reply.send({ reply: { count: ctx.hub.closeKey(session.key) } });
  });

  app.post('/v2/events/ack', async (request, reply) => {
    const { session } = authenticate(ctx, request);
    await withInput(ctx, request, ({ fields }) => {
      ctx.events.acknowledge(session.key, requiredList(fields, 'events'));
    });
    return reply.status(204).send();
  });
}
