import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runInOwnKeyring } from '../support/own-keyring-scenario';

it('reports a locked keychain at start-up as keychain-unavailable, naming the cause', async () => {
  const outcome = (await runInOwnKeyring(join(import.meta.dirname, 'fixtures', 'locked-keychain-scenario.ts'), 30_000)) as {
    state: { kind: string; cause: string; message: string };
    error: { reason: string; message: string };
  };
  expect(outcome.state).toMatchObject({ kind: 'keychain-unavailable', cause: 'locked' });
  expect(outcome.state.message).toMatch(/keychain is locked/);
  expect(outcome.error.reason).toBe('keychain-unavailable');
  expect(outcome.error.message).toMatch(/^The keychain cannot be used \(locked\): .*keychain is locked; unlock it and try again/);
});
