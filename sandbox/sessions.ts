import type { FastifyRequest } from 'fastify';
import { digestSecret, newSessionPair, parseBasic, secretMatches, verifyPassword } from './auth';
import type { BasicCredentials } from './auth';
import type { SandboxContext } from './context';
import { unauthorized } from './errors';
import type { AccountRow, SessionRow } from './store/accounts';
import { deliverHistory } from './history';

export interface Caller {
  session: SessionRow;
  account: AccountRow;
}

/** The live key/secret pair of a request, or 401. */
export function authenticate(ctx: SandboxContext, request: FastifyRequest): Caller {
  const { key, secret } = parseBasic(request.headers.authorization);
  const session = ctx.accounts.session(key);
  if (session === undefined || !secretMatches(secret, session.secret_hash)) {
    throw unauthorized('unknown or revoked key/secret pair');
  }
  const account = ctx.accounts.byToken(session.account_token);
  if (account === undefined) throw unauthorized('the account of this key no longer exists');
  return { session, account };
}

/** A user id is a token, an email address, a phone number or a username. */
export function findAccountByUserId(ctx: SandboxContext, userId: string): AccountRow | undefined {
  const id = userId.trim();
  return (
    ctx.accounts.byToken(id) ??
    ctx.accounts.byEmail(id.toLowerCase()) ??
    ctx.accounts.byPhone(normalizePhone(id)) ??
    ctx.accounts.byUsername(id)
  );
}

export function checkPassword(account: AccountRow | undefined, password: string): account is AccountRow {
  return account?.password_hash != null && verifyPassword(password, account.password_hash);
}

/**
 * A new key/secret pair for one device. Its queue starts with the person's recent history, so a
 * freshly signed-in device shows conversations at once, as it would with the real service.
 */
export function openSession(
  ctx: SandboxContext,
  account: AccountRow,
  device: { deviceId: string; version: string },
): BasicCredentials {
  const pair = newSessionPair();
  ctx.fanout.write(() => {
    ctx.accounts.createSession({
      key: pair.key,
      secret_hash: digestSecret(pair.secret),
      account_token: account.token,
      device_id: device.deviceId,
      version: device.version,
      created_time: ctx.now(),
    });
    deliverHistory(ctx, account.token, pair.key);
  });
  return pair;
}

export function closeSession(ctx: SandboxContext, key: string): void {
  ctx.fanout.write(() => {
    ctx.events.dropSession(key);
    ctx.accounts.deleteSession(key);
  });
  ctx.hub.closeKey(key);
}

export function normalizePhone(text: string): string {
  const digits = text.replace(/[^\d]/g, '');
  return text.trim().startsWith('+') ? `+${digits}` : digits;
}

export function looksLikePhone(text: string): boolean {
  return /^\+?[\d\s().-]{7,20}$/.test(text.trim()) && normalizePhone(text).replace('+', '').length >= 7;
}

export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}
