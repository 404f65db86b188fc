// A real window lock (main/core/lock) for tests of the session's and the host's calls: over
// the session's vault when a test locks, or a vault of its own where the lock plays no part.
import { systemClock } from '../../main/core/clock';
import { ScreenLock } from '../../main/core/lock/screen-lock';
import type { ScreenLockOptions } from '../../main/core/lock/screen-lock';
import { createLogger } from '../../main/core/log/logger';
import type { LogRecord } from '../../main/core/log/logger';
import { SessionOnlySecretStore, Vault } from '../../main/core/vault';

/** scrypt at a cost tests can afford: the rules, not the cost, are under test. */
export const cheapCost = { N: 2 ** 4, r: 1, p: 1 };

export function screenLockFor(
  session: ScreenLockOptions['session'],
  options: Partial<Omit<ScreenLockOptions, 'session'>> & { logs?: LogRecord[] } = {},
): ScreenLock {
  const logs = options.logs ?? [];
  return new ScreenLock({
    vault: options.vault ?? new Vault(new SessionOnlySecretStore()),
    session,
    clock: options.clock ?? systemClock,
    log: options.log ?? createLogger('lock', (record) => logs.push(record)),
    cost: options.cost ?? cheapCost,
  });
}
