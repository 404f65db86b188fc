import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { frame } from './hub';
import type { EventHub } from './hub';
import type { AccountStore } from './store/accounts';
import type { EventStore } from './store/events';

/**
 * Turns "this happened" into stored, per-key events. Stored events are pushed to open streams
 * only once the transaction that wrote them has committed: a stream never shows an event that a
 * rollback then takes back.
 */
export class Fanout {
  private pushes: [key: string, data: string][] = [];
  private depth = 0;

  constructor(
    private readonly db: Database,
    private readonly accounts: AccountStore,
    private readonly events: EventStore,
    private readonly hub: EventHub,
  ) {}

  /** Runs `work` in one transaction, then pushes the events it stored. */
  write<T>(work: () => T): T {
    this.depth++;
    let result: T;
    try {
      result = this.db.transaction(work)();
    } catch (error) {
      this.depth--;
      if (this.depth === 0) this.pushes = [];
      throw error;
    }
    this.depth--;
    if (this.depth === 0) {
      const pushes = this.pushes;
      this.pushes = [];
      for (const [key, data] of pushes) this.hub.push(key, data);
    }
    return result;
  }

  /** Stores the event for every session of each account (each device gets its own copy). */
  deliver(accountTokens: Iterable<string>, name: string, payload: unknown, messageToken: string | null = null): void {
    const json = JSON.stringify(payload);
    for (const account of new Set(accountTokens)) {
      for (const key of this.accounts.sessionKeysOf(account)) this.store(key, name, json, messageToken);
    }
  }

  deliverToKey(key: string, name: string, payload: unknown, messageToken: string | null = null): void {
    this.store(key, name, JSON.stringify(payload), messageToken);
  }

  /** An event that is not kept for replay (typing): only streams open right now see it. */
  transient(accountTokens: Iterable<string>, name: string, payload: unknown, feature?: string): void {
    for (const account of new Set(accountTokens)) {
      for (const key of this.accounts.sessionKeysOf(account)) this.hub.pushTransient(key, name, payload, feature);
    }
  }

  private store(key: string, name: string, json: string, messageToken: string | null): void {
    if (this.depth === 0) throw new Error('stored events must be written inside Fanout.write');
    const id = randomUUID();
    this.events.insert(id, key, name, json, messageToken);
    this.pushes.push([key, frame(id, name, json)]);
  }
}
