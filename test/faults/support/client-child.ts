/**
 * A client process for client-kills.test.ts, killed with SIGKILL at random moments. It
 * restores the account signed in by the test (same keychain service, same data folder),
 * opens the full account runtime and, while receiving, queues the next of its messages
 * until it has written `target` of them; it counts what it already wrote from its own store,
 * so each run picks up where the last one was cut off. Prints `ready`, then one `queued N`
 * line per message; on `stop` (standard input) it prints, as one JSON line, what its store
 * holds of the conversation, closes cleanly and prints `stopped`.
 * Configuration: JSON in CLIENT_CHILD.
 */
import { openAccount } from '../../../main/core/account';
import { SessionManager } from '../../../main/core/session';
import { KeytarSecretStore, Vault } from '../../../main/core/vault';

interface ChildConfig {
  service: string;
  dataRoot: string;
  peer: string;
  target: number;
  paceMs: number;
}

const config = JSON.parse(process.env.CLIENT_CHILD ?? '') as ChildConfig;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const session = new SessionManager({
  vault: new Vault(new KeytarSecretStore({ service: config.service })),
  dataRoot: config.dataRoot,
  clientVersion: 'tigerdesk-fault-child',
  fetch,
  log: quiet,
});
await session.restore();
const runtime = await openAccount({
  session, log: quiet, reconnectBackoff: { baseMs: 50, capMs: 400 }, outboxRetry: { baseMs: 50, capMs: 400 },
});
await runtime.start();
process.stdout.write('ready\n');

const written = () => runtime.store.statements.prepare<{ n: number }>(
  `SELECT count(*) AS n FROM messages WHERE conversation_id = ? AND direction = 'out'`,
).get(config.peer)!.n;
let stopping = false;
process.stdin.on('data', (chunk: Buffer) => {
  if (!chunk.toString().includes('stop') || stopping) return;
  stopping = true;
  const held = (direction: 'in' | 'out') => runtime.store.statements.prepare<{ body: string; status: string }>(
    'SELECT body, status FROM messages WHERE conversation_id = ? AND direction = ? ORDER BY created_time, id',
  ).all(config.peer, direction).map((message) => [message.body, message.status]);
  process.stdout.write(`${JSON.stringify({ in: held('in'), out: held('out') })}\n`);
  void runtime.close().then(() => {
    process.stdout.write('stopped\n');
    process.exit(0);
  });
});
for (let n = written(); n < config.target && !stopping; n = written()) {
  await runtime.outbox.send({ conversationId: config.peer, conversationKind: 'user', body: `from the child ${n}` });
  process.stdout.write(`queued ${n + 1}\n`);
  await new Promise((resolve) => setTimeout(resolve, config.paceMs));
}
