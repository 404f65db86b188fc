/** The API client: one method per operation, all sharing one authenticated connection. */
import { basicAuthorization, secretsOf } from './authorization';
import { avatarOperations } from './avatars';
import { openConnection } from './connection';
import { distributionListOperations } from './distribution-lists';
import { eventOperations } from './events';
import { groupOperations } from './groups';
import { messageOperations } from './messages';
import { metadataOperations } from './metadata';
import { muteOperations } from './mutes';
import { rosterOperations } from './roster';
import { searchOperations } from './search';
import type { Credentials } from './types';
import { userOperations } from './users';

export interface ApiClientOptions {
  /** The service root including `/v2`, e.g. `http://127.0.0.1:7443/v2`. */
  baseUrl: string;
  credentials: Credentials;
  /** Sent as `TT-X-Organization-Key` on user, metadata, group and roster calls. */
  organizationKey?: string;
  /** Per call, unless the caller's signal ends it sooner. Default 15 s. */
  timeoutMs?: number;
  /** The largest JSON reply read whole; a larger one is a 'too-large' ApiError. Default 16 MB. */
  maxReplyBytes?: number;
  fetch?: typeof fetch;
  /** The clock for reading `Retry-After` dates. */
  now?: () => number;
}

export function createApiClient(options: ApiClientOptions) {
  const { key, secret } = options.credentials;
  if (typeof key !== 'string' || key === '' || typeof secret !== 'string' || secret === '') {
    throw new TypeError('createApiClient: credentials need a non-empty key and secret');
  }
  const authorization = basicAuthorization(options.credentials);
  const connection = openConnection({ ...options, authorization, secrets: secretsOf(authorization, key, secret) });
  return {
    ...userOperations(connection),
    ...rosterOperations(connection),
    ...messageOperations(connection),
    ...groupOperations(connection),
    ...metadataOperations(connection),
    ...eventOperations(connection),
    ...avatarOperations(connection),
    ...muteOperations(connection),
    ...searchOperations(connection),
    ...distributionListOperations(connection),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
