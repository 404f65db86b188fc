import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import multipart from '@fastify/multipart';
import type { SandboxContext } from './context';
import { installErrorHandling } from './errors';
import { sweepExpired } from './expiry';
import { parseUrlEncoded } from './input';
import { installRequestGuards } from './request-guards';
import { registerAdminRoutes } from './routes/admin';
import { registerDistributionListRoutes } from './routes/distribution-lists';
import { registerEventRoutes } from './routes/events';
import { registerGroupRoutes } from './routes/groups';
import { registerMessageRoutes } from './routes/messages';
import { registerMetadataRoutes } from './routes/metadata';
import { registerMuteRoutes } from './routes/mutes';
import { registerRosterRoutes } from './routes/roster';
import { registerSearchRoutes } from './routes/search';
import { registerUserRoutes } from './routes/users';

/** JSON and urlencoded bodies; files come by multipart, which this limit does not cover. */
const BODY_LIMIT = 4 * 1024 * 1024;

export async function buildApp(ctx: SandboxContext, options: { logErrors: boolean }): Promise<FastifyInstance> {
  // forceCloseConnections: close() must not wait on clients' keep-alive sockets or open streams.
  const app = Fastify({
    // Only internal errors are logged (code and stack, see errors.ts): never requests or bodies.
    logger: options.logErrors ? { level: 'error' } : false,
    bodyLimit: BODY_LIMIT,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true },
    // Node would refuse a request without Host by a bare 400; request-guards.ts refuses it in JSON.
    http: { requireHostHeader: false },
  });
  installErrorHandling(app);
  installRequestGuards(app);
  // The API takes JSON, urlencoded and multipart bodies only: plain text is a 415, not a string.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseUrlEncoded(body as string));
  });
  // Size is checked per upload in input.ts, so that the 413 names the field and the limit.
  await app.register(multipart, { throwFileSizeLimit: false });
  app.addHook('preHandler', async (request) => {
    if (request.url.startsWith('/v2/')) sweepExpired(ctx);
  });
  registerUserRoutes(app, ctx);
  registerEventRoutes(app, ctx);
  registerMessageRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  registerMetadataRoutes(app, ctx);
  registerMuteRoutes(app, ctx);
  registerRosterRoutes(app, ctx);
  registerDistributionListRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  return app;
}
