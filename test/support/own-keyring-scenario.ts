import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');

/**
 * Runs a scenario script (through tsx) in a keyring of its own, not the one the tests share:
 * these scenarios lock it or stop its daemon. Returns the JSON of the last line it printed.
 */
export async function runInOwnKeyring(scenario: string, timeoutMs: number): Promise<unknown> {
  const env = { ...process.env };
  delete env['TIGERDESK_KEYRING_READY'];
  delete env['GNOME_KEYRING_CONTROL'];
  const { stdout } = await run('bash', [join(root, 'test/support/with-keyring.sh'), process.execPath, '--import', 'tsx', scenario], {
    cwd: root,
    env,
    timeout: timeoutMs,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
}
