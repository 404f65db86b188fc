import type Database from 'better-sqlite3-multiple-ciphers';

/** Prepares each SQL text once per connection and hands back the same statement after. */
export class Statements {
  readonly db: Database.Database;
  private readonly cache = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.db = db;
  }

  prepare<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let statement = this.cache.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }
}
