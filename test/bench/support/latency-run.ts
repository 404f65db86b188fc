/**
 * Send-to-change latency, in a process of its own (forked by latency-bench.ts): two
 * independent account runtimes (separate sessions, vaults, data folders and stores), both
 * caught up and live. One sends through its outbox, as the app does (stored first, then
 * sent); the time runs from the `send` call to the change set in the other runtime that
 * carries the message. One message at a time, so each is measured unloaded.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchLog, signInAndOpen } from './bench-accounts';
import { answerParent } from './forked-task';
import { benchBody } from './seed-messages';

export interface LatencyInput {
  apiUrl: string;
  sender: { key: string; secret: string };
  receiver: { key: string; secret: string };
  /** Sent first and not measured: they warm up both runtimes and the sandbox. */
  warmup: number;
  measured: number;
}

/** Milliseconds from the send call to the change set, one per measured message. */
export type Latencies = number[];

answerParent<LatencyInput, Latencies>(async (input) => {
  const roots = [await mkdtemp(join(tmpdir(), 'tigerdesk-latency-a-')), await mkdtemp(join(tmpdir(), 'tigerdesk-latency-b-'))];
  const log = new BenchLog();
  try {
    const sender = await signInAndOpen({ apiUrl: input.apiUrl, ...input.sender, dataRoot: roots[0]!, log });
    const receiver = await signInAndOpen({ apiUrl: input.apiUrl, ...input.receiver, dataRoot: roots[1]!, log });
    try {
      await sender.catchUp(30_000);
      await receiver.catchUp(30_000);
      // Every body is different, so the receiver knows each message by it.
      const arrived = new Map<string, number>();
      let waiting: { body: string; resolve: () => void } | undefined;
      receiver.changes.subscribe((changes) => {
        const at = performance.now();
        for (const message of changes.messages) {
          if (message.outgoing || arrived.has(message.body)) continue;
          arrived.set(message.body, at);
          if (waiting?.body === message.body) waiting.resolve();
        }
      });
      const to = receiver.account.userToken;
      const latencies: Latencies = [];
      for (let n = -input.warmup; n < input.measured; n += 1) {
        const body = benchBody(n + input.warmup);
        const began = performance.now();
        await sender.outbox.send({ conversationId: to, conversationKind: 'user', body });
        if (!arrived.has(body)) {
          await new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`message ${n} did not reach the receiver within 10 s`)), 10_000);
            waiting = {
              body,
              resolve() {
                clearTimeout(timer);
                resolve();
              },
            };
          });
          waiting = undefined;
        }
        if (n >= 0) latencies.push(arrived.get(body)! - began);
      }
      log.assertNoErrors('the latency run');
      return latencies;
    } finally {
      await sender.close();
      await receiver.close();
    }
  } finally {
    for (const root of roots) await rm(root, { recursive: true, force: true });
  }
});
