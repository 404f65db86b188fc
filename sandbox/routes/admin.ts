import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashPassword } from '../auth';
import type { SandboxContext } from '../context';
import { badRequest, conflict, forbidden, notFound } from '../errors';
import { requiredString } from '../fields';
import { looksLikeEmail, openSession } from '../sessions';
import { param } from './route-input';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function requireLoopback(request: FastifyRequest): void {
  if (!LOOPBACK.has(request.socket.remoteAddress ?? '')) throw forbidden('the sandbox admin routes answer only on loopback');
}

/**
 * Outside `/v2/`: lets tests (and people trying the app) make a fresh person in the demo
 * organization, already signed in once, instead of sharing the demo accounts' state.
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.post('/sandbox/accounts', (request, reply) => {
    requireLoopback(request);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw badRequest('request body must be a JSON object {display_name, email, password}');
    }
    const fields = body as Record<string, unknown>;
    const displayName = requiredString(fields, 'display_name').trim();
    const email = requiredString(fields, 'email').trim().toLowerCase();
    const password = requiredString(fields, 'password');
    if (!looksLikeEmail(email)) throw badRequest(`field "email" is not an email address: ${email}`);
    if (ctx.accounts.byEmail(email) !== undefined) throw conflict(`an account with email ${email} already exists`);
    const [first = '', ...rest] = displayName.split(/\s+/);
    const account = ctx.accounts.create(
      {
        organization_key: ctx.organizationKey,
        display_name: displayName,
        first_name: first,
        last_name: rest.join(' '),
        email,
        password_hash: hashPassword(password),
      },
      ctx.now(),
    );
    const auth = openSession(ctx, account, { deviceId: 'sandbox-admin', version: 'sandbox' });
    return reply.send({ token: account.token, key: auth.key, secret: auth.secret });
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
