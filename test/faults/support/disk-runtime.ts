/**
 * The parts of a signed-in account that the window's calls use, wired as the account
 * runtime wires them, except that the attachment cache writes through a disk the scenario
 * fills (the runtime builds its own cache on the real file system and takes no other).
 * Real store, real API client against the sandbox, real sync and outbox; the outbox starts
 * offline so that a scenario decides when queued sends go out.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createApiClient } from '../../../main/core/api';
import { systemClock } from '../../../main/core/clock';
import { createConversationMutes } from '../../../main/core/mutes/conversation-mutes';
import { createOutbox } from '../../../main/core/outbox';
import { AttachmentCache, openStore } from '../../../main/core/store';
import type { CacheFileSystem } from '../../../main/core/store';
import { createSync } from '../../../main/core/sync/sync';
import type { CallRuntime } from '../../../main/window-api/runtime-calls';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface DiskRuntime {
  runtime: CallRuntime;
  close(): Promise<void>;
}

export function runtimeOnDisk(options: {
  apiUrl: string;
  organization: string;
  person: { token: string; key: string; secret: string };
  /** The account's data folder: the database and the attachment cache go in it. */
  dir: string;
  files: CacheFileSystem;
}): DiskRuntime {
  const { person, organization } = options;
  const store = openStore({ dir: options.dir, key: randomBytes(32).toString('hex') });
  const api = createApiClient({ baseUrl: options.apiUrl, credentials: { key: person.key, secret: person.secret }, organizationKey: organization });
  const cache = new AttachmentCache({ dir: join(options.dir, 'attachments'), key: randomBytes(32).toString('hex'), files: options.files });
  const sync = createSync({ store, cache, api, me: person.token, log: quiet });
  const outbox = createOutbox({
    store,
    api,
    attachments: cache,
    senderToken: person.token,
    senderOrganization: organization,
    log: quiet,
    onChange: () => undefined,
    retry: { baseMs: 50, capMs: 400 },
  });
  outbox.networkLost();
  outbox.start();
  const account = { id: person.token, server: options.apiUrl, userToken: person.token, displayName: person.token, organization: { token: organization, name: 'Demo' } };
  return {
    runtime: { account, api, store, cache, sync, outbox, mutes: createConversationMutes({ sync, outbox, api, clock: systemClock }) },
    async close() {
      await outbox.stop();
      await sync.stop();
      store.close();
    },
  };
}
