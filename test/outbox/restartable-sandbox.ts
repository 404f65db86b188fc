/** A sandbox that keeps its data in a folder, so that it can be stopped and started again on the same port. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandbox } from '../../sandbox';
import type { RunningSandbox, SandboxOptions } from '../../sandbox';
import { freePort } from '../session/fixtures/sandbox-process';

export interface RestartableSandbox {
  /** The first start's address; every later start has the same. */
  first: RunningSandbox;
  start(options?: Omit<SandboxOptions, 'dataDir' | 'port'>): Promise<RunningSandbox>;
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

export async function restartableSandbox(): Promise<RestartableSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tigerdesk-restartable-sandbox-'));
  const port = await freePort();
  let running: RunningSandbox | undefined;
  const start = async (options: Omit<SandboxOptions, 'dataDir' | 'port'> = {}) => {
    running = await startSandbox({ ...options, dataDir, port });
    return running;
  };
  const stop = async () => {
    await running?.close();
    running = undefined;
  };
  return {
    first: await start(),
    start,
    stop,
    async remove() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
