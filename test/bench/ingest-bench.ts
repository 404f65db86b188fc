/**
 * Ingest (issue 4, "Performance"; issue 16, "Scale and stamina"): message events waiting in
 * the sandbox for a key are replayed end to end (network, parse, encrypted commit, ack) into an
 * empty store by the real account runtime, in a process of its own; the sandbox runs in
 * another. Compared, in the same run, with a floor: JSON.parse plus one-transaction inserts of
 * the same rows into the same kind of encrypted database (secure deletion on in both, as the
 * store opens it; each run checks that). Peak memory is that process's maxRSS after ingest.
 *
 * Two loads: a replay of 50,000 (a day offline), where the per-event cost shows, and a burst of
 * 2,000, where what is paid once per replay (connecting, the first batch, the last commit and
 * its acks) weighs as much as the events. `--quick` runs the burst only.
 *
 * The runtime is configured as the app configures it, with its window showing another
 * conversation than the replayed one (the change sets carry that conversation's newest
 * notifiable message, not a view of each of the 50,000). The replay is also run with the
 * replayed conversation's thread shown, reported beside: every message's view is then built.
 *
 * The backlog is sent once through the API client (the sandbox has no faster way in); each
 * run gets a copy of the seeded sandbox data dir, so every run replays the very same events
 * into a fresh store.
 */
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atLeast, atMost, median } from './figure';
import type { Bench, Figure } from './figure';
import { newPerson } from './support/bench-accounts';
import type { SandboxPerson } from './support/bench-accounts';
import { runForked } from './support/forked-task';
import type { IngestInput, IngestResult } from './support/ingest-run';
import { dataLines, messageLines, readReplay } from './support/replay-reader';
import { startSandboxProcess } from './support/sandbox-process';
import { sendMessages } from './support/seed-messages';

interface Seeded {
  dataDir: string;
  receiver: SandboxPerson;
  lastEventId: string;
  replayFile: string;
}

async function seed(work: string, count: number): Promise<Seeded> {
  const dataDir = join(work, 'seeded');
  const sandbox = await startSandboxProcess({ dataDir });
  try {
    const sender = await newPerson(sandbox.url, 'Ingest Sender');
    const receiver = await newPerson(sandbox.url, 'Ingest Receiver');
    await sendMessages({ apiUrl: sandbox.apiUrl, organizationKey: sandbox.organizationKey, sender, recipient: receiver.token, count, concurrency: 16 });
    const replay = await readReplay(sandbox.apiUrl, receiver);
    const lines = messageLines(dataLines(replay.text));
    // The first message also put the sender on the receiver's roster: one `friends` event more.
    if (replay.announced !== count + 1 || lines.length !== count) {
      throw new Error(`the receiver's queue holds ${replay.announced} events (${lines.length} messages), not the ${count} sent and one roster change`);
    }
    const replayFile = join(work, 'replay.txt');
    await writeFile(replayFile, replay.text);
    const lastEventId = (JSON.parse(lines[lines.length - 1]!) as { event_id: string }).event_id;
    return { dataDir, receiver, lastEventId, replayFile };
  } finally {
    await sandbox.close();
  }
}

