/**
 * One task in a child process of its own: the parent sends the input over the IPC channel
 * and gets one answer back. Benchmarks use it so that what they measure (peak memory, a
 * fresh start, event-loop delays) belongs to that task alone, not to the sandbox or to the
 * benchmarks that ran before it.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type Answer<T> = { ok: true; value: T } | { ok: false; error: string };

/** The child's tsx loader, found from this file, so the parent's own flags do not matter. */
const tsxLoader = import.meta.resolve('tsx');

/**
 * Starts `script` (a .ts file) in a child running tsx, with an IPC channel. Its stdout is
 * dropped so that nothing it prints gets into the benchmark's table; stderr shows a crash.
 */
export function forkTask(script: URL): ChildProcess {
  return fork(fileURLToPath(script), [], {
    execArgv: ['--import', tsxLoader],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
}

/** Runs `script` with `input` and resolves with its answer; rejects when it fails, exits or times out. */
export function runForked<I, O>(script: URL, input: I, timeoutMs: number): Promise<O> {
  const child = forkTask(script);
  return new Promise<O>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      if (child.exitCode === null) child.kill();
    };
    const timer = setTimeout(() => {
      settle(() => reject(new Error(`${fileURLToPath(script)} did not answer within ${timeoutMs} ms`)));
    }, timeoutMs);
    child.once('message', (message) => {
      const answer = message as Answer<O>;
      settle(() => (answer.ok ? resolve(answer.value) : reject(new Error(answer.error))));
    });
    child.once('error', (error) => settle(() => reject(error)));
    child.once('exit', (code, signal) => {
      settle(() => reject(new Error(`${fileURLToPath(script)} exited (${signal ?? code}) without an answer`)));
    });
    child.send(input as object);
  });
}

/** The child side: waits for the input, answers with the task's result or its error, and exits. */
export function answerParent<I, O>(task: (input: I) => Promise<O>): void {
  process.once('message', (input) => {
    task(input as I).then(
      (value) => finish({ ok: true, value }),
      (error: unknown) => finish({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

function finish<O>(answer: Answer<O>): void {
  process.send!(answer, () => process.exit(answer.ok ? 0 : 1));
}
