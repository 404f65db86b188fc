import { expect, vi } from 'vitest';
import type { LogRecord } from '../../main/core/log/logger';

/** Nothing a log record holds may contain any of these texts (bodies, secrets). */
export function expectNotLogged(records: readonly LogRecord[], ...texts: string[]): void {
  const logged = JSON.stringify(records);
  for (const text of texts) expect(logged).not.toContain(text);
}

/** Retries the assertion until it holds: for work that finishes after a timer or a request. Generous, for a loaded CI machine. */
export function eventually<T>(assertion: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(assertion, { timeout: 10_000, interval: 5 });
}
