// Quitting with an account open: its runtime closes first (the stream stops so that nothing
// reconnects, the acks that can be sent are sent, the database closes), then the server is
// asked to close every stream of this key (DELETE /v2/events), a stale one left by a crash
// included. Queued messages are not pushed out in a hurry: they stay queued for the next start.
// Credentials kept only in memory (no keychain answered) die with the process, so the server is
// asked to revoke them too: a key pair nobody can use again must not stay valid.
import type { AccountRuntime } from '.';
import type { Logger } from '../log/logger';

export async function closeAccountForQuit(
  runtime: Pick<AccountRuntime, 'api'>,
  closeRuntime: () => Promise<void>,
  options: { timeoutMs: number; log: Pick<Logger, 'warn'>; revoke?: boolean },
): Promise<void> {
  await closeRuntime();
  try {
    await runtime.api.closeEventStreams({ signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    options.log.warn('could not close the event streams on the server', { error: (error as Error).message });
  }
  if (options.revoke !== true) return;
  try {
    await runtime.api.logout({ signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    options.log.warn('could not revoke the credentials kept only in memory', { error: (error as Error).message });
  }
}
