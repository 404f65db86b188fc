/**
 * A core process for the crash test: opens the account's store, connects the event stream,
 * drains the outbox against the sandbox, and exits once nothing is left. The test kills it
 * with SIGKILL at random moments. Configuration comes as JSON in OUTBOX_CHILD_CONFIG.
 *
 * Sync is not written yet, so the stream's handler here does the one thing of sync the
 * outbox relies on: it stores the server's echo of our own messages by client id (the
 * store's upsert), and the outbox is told when the replay is stored.
 */
import { join } from 'node:path';
import { createApiClient } from '../../main/core/api';
import { createEventStream } from '../../main/core/events/event-stream';
import { createOutbox } from '../../main/core/outbox';
import { AttachmentCache, openStore } from '../../main/core/store';
import { clientIdOf } from '../../main/core/sync/message-mapping';

interface ChildConfig {
  dir: string;
  storeKey: string;
  cacheKey: string;
  apiUrl: string;
  key: string;
  secret: string;
  senderToken: string;
  senderOrganization: string;
}

const config = JSON.parse(process.env.OUTBOX_CHILD_CONFIG ?? '') as ChildConfig;
const store = openStore({ dir: config.dir, key: config.storeKey });
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const api = createApiClient({ baseUrl: config.apiUrl, credentials: { key: config.key, secret: config.secret } });
const outbox = createOutbox({
  store,
  api,
  attachments: new AttachmentCache({ dir: join(config.dir, 'attachments'), key: config.cacheKey }),
  senderToken: config.senderToken,
  senderOrganization: config.senderOrganization,
  log: silent,
  onChange: (changes) => {
    for (const message of changes.messages) if (message.status === 'sent') process.stdout.write('sent\n');
  },
  retry: { baseMs: 20, capMs: 200 },
});
const stream = createEventStream({
  request: () => api.eventStreamRequest(),
  ack: (ids) => api.ackEvents(ids),
  async handle(events) {
    store.transaction(() => {
      for (const event of events) {
        if (event.name !== 'message' || event.payload.sender_token !== config.senderToken) continue;
        store.messages.upsert({
          token: event.payload.message_id,
          clientId: clientIdOf(event.payload, config.senderToken),
          conversationId: event.payload.recipient_token,
          conversationKind: 'user',
          direction: 'out',
          senderToken: event.payload.sender_token,
          body: event.payload.body,
          createdTime: Date.parse(event.payload.created_time),
          ttlMinutes: event.payload.ttl ?? null,
          dor: event.payload.dor,
          priority: event.payload.priority,
          status: 'sent',
        });
      }
    });
  },
  onRemoteWipe: async () => undefined,
  log: silent,
  heartbeatMs: 25_000,
  reconnectBackoff: { baseMs: 20, capMs: 200 },
  ackBatch: { maxBatch: 100, delayMs: 5 },
});
let previous = stream.state.kind;
stream.subscribe((state) => {
  if (previous === 'replaying' && state.kind === 'live') outbox.streamCaughtUp();
  previous = state.kind;
});
stream.start();
outbox.start();
process.stdout.write('ready\n');
const timer = setInterval(() => {
  if (outbox.jobs().length > 0) return;
  clearInterval(timer);
  void Promise.all([outbox.stop(), stream.stop()]).then(() => {
    store.close();
    process.stdout.write('drained\n');
  });
}, 5);
