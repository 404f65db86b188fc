/** Runs hostile-reader-child.ts in a process of its own and returns its report. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ReaderReport } from './hostile-reader-child';

const childScript = fileURLToPath(new URL('./hostile-reader-child.ts', import.meta.url));

export interface ReaderRun {
  mode: 'reply' | 'events';
  origin: string;
  capBytes: number;
  /** How long the events mode reads; the reply mode ends with its one call. */
  runMs?: number;
}

export function runHostileReader(run: ReaderRun): Promise<ReaderReport> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, HOSTILE_READER: JSON.stringify({ runMs: 0, ...run }) };
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', childScript], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const watchdog = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the reader process did not finish within 60 s: ${stderr.slice(0, 2_000)}`));
    }, 60_000);
    child.on('exit', (code) => {
      clearTimeout(watchdog);
      if (code === 0) resolve(JSON.parse(stdout.trim()) as ReaderReport);
      else reject(new Error(`the reader process exited with ${code}: ${stderr.slice(0, 2_000)}`));
    });
  });
}
