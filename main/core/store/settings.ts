import type { Statements } from './statements';

/** Per-account settings as JSON values; callers validate what they read back. */
export class Settings {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  get(key: string): unknown {
    const row = this.sql.prepare<{ value_json: string }>('SELECT value_json FROM settings WHERE key = ?').get(key);
    return row === undefined ? undefined : JSON.parse(row.value_json);
  }

  delete(key: string): void {
    this.sql.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  set(key: string, value: unknown): void {
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`Setting ${key} has no JSON form`);
    this.sql.prepare(
      'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
    ).run(key, json);
  }
}
