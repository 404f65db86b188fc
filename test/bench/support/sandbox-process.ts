/**
 * A sandbox server in another process, so that its work (fan-out, replay, its own memory)
 * is not counted against the client process being measured.
 */
import { once } from 'node:events';
import { forkTask } from './forked-task';

export interface SandboxProcess {
  url: string;
  apiUrl: string;
  organizationKey: string;
  /** Closes the server (its database is checkpointed and closed) and waits for the process to end. */
  close(): Promise<void>;
}

type Started = { ok: true; url: string; apiUrl: string; organizationKey: string } | { ok: false; error: string };

/** Absent `dataDir`: a temporary one, removed on close. A given one is kept. */
export async function startSandboxProcess(options: { dataDir?: string } = {}): Promise<SandboxProcess> {
  const child = forkTask(new URL('./sandbox-main.ts', import.meta.url));
  const exited = once(child, 'exit');
  child.send(options);
  const [started] = (await Promise.race([
    once(child, 'message'),
    exited.then(([code]) => {
      throw new Error(`the sandbox process exited (${String(code)}) before it listened`);
    }),
  ])) as [Started];
  if (!started.ok) throw new Error(`the sandbox process failed to start: ${started.error}`);
  let closing: Promise<void> | undefined;
  return {
    url: started.url,
    apiUrl: started.apiUrl,
    organizationKey: started.organizationKey,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.send('close');
        await exited;
      })();
      return closing;
    },
  };
}
