/**
 * A second TigerDesk process for the lock tests: restores the account signed in on the
 * keychain service and data folder named in ACCOUNT_CHILD_CONFIG and opens it. It prints
 * `open` and holds the account until its standard input ends, then closes it and prints
 * `closed`; a refusal prints `refused <message>` and exits with status 6.
 */
import { AccountLockError, openAccount } from '../../../main/core/account';
import { SessionManager } from '../../../main/core/session';
import { KeytarSecretStore, Vault } from '../../../main/core/vault';

const config = JSON.parse(process.env['ACCOUNT_CHILD_CONFIG'] ?? '') as { service: string; dataRoot: string };
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const session = new SessionManager({
  vault: new Vault(new KeytarSecretStore({ service: config.service })),
  dataRoot: config.dataRoot,
  clientVersion: 'tigerdesk-lock-test',
  fetch,
  log: quiet,
});
await session.restore();
try {
  const runtime = await openAccount({ session, log: quiet });
  process.stdout.write('open\n');
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.once('end', resolve));
  await runtime.close();
  process.stdout.write('closed\n');
  process.exit(0);
} catch (error) {
  if (!(error instanceof AccountLockError)) throw error;
  process.stdout.write(`refused ${error.message}\n`);
  process.exit(6);
}
