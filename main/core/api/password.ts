/**
 * Changing the password: signed like a sign-in, by the current password (XMPP-Simple), not
 * by the session's key/secret pair.
 */
import { secretsOf, xmppSimpleAuthorization } from './authorization';
import { openConnection } from './connection';
import { exchange, segment } from './http';

export interface PasswordChange {
  userToken: string;
  currentPassword: string;
  newPassword: string;
  productKey?: string;
}

export async function changePassword(baseUrl: string, change: PasswordChange, fetchImpl?: typeof fetch): Promise<void> {
  const operation = 'changePassword';
  for (const field of ['userToken', 'currentPassword', 'newPassword'] as const) {
    if (typeof change[field] !== 'string' || change[field] === '') throw new TypeError(`${operation}: ${field} must be a non-empty string`);
  }
  if (change.userToken.includes(':') || change.productKey?.includes(':')) {
    throw new TypeError(`${operation}: userToken and productKey must not contain ":"`);
  }
  const authorization = xmppSimpleAuthorization(change.productKey, change.userToken, change.currentPassword);
  const connection = openConnection({
    baseUrl,
    authorization,
    secrets: secretsOf(authorization, change.currentPassword, change.newPassword, change.productKey),
    ...(fetchImpl === undefined ? {} : { fetch: fetchImpl }),
  });
  const path = `/user/${segment(operation, 'token', change.userToken)}/password`;
  await exchange(connection, { operation, method: 'POST', path, body: { json: { password: change.newPassword } } });
}
