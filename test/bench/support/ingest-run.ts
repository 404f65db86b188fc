/**
 * One ingest run, in a process of its own (forked by ingest-bench.ts): signs in with a key
 * whose queue holds the events, replays them end to end into an empty store (network,
 * parse, encrypted commit, ack) through the real account runtime, then measures the floor
 * on the same events. Peak memory is read between the two, so it is the ingest's alone.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccountRuntime } from '../../../main/core/account';
import { tapAcknowledgements } from './ack-tap';
import { BenchLog, signInAndOpen } from './bench-accounts';
import { answerParent } from './forked-task';
import { measureFloor, secureDeleteOf } from './ingest-floor';
import { dataLines, messageLines, readReplay } from './replay-reader';

export interface IngestInput {
  apiUrl: string;
  key: string;
  secret: string;
  /** How many message events the key's queue holds. */
  expected: number;
  /** The id of the last message event of the replay: once it is acknowledged, all are. */
  lastEventId: string;
  /** The raw text of the same replay, for the floor. */
  replayFile: string;
  /**
   * Whether the window shows the replayed conversation's thread (its change sets then carry
   * every message; otherwise only the newest a notification names, as the app's do).
   */
  threadShown: boolean;
}

export interface IngestResult {
  /** From the catch-up call to the server accepting the ack of the last event. */
  endToEndMs: number;
  /** From the catch-up call to the replay being committed (before the last acks). */
  storedMs: number;
  floorMs: number;
  /** Messages not yet in the search index when the last ack was accepted (the indexer waits for sync to go quiet). */
  unindexedAtAck: number;
  /** Indexing those for search, in one run, after the ingest. */
  indexMs: number;
  /** The process's peak resident set after the ingest, in bytes. */
  peakRssBytes: number;
  /** Its resident set once signed in, just before the replay, in bytes. */
  rssBeforeBytes: number;
}

answerParent<IngestInput, IngestResult>(async (input) => {
  const tap = tapAcknowledgements();
  const dataRoot = await mkdtemp(join(tmpdir(), 'tigerdesk-ingest-'));
  const log = new BenchLog();
  let runtime: AccountRuntime | undefined;
  try {
    runtime = await signInAndOpen({ apiUrl: input.apiUrl, key: input.key, secret: input.secret, dataRoot, log, threadShown: () => input.threadShown });
    const rssBeforeBytes = process.memoryUsage.rss();
    const lastAcked = tap.acceptedAt(input.lastEventId);
    const began = performance.now();
    // Generous: the point is to measure a slow ingest, not to cut it short.
    await runtime.catchUp(20 * 60_000);
    const stored = performance.now();
    const acked = await lastAcked;
    const unindexedAtAck = runtime.store.search.pendingCount();
    const indexing = performance.now();
    runtime.store.transaction(() => runtime!.store.search.indexPending());
    const indexMs = performance.now() - indexing;
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;

    const held = runtime.store.statements.prepare<{ n: number }>('SELECT count(*) AS n FROM messages').get()?.n ?? 0;
    const secureDelete = secureDeleteOf(runtime.store);
    const me = runtime.account.userToken;
    await runtime.close();
    if (held !== input.expected) throw new Error(`the store holds ${held} messages, not the ${input.expected} replayed`);
    const left = messageLines(dataLines((await readReplay(input.apiUrl, input)).text)).length;
    if (left !== 0) throw new Error(`${left} message events are still unacknowledged on the server`);
    log.assertNoErrors('the ingest');

    const lines = messageLines(dataLines(await readFile(input.replayFile, 'utf8')));
    const floor = measureFloor(lines, me, join(dataRoot, 'floor'));
    if (floor.stored !== input.expected) throw new Error(`the floor stored ${floor.stored} messages, not ${input.expected}`);
    if (floor.secureDelete !== secureDelete) throw new Error(`the floor's store has secure_delete ${floor.secureDelete}, the ingest's ${secureDelete}: not the same work`);
    return { endToEndMs: acked - began, storedMs: stored - began, floorMs: floor.ms, unindexedAtAck, indexMs, peakRssBytes, rssBeforeBytes };
  } finally {
    await runtime?.close();
    tap.remove();
    await rm(dataRoot, { recursive: true, force: true });
  }
});
