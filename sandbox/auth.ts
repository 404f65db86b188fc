import { createHash, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { unauthorized } from './errors';

export interface BasicCredentials {
  key: string;
  secret: string;
}

export interface XmppSimpleCredentials {
  productKey: string;
  userId: string;
  password: string;
}

function decodeScheme(header: string | undefined, scheme: string): string {
  if (header === undefined) throw unauthorized(`missing Authorization header (${scheme})`);
  const [given, encoded] = header.trim().split(/\s+/, 2);
  if (given?.toLowerCase() !== scheme.toLowerCase() || encoded === undefined) {
    throw unauthorized(`Authorization header must use the ${scheme} scheme`);
  }
  return Buffer.from(encoded, 'base64').toString('utf8');
}

/** `Basic base64(key:secret)`, the credentials of every call but login. */
export function parseBasic(header: string | undefined): BasicCredentials {
  const text = decodeScheme(header, 'Basic');
  const colon = text.indexOf(':');
  if (colon <= 0) throw unauthorized('Basic credentials must be key:secret');
  return { key: text.slice(0, colon), secret: text.slice(colon + 1) };
}

/** `XMPP-Simple base64(product_key:user_id:password)`; the password may itself hold colons. */
export function parseXmppSimple(header: string | undefined): XmppSimpleCredentials {
  const text = decodeScheme(header, 'XMPP-Simple');
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  if (second < 0) throw unauthorized('XMPP-Simple credentials must be product_key:user_id:password');
  return {
    productKey: text.slice(0, first),
    userId: text.slice(first + 1, second),
    password: text.slice(second + 1),
  };
}

/**
 * scrypt at a low cost: the sandbox holds test and demo passwords, and tests create many
 * accounts, so sign-in speed matters more here than resistance to offline guessing.
 */
const SCRYPT = { N: 1024, r: 8, p: 1 } as const;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password, salt, 32, SCRYPT);
  return `${salt.toString('hex')}:${hash.toString('hex')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [saltHex, hashHex] = stored.split(':');
  if (saltHex === undefined || hashHex === undefined) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = scryptSync(password, Buffer.from(saltHex, 'hex'), expected.length, SCRYPT);
  return timingSafeEqual(actual, expected);
}

/** Session secrets are kept only as a digest, so the database file never holds a usable pair. */
export function digestSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function secretMatches(secret: string, digest: string): boolean {
  const actual = Buffer.from(digestSecret(secret), 'hex');
  const expected = Buffer.from(digest, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function newSessionPair(): BasicCredentials {
  return { key: randomBytes(18).toString('base64url'), secret: randomBytes(32).toString('base64url') };
}
