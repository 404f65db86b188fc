/** Signing in with user id and password: the one call that does not use Basic authentication. */
import { secretsOf, xmppSimpleAuthorization } from './authorization';
import { openConnection } from './connection';
import { exchangeForReply } from './http';
import { loginSchema } from './schemas';
import type { LoginResult } from './types';

export interface LoginInput {
  /** Email, phone number or username. */
  userId: string;
  password: string;
  productKey?: string;
  deviceId: string;
  version: string;
  /** Where push notifications for this device go, passed through as the server defines it. */
  pushRouting?: unknown;
}

/**
 * Resolves to the signed-in user and the key/secret pair that is the session from now on.
 * `fetchImpl` is the network to sign in over (the app's is Electron's); Node's by default.
 */
export async function login(baseUrl: string, input: LoginInput, fetchImpl?: typeof fetch): Promise<LoginResult> {
  for (const field of ['userId', 'password', 'deviceId', 'version'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '') {
      throw new TypeError(`login: ${field} must be a non-empty string`);
    }
  }
  // The header joins the fields with colons: only the last one, the password, may hold any.
  if (input.userId.includes(':') || input.productKey?.includes(':')) {
    throw new TypeError('login: userId and productKey must not contain ":"');
  }
  const authorization = xmppSimpleAuthorization(input.productKey, input.userId, input.password);
  const connection = openConnection({
    baseUrl,
    authorization,
    secrets: secretsOf(authorization, input.password, input.productKey),
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
  const json: Record<string, unknown> = { device_id: input.deviceId, version: input.version };
  if (input.pushRouting !== undefined) json['push_routing'] = input.pushRouting;
  return exchangeForReply(
    connection,
    { operation: 'login', method: 'POST', path: '/login', body: { json } },
    loginSchema,
  );
}
