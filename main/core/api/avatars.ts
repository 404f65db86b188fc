/**
 * Downloading a person's or group's picture from the address the server gave. Not one of the
 * API's operations: the address may be on the account's own server (the sandbox serves group
 * pictures there) or on an https host (a CDN; the managed settings may name the only ones
 * allowed, avatarHosts). Only the account's own server is sent the
 * Authorization header, which it already gets with every call; a redirect is not followed, so
 * the header cannot be carried elsewhere. Errors name the origin only: a path or query may
 * hold a signature.
 */
import { ApiError } from './api-error';
import { readCapped } from './capped-body';
import { transportFailure } from './failures';
import type { CallOptions, Connection } from './http';

export interface AvatarOptions extends CallOptions {
  /** A larger picture is refused, not cut; the rest of it is never read. */
  maxBytes: number;
  /** The managed settings' avatarHosts: the only other hosts asked (absent: any https host). */
  allowedHosts?: readonly string[] | undefined;
}

export interface AvatarDownload {
  bytes: Uint8Array<ArrayBuffer>;
  /** Lower-case, without parameters: one of the raster image types. */
  contentType: string;
}

/** Raster images only, as for attachment previews: an SVG can carry script and links. */
const rasterTypes = /^image\/(png|jpe?g|gif|webp|bmp|avif)$/;

const operation = 'getAvatar';

/**
 * Where a picture may be fetched from: over https from anywhere (or, when the managed
 * settings list `allowedHosts`, from those hosts only), or from the client's own server (same
 * origin as its base URL), and only the latter with the client's credentials. Refused with a
 * TypeError saying why; nothing is sent then.
 */
export function avatarAddress(address: string, baseUrl: string, allowedHosts?: readonly string[]): { url: URL; authorized: boolean } {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new TypeError('The avatar address is not a URL; it is not fetched');
  }
  if (url.username !== '' || url.password !== '') throw new TypeError('The avatar address holds a user name or password; it is not fetched');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`The avatar address is a ${url.protocol} address; it is not fetched`);
  const own = url.origin === new URL(baseUrl).origin;
  if (!own && url.protocol !== 'https:') {
    throw new TypeError(`The avatar is at ${url.origin}, which is neither https nor this account's server; it is not fetched`);
  }
  if (!own && allowedHosts !== undefined && !allowedHosts.includes(url.hostname)) {
    throw new TypeError(`The avatar is at ${url.origin}, which is not among the picture hosts your organization's settings allow (avatarHosts); it is not fetched`);
  }
  return { url, authorized: own };
}

export function avatarOperations(connection: Connection) {
  return {
    /**
     * The picture's bytes and type; null when the server has none (404, 410). The client's
     * timeout covers the whole body, so a stalled download ends like an unanswered request.
     * A reply that is not a raster image, or is larger than `maxBytes`, is a 'bad-response'
     * ApiError. Another status (a redirect too) is an 'http' one from the account's own
     * server, and a 'bad-response' one with that status from any other: a CDN's 401 says
     * nothing of the account's credentials, and must not sign the user out.
     */
    async getAvatar(address: string, options: AvatarOptions): Promise<AvatarDownload | null> {
      const { maxBytes } = options;
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError(`${operation}: maxBytes must be a whole number >= 1`);
      const { url, authorized } = avatarAddress(address, connection.baseUrl, options.allowedHosts);
      if (options.signal?.aborted) throw new ApiError({ kind: 'aborted', operation, detail: 'aborted before sending' });
      const timeout = AbortSignal.timeout(connection.timeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const failed = (error: unknown) => transportFailure(connection, operation, options.signal, timeout, error);
      const headers: Record<string, string> = { Accept: 'image/*' };
      if (authorized) headers.Authorization = connection.authorization;
      let response: Response;
      try {
        // No cookies and no Referer, to any host: only the Authorization header above, to the own server.
        response = await connection.fetch(url, { headers, redirect: 'manual', credentials: 'omit', referrerPolicy: 'no-referrer', signal });
      } catch (error) {
        throw failed(error);
      }
      const refuse = async (init: { kind: 'http' | 'bad-response'; status?: number; detail?: string }): Promise<never> => {
        await response.body?.cancel().catch(() => undefined);
        throw new ApiError({ ...init, operation });
      };
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      const { status } = response;
      if (status < 200 || status > 299) return refuse(authorized ? { kind: 'http', status } : { kind: 'bad-response', status, detail: `HTTP ${status}` });
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (!rasterTypes.test(contentType)) {
        return refuse({ kind: 'bad-response', detail: `not a picture (${contentType.slice(0, 60) || 'no content type'})` });
      }
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = await readCapped(response.body, maxBytes, operation);
      } catch (error) {
        // A picture too large is a bad picture (the window shows none), not a reason to think the server broken.
        if (error instanceof ApiError && error.kind === 'too-large') throw new ApiError({ kind: 'bad-response', operation, detail: `over ${sizeText(maxBytes)}` });
        throw failed(error);
      }
      return { bytes, contentType };
    },
  };
}

/** A limit as people read it: "1 MB" rather than "1048576 bytes" when it is a whole number of them. */
function sizeText(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
