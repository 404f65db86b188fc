// "Try the local sandbox": the sandbox server runs in an Electron utility process (its own
// process, so its database and HTTP server never block the window), on loopback, with its
// data in the app's data folder. `bundlePath` is the esbuild bundle of sandbox-utility.ts.
import type { ForkOptions } from 'electron';
import * as v from 'valibot';
import { sandboxArguments, sandboxReport } from '../embedded-sandbox/sandbox-messages';
import type { SandboxCommand } from '../embedded-sandbox/sandbox-messages';
import type { AppUtilityProcess } from './platform';

export type UtilityLike = AppUtilityProcess;
export type ForkUtility = (modulePath: string, args: string[], options: ForkOptions) => UtilityLike;

export interface EmbeddedSandbox {
  apiUrl: string;
  port: number;
  demoUser: { userId: string; password: string };
  /** Asks the sandbox to close its database; kills it if it has not exited within `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface StartSandboxOptions {
  bundlePath: string;
  dataDir: string;
  /** 0 for a free port; the port of the last run to keep the stored account's server URL. */
  port: number;
  timeoutMs?: number;
  /** The process ended (stopped, crashed or killed): a later "Try the sandbox" must start it again. */
  exited?(code: number): void;
}

export function startEmbeddedSandbox(fork: ForkUtility, options: StartSandboxOptions): Promise<EmbeddedSandbox> {
  const child = fork(options.bundlePath, sandboxArguments(options.port, options.dataDir), {
    serviceName: 'TigerDesk sandbox',
    stdio: 'ignore',
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code: number) => {
      exited = true;
      options.exited?.(code);
      resolve();
    });
  });

  const stop = async (timeoutMs = 5_000): Promise<void> => {
    if (exited) return;
    const command: SandboxCommand = { kind: 'stop' };
    child.postMessage(command);
    let timer: NodeJS.Timeout | undefined;
    const killed = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        child.kill();
        resolve();
      }, timeoutMs);
    });
    await Promise.race([exit, killed]);
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`The local sandbox did not start within ${options.timeoutMs ?? 20_000} ms`));
    }, options.timeoutMs ?? 20_000);
    child.on('message', (message: unknown) => {
      const parsed = v.safeParse(sandboxReport, message);
      if (!parsed.success) return;
      clearTimeout(timer);
      const report = parsed.output;
      if (report.kind === 'failed') {
        reject(new Error(`The local sandbox could not start: ${report.reason}`));
        return;
      }
      resolve({ apiUrl: report.apiUrl, port: report.port, demoUser: report.demoUser, stop });
    });
    child.once('exit', (code: number) => {
      clearTimeout(timer);
      reject(new Error(`The local sandbox exited with code ${code} before it was ready`));
    });
  });
}
