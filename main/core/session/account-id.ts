import { createHash } from 'node:crypto';

const usableAsIs = /^[A-Za-z0-9._@:-]{1,64}$/;

/**
 * The local id of an account: the user's token, which is also the name of its folder and
 * its vault entries. A token that would not be a safe folder name is replaced by a digest,
 * so the server can never choose a path.
 */
export function accountIdFor(userToken: string): string {
  if (usableAsIs.test(userToken) && userToken !== '.' && userToken !== '..') return userToken;
  return `u-${createHash('sha256').update(userToken).digest('hex').slice(0, 40)}`;
}