async function ingestOnce(work: string, seeded: Seeded, run: number, expected: number, threadShown: boolean): Promise<IngestResult> {
  const dataDir = join(work, `run-${run}`);
  await cp(seeded.dataDir, dataDir, { recursive: true });
  const sandbox = await startSandboxProcess({ dataDir });
  try {
    const input: IngestInput = {
      apiUrl: sandbox.apiUrl,
      key: seeded.receiver.key,
      secret: seeded.receiver.secret,
      expected,
      lastEventId: seeded.lastEventId,
      replayFile: seeded.replayFile,
      threadShown,
    };
    return await runForked<IngestInput, IngestResult>(new URL('./support/ingest-run.ts', import.meta.url), input, 30 * 60_000);
  } finally {
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const round = (value: number, digits = 0) => Number(value.toFixed(digits));

interface Runs {
  /** The window shows another conversation: the app's change sets carry only the replay's newest notifiable message. */
  elsewhere: IngestResult[];
  /** The window shows the replayed conversation: every message's view goes into the change sets. */
  shown: IngestResult[];
}

/** Seeds `count` messages once and replays them, each run into a fresh store. */
async function ingestRuns(count: number, plan: { runs: number; shownRuns: number }): Promise<Runs> {
  const work = await mkdtemp(join(tmpdir(), 'tigerdesk-ingest-bench-'));
  try {
    const seeded = await seed(work, count);
    const runs: Runs = { elsewhere: [], shown: [] };
    for (let run = 0; run < plan.runs + plan.shownRuns; run += 1) {
      const shown = run >= plan.runs;
      (shown ? runs.shown : runs.elsewhere).push(await ingestOnce(work, seeded, run, count, shown));
    }
    return runs;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const REPLAY = { count: 50_000, runs: 3, shownRuns: 3 };
// More runs than the replay: each is short, and a burst's figure moves more with the machine.
const BURST = { count: 2_000, runs: 5, shownRuns: 0 };

function replayFigures({ elsewhere: results, shown }: Runs): Figure[] {
  const { count, runs, shownRuns } = REPLAY;
  const rate = (ms: number) => round(count / (ms / 1000));
  const over = `${count.toLocaleString('en')} message events, the window showing another conversation, median of ${runs} runs`;
  const overShown = `${count.toLocaleString('en')} message events, the window showing the replayed conversation, median of ${shownRuns} runs`;
  return [
    atLeast(`ingest end to end (network, parse, encrypted commit, ack), ${over}`, rate(median(results.map((r) => r.endToEndMs))), 'events/s', 20_000),
    atMost(`ingest end to end over its floor (JSON.parse + one-transaction inserts) in the same run, ${over}`, round(median(results.map((r) => r.endToEndMs / r.floorMs)), 2), 'x', 2),
    atMost(`ingest process peak RSS, highest of ${runs} runs`, round(Math.max(...results.map((r) => r.peakRssBytes)) / 2 ** 20, 1), 'MB', 250),
    { name: `ingest until the replay is committed (before the last acks), ${over}`, value: rate(median(results.map((r) => r.storedMs))), unit: 'events/s', target: 'reported', met: true },
    { name: `ingest: messages not yet in the search index when the last ack was accepted, highest of ${runs} runs`, value: Math.max(...results.map((r) => r.unindexedAtAck)), unit: 'messages', target: 'reported', met: true },
    { name: `ingest: indexing those for search afterwards (the idle indexer's work, in one run), median of ${runs} runs`, value: round(median(results.map((r) => r.indexMs))), unit: 'ms', target: 'reported', met: true },
    { name: 'ingest process RSS once signed in, before the replay, highest of the runs', value: round(Math.max(...results.map((r) => r.rssBeforeBytes)) / 2 ** 20, 1), unit: 'MB', target: 'reported', met: true },
    { name: `ingest floor, ${over}`, value: rate(median(results.map((r) => r.floorMs))), unit: 'events/s', target: 'reported', met: true },
    { name: `ingest end to end, ${overShown}`, value: rate(median(shown.map((r) => r.endToEndMs))), unit: 'events/s', target: 'reported', met: true },
    { name: `ingest end to end over its floor, ${overShown}`, value: round(median(shown.map((r) => r.endToEndMs / r.floorMs)), 2), unit: 'x', target: 'reported', met: true },
  ];
}

function burstFigures({ elsewhere: results }: Runs): Figure[] {
  const { count, runs } = BURST;
  const rate = (ms: number) => round(count / (ms / 1000));
  const over = `${count.toLocaleString('en')} message events, the window showing another conversation, median of ${runs} runs`;
  return [
    atMost(`ingest burst end to end over its floor (JSON.parse + one-transaction inserts) in the same run, ${over}`, round(median(results.map((r) => r.endToEndMs / r.floorMs)), 2), 'x', 3),
    { name: `ingest burst end to end (network, parse, encrypted commit, ack), ${over}`, value: rate(median(results.map((r) => r.endToEndMs))), unit: 'events/s', target: 'reported', met: true },
    { name: `ingest burst floor, ${over}`, value: rate(median(results.map((r) => r.floorMs))), unit: 'events/s', target: 'reported', met: true },
  ];
}

export const bench: Bench = {
  title: 'core ingest: replayed events into an empty store',
  async run({ quick }): Promise<Figure[]> {
    const replay = quick ? [] : replayFigures(await ingestRuns(REPLAY.count, REPLAY));
    return [...replay, ...burstFigures(await ingestRuns(BURST.count, BURST))];
  },
};
