/**
 * The floor the ingest is compared with: the least work that stores the same events, done
 * in the same process on the same kind of database. JSON.parse of each event's data, the
 * same mapping to rows, and every row upserted in ONE transaction into a fresh encrypted
 * store opened by the real `openStore` (same cipher, schema, indexes and pragmas). No
 * network, no validation, no change sets, no acks.
 */
import { randomBytes } from 'node:crypto';
import type { Message } from '../../../main/core/api';
import { openStore } from '../../../main/core/store';
import type { Store } from '../../../main/core/store';
import { toMessageInput } from '../../../main/core/sync/message-mapping';

export interface Floor {
  ms: number;
  stored: number;
  /** PRAGMA secure_delete of the floor's store, as `openStore` set it: the ingest's must match, or the comparison is unfair. */
  secureDelete: number;
}

/** `lines`: the `data` payloads of message events; `me`: the receiver's token. */
export function measureFloor(lines: readonly string[], me: string, dir: string): Floor {
  const store = openStore({ dir, key: randomBytes(32).toString('hex') });
  try {
    const receivedAt = Date.now();
    const began = performance.now();
    store.transaction(() => {
      for (const line of lines) {
        const event = (JSON.parse(line) as { event: Record<string, Message> }).event;
        const message = event['tigertext:iq:message'] ?? event['tigertext:iq:group_message'];
        if (message === undefined) throw new Error('the floor was given an event that is not a message');
        store.messages.upsert(toMessageInput(message, { me, homeOrganization: null, isList: (token) => store.distributionLists.has(token) }, { isGroupEvent: message.group_token !== undefined, receivedAt }).input);
      }
    });
    const ms = performance.now() - began;
    const stored = (store.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM messages').get() as { n: number }).n;
    return { ms, stored, secureDelete: secureDeleteOf(store) };
  } finally {
    store.close();
  }
}

/** The store's PRAGMA secure_delete (0 off, 1 on, 2 fast). */
export function secureDeleteOf(store: Store): number {
  return Number(store.statements.db.pragma('secure_delete', { simple: true }));
}
