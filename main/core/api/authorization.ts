/** The two Authorization schemes of API v2, and the strings an error must never show. */
import type { Credentials } from './types';

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

export function basicAuthorization({ key, secret }: Credentials): string {
  return `Basic ${base64(`${key}:${secret}`)}`;
}

/**
 * Sign-in header. Always three fields, the product key empty when there is none, so that a
 * server splitting on the first two colons reads a password that itself contains colons.
 */
export function xmppSimpleAuthorization(productKey: string | undefined, userId: string, password: string): string {
  return `XMPP-Simple ${base64(`${productKey ?? ''}:${userId}:${password}`)}`;
}

/** Everything derived from a secret that could be echoed back in a server's error text. */
export function secretsOf(authorization: string, ...parts: (string | undefined)[]): string[] {
  const encoded = authorization.slice(authorization.indexOf(' ') + 1);
  return [authorization, encoded, ...parts].filter((s): s is string => s !== undefined && s !== '');
}

/** Replaces every occurrence of a secret, longest first so a part never leaves a tail of a whole. */
export function redact(text: string, secrets: readonly string[]): string {
  return [...secrets]
    .sort((a, b) => b.length - a.length)
    .reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}
