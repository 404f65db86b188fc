/**
 * A client process for urgent-alert-kills.test.ts: restores the account the test signed in
 * (same keychain service, same data folder), opens the full account runtime with a quick
 * urgent alert schedule, and prints one line per urgent update: `alert N` when an urgent
 * message alerts (N: how many times it has alerted in all, read from its store), `pending N`
 * when the unread urgent messages change. Killed with SIGKILL by the test.
 * Configuration: JSON in URGENT_CHILD.
 */
import { openAccount } from '../../../main/core/account';
import { SessionManager } from '../../../main/core/session';
import { KeytarSecretStore, Vault } from '../../../main/core/vault';

interface ChildConfig {
  service: string;
  dataRoot: string;
  everyMs: number;
  repeats: number;
}

const config = JSON.parse(process.env.URGENT_CHILD ?? '') as ChildConfig;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const session = new SessionManager({
  vault: new Vault(new KeytarSecretStore({ service: config.service })),
  dataRoot: config.dataRoot,
  clientVersion: 'tigerdesk-fault-child',
  log: quiet,
  fetch,
});
await session.restore();
const runtime = await openAccount({
  session,
  log: quiet,
  reconnectBackoff: { baseMs: 50, capMs: 400 },
  urgentAlerts: { everyMs: config.everyMs, repeats: config.repeats },
});
runtime.urgent.subscribe(({ alerts, alerting }) => {
  process.stdout.write(`pending ${alerts.length}\n`);
  for (const alert of alerting) {
    const sent = runtime.store.urgentAlerts.pending(Date.now()).find((message) => String(message.messageId) === alert.messageId)?.alertsSent;
    process.stdout.write(`alert ${sent ?? '?'}\n`);
  }
});
await runtime.start();
process.stdout.write('ready\n');
