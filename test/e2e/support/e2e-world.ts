// What every end-to-end file runs on: a sandbox it can stop and bring back on the same port
// and data, the harness in front of it, and one Chromium for the whole file. What the cores
// logged (redacted by their logger) is printed for a test that fails, and dropped otherwise.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import '../../support/provided-context';
import type { LogRecord } from '../../../main/core/log/logger';
import { startSandbox } from '../../../sandbox/index';
import type { RunningSandbox, SandboxOptions } from '../../../sandbox/index';
import { launchChromium } from '../../harness/chromium';
import { startHarness } from '../../harness/harness-server';
import type { RunningHarness } from '../../harness/harness-server';

export interface RestartableSandbox {
  apiUrl: string;
  organizationKey: string;
  /** The demo's second organization, Northside Clinic. */
  northsideOrganizationKey: string;
  /** The server goes away as if the network dropped: open streams end, new calls are refused. */
  stop(): Promise<void>;
  /** The same server back: same port, same data. */
  start(): Promise<void>;
}

export interface World {
  browser: Browser;
  harness: RunningHarness;
  sandbox: RestartableSandbox;
  close(): Promise<void>;
}

/** What a file may ask of its sandbox: the demo people and history (default none). */
export type WorldSandboxOptions = Pick<SandboxOptions, 'seedDemo' | 'demoResponderStepMs'>;

/** Registers the file's hooks; the returned function gives the world inside a test. */
export function useWorld(sandboxOptions: WorldSandboxOptions = {}): () => World {
  let world: World | undefined;
  let log: LogRecord[] = [];
  beforeAll(async () => {
    world = await startWorld(sandboxOptions, (record) => log.push(record));
  });
  beforeEach(({ onTestFailed }) => {
    log = [];
    onTestFailed(() => {
      for (const record of log) process.stderr.write(`${JSON.stringify(record)}\n`);
    });
  });
  afterAll(async () => {
    await world?.close();
  });
  return () => {
    if (world === undefined) throw new Error('The end-to-end world did not start');
    return world;
  };
}

async function startWorld(sandboxOptions: WorldSandboxOptions, sink: (record: LogRecord) => void): Promise<World> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tigerdesk-e2e-sandbox-'));
  let running: RunningSandbox | null = await startSandbox({ ...sandboxOptions, port: 0, dataDir });
  const port = Number(new URL(running.url).port);
  const sandbox: RestartableSandbox = {
    apiUrl: running.apiUrl,
    organizationKey: running.organizationKey,
    northsideOrganizationKey: running.northsideOrganizationKey,
    async stop() {
      await running?.close();
      running = null;
    },
    async start() {
      running ??= await startSandbox({ ...sandboxOptions, port, dataDir });
    },
  };
  const harness = await startHarness({ sandboxUrl: running.url, appDir: inject('builtAppDir'), log: sink });
  const browser = await launchChromium();
  return {
    browser,
    harness,
    sandbox,
    async close() {
      await browser.close();
      await harness.close();
      await sandbox.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
