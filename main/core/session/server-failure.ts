import { ApiError } from '../api';
import { SessionError } from './session-error';

/** Turns what the API client threw during sign-in into a SessionError a person can act on. */
export function serverFailure(error: unknown, server: string, refused: string): Error {
  if (!(error instanceof ApiError)) return error instanceof Error ? error : new Error(String(error));
  if (error.kind === 'http' && error.status === 401) return new SessionError('credentials-rejected', refused);
  // Asking again will not help until IT acts: say what stopped it, not "cannot reach".
  if (error.transportCause === 'certificate') {
    return new SessionError('network-blocked', `Cannot connect securely to the server at ${server}: ${error.detail}`);
  }
  if (error.transportCause === 'proxy') return new SessionError('network-blocked', `Cannot reach the server at ${server}: ${error.detail}`);
  if (error.kind === 'network' || error.kind === 'timeout') {
    return new SessionError('server-unreachable', `Cannot reach the server at ${server} (${error.message})`);
  }
  return new SessionError('server-error', `The server at ${server} failed: ${error.message}`);
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && error.status === 401;
}
