import type { ApiClient } from '../api';
import { isUnauthorized } from '../session';

/**
 * The account's API client with one addition: any call the server answers with 401 reports
 * it through `onUnauthorized` (then fails as before), so that no part of the runtime can
 * keep retrying with credentials the server has revoked.
 */
export function guardedApi(api: ApiClient, onUnauthorized: () => void): ApiClient {
  const guarded: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(api) as [string, (...args: unknown[]) => unknown][]) {
    guarded[name] = (...args: unknown[]) => {
      const result = operation(...args);
      if (!(result instanceof Promise)) return result;
      return result.catch((error: unknown) => {
        if (isUnauthorized(error)) onUnauthorized();
        throw error;
      });
    };
  }
  return guarded as ApiClient;
}
