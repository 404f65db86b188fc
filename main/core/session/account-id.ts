import { createHash } from 'node:crypto';

const plainName = /^[A-Za-z0-9._@-]{1,64}$/;
// Windows keeps these device names in every folder, whatever follows a dot.
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i;

/**
 * Whether an id can name the account's folder and its vault entries on every system the app
 * runs on: no separator, no `:` (an NTFS stream), no Windows device name, no trailing dot.
 */
export function isSafeAccountId(id: string): boolean {
  return plainName.test(id) && id !== '.' && id !== '..' && !id.endsWith('.') && !windowsDevice.test(id);
}

/**
 * The local id of an account: the user's token, which is also the name of its folder and
 * its vault entries. A token that would not be a safe folder name is replaced by a digest,
 * so the server can never choose a path.
 */
export function accountIdFor(userToken: string): string {
  if (isSafeAccountId(userToken)) return userToken;
  return `u-${createHash('sha256').update(userToken).digest('hex').slice(0, 40)}`;
}
