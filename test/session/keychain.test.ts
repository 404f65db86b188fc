import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

it('reports a locked keychain at start-up as keychain-unavailable, naming the cause', async () => {
  const env = { ...process.env };
  delete env['TIGERDESK_KEYRING_READY'];
  delete env['GNOME_KEYRING_CONTROL'];
  const scenario = join(import.meta.dirname, 'fixtures', 'locked-keychain-scenario.ts');
  const { stdout } = await run('bash', [join(root, 'test/support/with-keyring.sh'), process.execPath, '--import', 'tsx', scenario], {
    cwd: root,
    env,
    timeout: 30_000,
  });
  const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    state: { kind: string; cause: string; message: string };
    error: { reason: string; message: string };
  };
  expect(outcome.state).toMatchObject({ kind: 'keychain-unavailable', cause: 'locked' });
  expect(outcome.state.message).toMatch(/keychain is locked/);
  expect(outcome.error.reason).toBe('keychain-unavailable');
  expect(outcome.error.message).toMatch(/^The keychain cannot be used \(locked\): .*keychain is locked; unlock it and try again/);
});
