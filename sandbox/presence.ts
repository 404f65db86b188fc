import type { SandboxContext } from './context';
import type { StreamListener } from './hub';

/**
 * A person is `available` while at least one of their streams is open. The change is sent, as a
 * transient `presence` event, to everyone who has that person on their roster.
 */
export class Presence implements StreamListener {
  private readonly accountOfKey = new Map<string, string>();
  private readonly openStreams = new Map<string, number>();
  private stopped = false;

  constructor(private readonly ctx: SandboxContext) {}

  opened(key: string): void {
    if (this.stopped) return;
    const account = this.accountOfKey.get(key) ?? this.ctx.accounts.session(key)?.account_token;
    if (account === undefined) return;
    this.accountOfKey.set(key, account);
    const count = (this.openStreams.get(account) ?? 0) + 1;
    this.openStreams.set(account, count);
    if (count === 1) this.announce(account, 'available');
  }

  closed(key: string): void {
    if (this.stopped) return;
    const account = this.accountOfKey.get(key);
    if (account === undefined) return;
    const count = (this.openStreams.get(account) ?? 1) - 1;
    if (count > 0) {
      this.openStreams.set(account, count);
      return;
    }
    this.openStreams.delete(account);
    for (const [other, owner] of this.accountOfKey) if (owner === account) this.accountOfKey.delete(other);
    this.announce(account, 'unavailable');
  }

  /** At shutdown the database closes while streams are still ending: announce nothing more. */
  stop(): void {
    this.stopped = true;
  }

  private announce(account: string, type: 'available' | 'unavailable'): void {
    this.ctx.fanout.transient(this.ctx.roster.watchers(account), 'presence', { from: account, type });
  }
}
