import { AccountLockError } from '../core/account';
import { ApiError } from '../core/api';
import { SessionError } from '../core/session';
import { StoreOpenError } from '../core/store';
import { VaultError } from '../core/vault';

/** The exit status says what kind of failure it was, so scripts can tell them apart. */
export const exitCodes = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** Not signed in, or the server refused the credentials. */
  notSignedIn: 3,
  serverUnreachable: 4,
  keychainUnavailable: 5,
  /** Another process has the account open: trying again once it closes can succeed. */
  accountInUse: 6,
} as const;

export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** One line for stderr and an exit status; the messages of these errors never hold a secret. */
export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof CliError) return { message: error.message, exitCode: error.exitCode };
  if (error instanceof SessionError) {
    switch (error.reason) {
      case 'credentials-rejected':
      case 'not-signed-in':
      case 'unknown-account':
        return { message: error.message, exitCode: exitCodes.notSignedIn };
      case 'server-unreachable':
      case 'network-blocked':
        return { message: error.message, exitCode: exitCodes.serverUnreachable };
      case 'keychain-unavailable':
        return { message: error.message, exitCode: exitCodes.keychainUnavailable };
      case 'server-error':
      case 'no-organization':
        return { message: error.message, exitCode: exitCodes.failed };
    }
  }
  if (error instanceof ApiError) {
    if (error.kind === 'http' && error.status === 401) {
      return { message: `The server refused the stored credentials (${error.message}). Sign in again with: login <user-id>`, exitCode: exitCodes.notSignedIn };
    }
    if (error.kind === 'network' || error.kind === 'timeout') {
      return { message: `Cannot reach the server (${error.message})`, exitCode: exitCodes.serverUnreachable };
    }
    return { message: `The server refused the request: ${error.message}`, exitCode: exitCodes.failed };
  }
  if (error instanceof VaultError) {
    return { message: `The keychain cannot be used (${error.cause}): ${error.message}`, exitCode: exitCodes.keychainUnavailable };
  }
  if (error instanceof AccountLockError) return { message: error.message, exitCode: exitCodes.accountInUse };
  if (error instanceof StoreOpenError) {
    return { message: `The local database cannot be opened (${error.reason}): ${error.message}`, exitCode: exitCodes.failed };
  }
  return { message: error instanceof Error ? error.message : String(error), exitCode: exitCodes.failed };
}
