/**
 * Real sandboxes for tests, each on a free port of 127.0.0.1 with a temporary data folder that
 * its close() removes: one shared by the tests of a file, or one for a single test.
 */
import { onTestFinished } from 'vitest';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox, SandboxOptions } from '../../sandbox/index';
import { readThrough, useFixture } from './hooked-fixture';

/**
 * Registers hooks that start a sandbox before the first test of the file (or describe block)
 * and close it after the last. The returned handle reads through to that sandbox, so it can be
 * passed wherever a RunningSandbox goes; hooks the file registers later run after the start and
 * before the close.
 */
export function useSandbox(options: SandboxOptions = {}): RunningSandbox {
  const running = useFixture('file', () => startSandbox(options), (sandbox) => sandbox.close());
  return readThrough(running, { url: true, apiUrl: true, dataDir: true, organizationKey: true, northsideOrganizationKey: true, close: true });
}

/** Starts a sandbox for the running test alone; it closes when the test finishes, passed or failed. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const sandbox = await startSandbox(options);
  onTestFinished(() => sandbox.close());
  return sandbox;
}
