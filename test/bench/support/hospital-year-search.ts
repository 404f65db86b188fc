/**
 * Full-text search over the hospital year, in a process of its own: 200 varied queries as the
 * window sends them (50 results each, with their messages read for display), each result
 * checked to hold every word typed. Also weighs the database: its pages, and those of the
 * search index among them.
 */
import type { SecretEntries } from './copyable-secret-store';
import { answerParent } from './forked-task';
import { openYear } from './hospital-year-open';
import { seededRandom } from './hospital-year-random';
import { searchQueries } from './hospital-year-text';

export interface YearSearchInput {
  dataRoot: string;
  secrets: SecretEntries;
  seed: number;
  queries: number;
}

export interface YearSearch {
  ms: number[];
  /** Queries that found something; the ones made of words no message holds must not. */
  found: number;
  databaseBytes: number;
  searchIndexBytes: number;
  messages: number;
}

/** What the window asks for (main/window-api/message-calls.ts). */
const resultsShown = 50;
const nowhere = new Set(['zebrafish', 'quasar', 'xylophone', 'flamenco']);

answerParent<YearSearchInput, YearSearch>(async (input) => {
  const { runtime, log } = await openYear(input.dataRoot, input.secrets);
  try {
    const queries = searchQueries(seededRandom(input.seed), input.queries);
    const ms: number[] = [];
    let found = 0;
    for (const query of queries) {
      const began = performance.now();
      const results = runtime.sync.search(query, { limit: resultsShown });
      ms.push(performance.now() - began);
      const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      for (const { message } of results) {
        const body = message.body.toLowerCase();
        if (!words.every((word) => body.includes(word))) throw new Error(`the search for ${JSON.stringify(query)} found a message without one of its words`);
      }
      if (nowhere.has(query) && results.length > 0) throw new Error(`the search for ${JSON.stringify(query)} found messages that cannot hold it`);
      if (results.length > 0) found += 1;
    }
    const sql = runtime.store.statements;
    const pragma = (name: string) => sql.prepare<{ n: number }>(`SELECT ${name} AS n FROM pragma_${name}`).get()?.n ?? 0;
    const pageSize = pragma('page_size');
    const searchIndexBytes = sql.prepare<{ n: number }>("SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name LIKE 'messages_fts%'").get()?.n ?? 0;
    const messages = sql.prepare<{ n: number }>('SELECT count(*) AS n FROM messages').get()?.n ?? 0;
    log.assertNoErrors('searching the hospital year');
    return { ms, found, databaseBytes: pageSize * pragma('page_count'), searchIndexBytes, messages };
  } finally {
    await runtime.close();
  }
});
