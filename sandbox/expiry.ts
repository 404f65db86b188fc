import type { SandboxContext } from './context';
import { removeMessage } from './messaging';

/**
 * Deletes every message whose time-to-live has run out by the sandbox clock. Runs on a timer and
 * before each API call, so with an injected clock a test sees expiry as soon as it moves time on.
 */
export function sweepExpired(ctx: SandboxContext): number {
  const due = ctx.messages.expiredAt(ctx.now());
  if (due.length === 0) return 0;
  ctx.fanout.write(() => {
    for (const message of due) removeMessage(ctx, message.token);
  });
  return due.length;
}

export function startExpiryTimer(ctx: SandboxContext, intervalMs: number): () => void {
  const timer = setInterval(() => sweepExpired(ctx), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
