import type { UserText } from '../../../i18n/user-text';
import { userText } from '../../../i18n/user-text';
import { ApiError } from '../api';
import { SessionError } from './session-error';

/** Turns what the API client threw during sign-in into a SessionError a person can act on. */
export function serverFailure(error: unknown, server: string, refused: UserText): Error {
  if (!(error instanceof ApiError)) return error instanceof Error ? error : new Error(String(error));
  if (error.kind === 'http' && error.status === 401) return new SessionError('credentials-rejected', refused);
  // Asking again will not help until IT acts: say what stopped it, not "cannot reach".
  if (error.transportCause === 'certificate') {
    return new SessionError('network-blocked', userText('session.certificate-blocked', { server, detail: error.detail ?? '' }));
  }
  if (error.transportCause === 'proxy') return new SessionError('network-blocked', userText('session.proxy-blocked', { server, detail: error.detail ?? '' }));
  if (error.kind === 'network' || error.kind === 'timeout') {
    return new SessionError('server-unreachable', userText('session.server-unreachable', { server, detail: error.message }));
  }
  return new SessionError('server-error', userText('session.server-failed', { server, detail: error.message }));
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && error.status === 401;
}
