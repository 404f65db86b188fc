// The entry of the embedded sandbox's utility process (bundled on its own): starts the
// sandbox with its demo organization and reports its address to the main process.
import type { ParentPort } from 'electron';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { DEMO_PASSWORD, DEMO_YOU } from '../../sandbox/demo/accounts';
import { startSandbox } from '../../sandbox/index';
import type { RunningSandbox, SandboxOptions } from '../../sandbox/index';
import { sandboxCommand } from '../embedded-sandbox/sandbox-messages';
import type { SandboxReport } from '../embedded-sandbox/sandbox-messages';

export type ParentPortLike = Pick<ParentPort, 'on' | 'postMessage'>;

export interface SandboxUtilityProcess {
  start(options: SandboxOptions): Promise<RunningSandbox>;
  exit(code: number): void;
}

const utilityProcess: SandboxUtilityProcess = { start: startSandbox, exit: (code) => process.exit(code) };

/** Resolves once the sandbox is ready or has failed (and said so); a `stop` message then closes it and exits. */
export async function runSandboxUtility(
  parent: ParentPortLike,
  args: string[],
  { start, exit }: SandboxUtilityProcess = utilityProcess,
): Promise<RunningSandbox | null> {
  let sandbox: RunningSandbox;
  try {
    const { values } = parseArgs({ args, options: { port: { type: 'string' }, 'data-dir': { type: 'string' } }, strict: true });
    const port = Number(values.port);
    const dataDir = values['data-dir'];
    if (!Number.isInteger(port) || port < 0 || port > 65535 || dataDir === undefined) {
      throw new Error('the sandbox utility needs --port 0-65535 and --data-dir');
    }
    sandbox = await start({ port, dataDir, seedDemo: true });
  } catch (error) {
    const report: SandboxReport = { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
    parent.postMessage(report);
    return null;
  }
  let stopping = false;
  parent.on('message', (event) => {
    if (stopping || !v.is(sandboxCommand, event.data)) return;
    stopping = true;
    void sandbox.close().then(() => exit(0));
  });
  const report: SandboxReport = {
    kind: 'ready',
    apiUrl: sandbox.apiUrl,
    port: Number(new URL(sandbox.url).port),
    demoUser: { userId: DEMO_YOU, password: DEMO_PASSWORD },
  };
  parent.postMessage(report);
  return sandbox;
}

// Only inside Electron's utility process: there `process.parentPort` exists.
const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort !== undefined) void runSandboxUtility(parentPort, process.argv.slice(2));
