// The one mapping from what main throws to the contract's error codes: answerCall sends the
// renderer a code to decide on and a message to show. The kind is read from the error's class
// and fields, never from its words. Messages pass as they are: the core words them for the user
// and keeps secrets out; only a bare system error, whose message quotes a file path, is reworded.
import type { CallFailure, ErrorCode } from '../../preload/contract';
import { saidOf } from '../../i18n/said-error';
import { userText } from '../../i18n/user-text';
import { AccountLockError } from '../core/account';
import { LockError } from '../core/lock/screen-lock';
import { ApiError } from '../core/api';
import { OutboxError } from '../core/outbox';
import type { OutboxErrorCode } from '../core/outbox';
import { ServerUrlError, SessionError } from '../core/session';
import type { SessionErrorReason } from '../core/session';
import { SettingsError } from '../core/settings/preferences';
import { AttachmentCacheError } from '../core/store';
import type { AttachmentCacheErrorReason } from '../core/store';
import { VaultError } from '../core/vault';
import { NotSignedIn } from './account-calls';
import { AccountUnavailableError } from './account-host';
import { CallRefusal } from './call-refusal';

export function callFailure(error: unknown): CallFailure {
  if (!(error instanceof Error)) return { code: 'failed', text: saidOf(error) };
  const systemCode = systemErrorCode(error);
  if (systemCode !== null) {
    return { code: diskFull.has(systemCode) ? 'disk-full' : 'failed', text: userText('error.local-file', { code: systemCode }) };
  }
  return { code: errorCode(error), text: saidOf(error) };
}

function errorCode(error: Error): ErrorCode {
  if (error instanceof CallRefusal) return error.code;
  if (error instanceof ApiError) return apiErrorCode(error);
  if (error instanceof SessionError) return sessionCodes[error.reason];
  if (error instanceof OutboxError) return outboxCodes[error.code];
  if (error instanceof NotSignedIn) return 'not-signed-in';
  if (error instanceof VaultError) return 'keychain-unavailable';
  if (error instanceof AccountLockError) return 'account-busy';
  // The host words why the account could not be opened; what it was opened against says the kind.
  if (error instanceof AccountUnavailableError) return error.cause instanceof AccountLockError ? 'account-busy' : 'failed';
  if (error instanceof SettingsError) return 'refused';
  if (error instanceof LockError) return lockCodes[error.reason];
  // Not a server address, or one that would carry the credentials over plain http.
  if (error instanceof ServerUrlError) return 'refused';
  if (error instanceof AttachmentCacheError) return cacheCodes[error.reason];
  // SQLite's own code for a full disk (or a database at its size limit).
  if ((error as { code?: unknown }).code === 'SQLITE_FULL') return 'disk-full';
  return 'failed';
}

const lockCodes: Record<LockError['reason'], ErrorCode> = {
  'no-account': 'not-signed-in',
  locked: 'locked',
  'invalid-pin': 'refused',
  'wrong-secret': 'refused',
  'needs-pin': 'refused',
};

/** What a failed request to the server means for the user; also for calls that reword it. */
export function apiErrorCode(error: ApiError): ErrorCode {
  switch (error.kind) {
    // An abort is the calls' own time limit running out.
    case 'network':
    case 'timeout':
    case 'aborted':
      return 'offline';
    case 'bad-response':
      return 'server-error';
    case 'too-large':
      return 'too-large';
    case 'http':
      return httpCode(error.status);
  }
}

function httpCode(status: number | undefined): ErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'not-found';
  if (status === 413) return 'too-large';
  if (status === undefined || status >= 500 || status === 429 || status === 408) return 'server-error';
  return 'refused';
}

const sessionCodes: Record<SessionErrorReason, ErrorCode> = {
  'credentials-rejected': 'unauthorized',
  'server-unreachable': 'offline',
  // Not "offline": retrying will not help until IT trusts the certificate or opens the proxy; the message says which.
  'network-blocked': 'refused',
  'server-error': 'server-error',
  // The server let the user in, but nothing can be sent for them.
  'no-organization': 'refused',
  'keychain-unavailable': 'keychain-unavailable',
  'unknown-account': 'not-found',
  'not-signed-in': 'not-signed-in',
};

const outboxCodes: Record<OutboxErrorCode, ErrorCode> = {
  'invalid-input': 'refused',
  'not-found': 'not-found',
  // Being sent right now: its message says to try again in a moment.
  busy: 'refused',
  'not-editable': 'refused',
  'attachment-unreadable': 'failed',
  // The organization's settings forbid it (urgent messages, forwarding, the lifetime).
  'not-allowed': 'refused',
};

const cacheCodes: Record<AttachmentCacheErrorReason, ErrorCode> = {
  'disk-full': 'disk-full',
  missing: 'not-found',
  // Altered, or under another key, and no copy on the server to fetch again.
  damaged: 'failed',
  io: 'failed',
};

const diskFull: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);

/** Node's code for a failed system call (its message names the path), or null for any other error. */
function systemErrorCode(error: Error): string | null {
  const { code, syscall } = error as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string' ? code : null;
}
