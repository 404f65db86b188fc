/**
 * Latency (issue 4, "Performance"): a message sent by one core instance appears as a change
 * set in another, on loopback. Two independent account runtimes in one process of their
 * own; the sandbox in another. p50 and p99 over 1,000 messages (300 with --quick: the p99
 * of fewer would be one or two outliers).
 */
import { atMost, percentile } from './figure';
import type { Bench, Figure } from './figure';
import { newPerson } from './support/bench-accounts';
import { runForked } from './support/forked-task';
import type { Latencies, LatencyInput } from './support/latency-run';
import { startSandboxProcess } from './support/sandbox-process';

export const bench: Bench = {
  title: 'core latency: send in one runtime to change set in another',
  async run({ quick }): Promise<Figure[]> {
    const measured = quick ? 300 : 1_000;
    const sandbox = await startSandboxProcess();
    try {
      const sender = await newPerson(sandbox.url, 'Latency Sender');
      const receiver = await newPerson(sandbox.url, 'Latency Receiver');
      const input: LatencyInput = { apiUrl: sandbox.apiUrl, sender, receiver, warmup: 50, measured };
      const latencies = await runForked<LatencyInput, Latencies>(new URL('./support/latency-run.ts', import.meta.url), input, 120_000);
      if (latencies.length !== measured) throw new Error(`measured ${latencies.length} messages, not ${measured}`);
      const over = `${measured.toLocaleString('en')} messages on loopback`;
      return [
        atMost(`latency send to change set in another runtime, p99 of ${over}`, Number(percentile(latencies, 99).toFixed(1)), 'ms', 30),
        {
          name: `latency send to change set in another runtime, p50 of ${over}`,
          value: Number(percentile(latencies, 50).toFixed(1)),
          unit: 'ms',
          target: 'reported',
          met: true,
        },
      ];
    } finally {
      await sandbox.close();
    }
  },
};
