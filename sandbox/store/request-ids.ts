import type { Database } from 'better-sqlite3-multiple-ciphers';

/** What a send or forward with a Request-ID stored: the message's token and its effective ttl. */
export interface StoredRequest {
  message_token: string;
  ttl: number;
}

export type RequestIdStore = ReturnType<typeof createRequestIdStore>;

/** The Request-IDs each account has sent messages with (see request-ids.ts). */
export function createRequestIdStore(db: Database) {
  const find = db.prepare<[string, string], StoredRequest>(
    'SELECT message_token, ttl FROM request_ids WHERE account_token = ? AND request_id = ?',
  );
  const record = db.prepare(
    'INSERT INTO request_ids (account_token, request_id, message_token, ttl) VALUES (?, ?, ?, ?)',
  );
  return {
    find(accountToken: string, requestId: string): StoredRequest | undefined {
      return find.get(accountToken, requestId);
    },
    record(accountToken: string, requestId: string, stored: StoredRequest): void {
      record.run(accountToken, requestId, stored.message_token, stored.ttl);
    },
  };
}
