import type { Database } from 'better-sqlite3-multiple-ciphers';

export type MetadataValue = string | number | boolean | null;
export type MetadataStore = ReturnType<typeof createMetadataStore>;

export function createMetadataStore(db: Database) {
  const all = db.prepare<[string], { key: string; value: string }>(
    'SELECT key, value FROM metadata WHERE entity_token = ? ORDER BY key',
  );
  const upsert = db.prepare(
    'INSERT INTO metadata (entity_token, key, value) VALUES (?, ?, ?) ON CONFLICT (entity_token, key) DO UPDATE SET value = excluded.value',
  );
  const clear = db.prepare('DELETE FROM metadata WHERE entity_token = ?');
  const read = (token: string): Record<string, MetadataValue> =>
    Object.fromEntries(all.all(token).map((row) => [row.key, JSON.parse(row.value) as MetadataValue]));
  return {
    read,
    merge: db.transaction((token: string, values: Record<string, MetadataValue>): void => {
      for (const [key, value] of Object.entries(values)) upsert.run(token, key, JSON.stringify(value));
    }),
    clear(token: string): void {
      clear.run(token);
    },
  };
}
