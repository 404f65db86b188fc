/**
 * Watches the event acknowledgements a process sends: wraps the global fetch (before the
 * API client captures it) and, for every `POST .../events/ack` the server accepted, notes
 * when its ids were accepted. Requests go through unchanged; this only listens.
 */
export interface AckTap {
  /**
   * Resolves with the time (performance.now) the server accepted an ack holding `eventId`.
   * Ask before that ack can be sent: ids nobody waits for are not kept, so
   * the tap adds nothing to the memory being measured.
   */
  acceptedAt(eventId: string): Promise<number>;
  remove(): void;
}

export function tapAcknowledgements(): AckTap {
  const original = globalThis.fetch;
  const waiting = new Map<string, (at: number) => void>();
  globalThis.fetch = async (input, init) => {
    const response = await original(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (init?.method === 'POST' && /\/events\/ack\/?$/.test(url) && response.status === 204 && typeof init.body === 'string') {
      const at = performance.now();
      const ids = (JSON.parse(init.body) as { events: string[] }).events;
      for (const id of ids) {
        waiting.get(id)?.(at);
        waiting.delete(id);
      }
    }
    return response;
  };
  return {
    acceptedAt(eventId) {
      return new Promise((resolve) => waiting.set(eventId, resolve));
    },
    remove() {
      globalThis.fetch = original;
    },
  };
}
