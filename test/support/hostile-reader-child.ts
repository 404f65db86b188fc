/**
 * The client side of the memory tests, in a process of its own so that its memory is its own:
 * reads from a hostile server with small caps while sampling its memory, then prints one JSON
 * line with what happened and the peak growth over the baseline taken before it started.
 * Run with --expose-gc, so the baseline is taken after a collection.
 * Configuration: JSON in HOSTILE_READER: `{ mode: 'reply' | 'events', origin, capBytes, runMs }`.
 *   reply:  one getMessage whose reply is far larger than the cap.
 *   events: an event stream whose every connection sends a line that never ends, for `runMs`.
 */
import { createApiClient } from '../../main/core/api';
import { createEventStream } from '../../main/core/events/event-stream';

interface ReaderConfig {
  mode: 'reply' | 'events';
  origin: string;
  capBytes: number;
  runMs: number;
}

export interface ReaderReport {
  outcome: string;
  /** How many times the event stream was cut at the cap (events mode). */
  cuts: number;
  samples: number;
  /** Peak growth over the baseline, in bytes. */
  peak: { heapAndBuffers: number; rss: number };
}

const config = JSON.parse(process.env.HOSTILE_READER ?? '') as ReaderConfig;
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

const measure = () => {
  const usage = process.memoryUsage();
  return { heapAndBuffers: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
};
gc();
const baseline = measure();
const peak = { heapAndBuffers: 0, rss: 0 };
let samples = 0;
const sample = () => {
  const now = measure();
  samples += 1;
  peak.heapAndBuffers = Math.max(peak.heapAndBuffers, now.heapAndBuffers - baseline.heapAndBuffers);
  peak.rss = Math.max(peak.rss, now.rss - baseline.rss);
};
const sampler = setInterval(sample, 5);

let outcome = '';
let cuts = 0;
if (config.mode === 'reply') {
  const client = createApiClient({
    baseUrl: `${config.origin}/v2`, credentials: { key: 'k', secret: 's' }, maxReplyBytes: config.capBytes, timeoutMs: 60_000,
  });
  outcome = await client.getMessage('m-1').then(() => 'read whole', (error: Error) => error.message);
} else {
  const quiet = () => undefined;
  const stream = createEventStream({
    request: () => ({ url: `${config.origin}/v2/events`, headers: { Authorization: 'Basic eA==' } }),
    ack: async () => undefined,
    handle: async () => undefined,
    onRemoteWipe: async () => undefined,
    log: {
      info: quiet,
      warn: quiet,
      error: (message, fields) => {
        if (message.startsWith('event stream: the server sent more than the client holds')) {
          cuts += 1;
          outcome = String(fields?.reason);
        }
      },
    },
    heartbeatMs: 60_000,
    reconnectBackoff: { baseMs: 20, capMs: 100 },
    maxEventBytes: config.capBytes,
  });
  stream.start();
  await new Promise((resolve) => setTimeout(resolve, config.runMs));
  await stream.stop();
}
sample();
clearInterval(sampler);
const report: ReaderReport = { outcome, cuts, samples, peak };
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
