/** Builds the one Connection that a client's (or a sign-in's) calls share, refusing unusable settings. */
import { defaultMaxReplyBytes, defaultTimeoutMs } from './http';
import type { Connection } from './http';

export interface ConnectionSettings {
  baseUrl: string;
  authorization: string;
  /** Everything an error must never show: the header and what it is made of. */
  secrets: readonly string[];
  organizationKey?: string;
  timeoutMs?: number;
  /** The largest JSON reply read whole; default 16 MB (defaultMaxReplyBytes). */
  maxReplyBytes?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

export function openConnection(settings: ConnectionSettings): Connection {
  checkBaseUrl(settings.baseUrl);
  const timeoutMs = settings.timeoutMs ?? defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError('timeoutMs must be a positive number');
  const maxReplyBytes = settings.maxReplyBytes ?? defaultMaxReplyBytes;
  if (!Number.isSafeInteger(maxReplyBytes) || maxReplyBytes < 1) throw new RangeError('maxReplyBytes must be a whole number of bytes, 1 or more');
  return {
    baseUrl: settings.baseUrl,
    authorization: settings.authorization,
    secrets: settings.secrets,
    timeoutMs,
    maxReplyBytes,
    fetch: settings.fetch ?? globalThis.fetch,
    now: settings.now ?? Date.now,
    ...(settings.organizationKey ? { organizationKey: settings.organizationKey } : {}),
  };
}

/** The service root is configuration: refuse one that would put credentials or a query into every URL. */
function checkBaseUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('baseUrl must be http: or https:');
  if (url.username !== '' || url.password !== '') throw new TypeError('baseUrl must not hold credentials');
  if (url.search !== '' || url.hash !== '') throw new TypeError('baseUrl must not have a query or fragment');
}
