// What the account calls share: the open runtime (refused plainly when none is), local
// message ids as the window holds them, and the server's failures said in words the window
// can show. A call that needs the network says so when it cannot reach the server.
import { userText } from '../../i18n/user-text';
import type { AccountRuntime } from '../core/account';
import { ApiError } from '../core/api';
import { NotSignedIn } from './account-calls';
import { CallRefusal } from './call-refusal';
import { apiErrorCode } from './error-codes';

/** The parts of the signed-in account's runtime the calls use. */
export type CallRuntime = Pick<AccountRuntime, 'account' | 'api' | 'store' | 'cache' | 'sync' | 'outbox' | 'mutes'>;

export type CurrentRuntime = () => CallRuntime | null;

export function requireRuntime(current: CurrentRuntime): CallRuntime {
  const runtime = current();
  if (runtime === null) throw new NotSignedIn();
  return runtime;
}

/** Local message ids are the decimal text of the row id (see sync's views). */
export function localMessageId(messageId: string): number {
  if (!/^[1-9]\d{0,15}$/.test(messageId)) throw new CallRefusal('not-found', userText('outbox.no-message', { message: JSON.stringify(messageId.slice(0, 40)) }));
  return Number(messageId);
}

/** The server cannot be reached, or did not answer in time (the calls' only abort is their own time limit). */
export function isOffline(error: unknown): boolean {
  return error instanceof ApiError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'aborted');
}

export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.kind === 'http' && error.status === 404;
}

/** What a request with no offline queue was for: the words are the catalog's (api.needs-connection). */
export type ServerOperation =
  | 'profile_change'
  | 'attachment_download'
  | 'group_create'
  | 'group_delete'
  | 'group_rename'
  | 'group_picture'
  | 'metadata_read'
  | 'metadata_change'
  | 'metadata_clear';

/**
 * Runs a request that has no offline queue: a server out of reach becomes "`what` needs a
 * connection"; a refusal keeps the server's own reason. Either keeps the server's kind as its code.
 */
export async function throughServer<T>(operation: ServerOperation, request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (isOffline(error)) throw new CallRefusal('offline', userText('api.needs-connection', { operation }));
    if (error instanceof ApiError && error.kind === 'http') {
      const status = error.status ?? '?';
      // The server's own words stay as it wrote them: a parameter, never translated.
      throw new CallRefusal(apiErrorCode(error), error.serverMessage
        ? userText('api.refused-by-server-saying', { operation, status, serverMessage: error.serverMessage })
        : userText('api.refused-by-server', { operation, status }));
    }
    throw error;
  }
}
