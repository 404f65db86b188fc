// The metadata calls of the IPC contract: the few keys attached to a person or group. They
// call the server directly (the reply is what the server then holds, which only it knows),
// so offline they are refused with a plain reason and nothing is changed.
import type { Metadata } from '../core/api';
import type { CallHandlers } from './answer-call';
import { requireRuntime, throughServer } from './runtime-calls';
import type { CurrentRuntime } from './runtime-calls';

export type MetadataCalls = Pick<CallHandlers, 'getMetadata' | 'setMetadata' | 'clearMetadata'>;

export function metadataCalls(current: CurrentRuntime): MetadataCalls {
  const runtime = () => requireRuntime(current);
  return {
    async getMetadata({ entity }) {
      const { api } = runtime();
      return asText(await throughServer('metadata_read', () => api.getMetadata(entity)));
    },
    async setMetadata({ entity, values }) {
      const { api } = runtime();
      // POST merges: what the server holds afterwards may have more keys than were sent.
      await throughServer('metadata_change', () => api.setMetadata(entity, values));
      return asText(await throughServer('metadata_read', () => api.getMetadata(entity)));
    },
    async clearMetadata({ entity }) {
      const { api } = runtime();
      await throughServer('metadata_clear', () => api.clearMetadata(entity));
      return { ok: true };
    },
  };
}

/** The window shows text: numbers and flags as written, a null value as no key. */
function asText(metadata: Metadata): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).flatMap(([key, value]) => (value === null ? [] : [[key, String(value)]])));
}
