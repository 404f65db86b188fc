import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Fanout } from './fanout';
import type { EventHub } from './hub';
import type { AccountStore } from './store/accounts';
import type { DistributionListStore } from './store/distribution-lists';
import type { EventStore } from './store/events';
import type { GroupStore } from './store/groups';
import type { MessageRow, MessageStore } from './store/messages';
import type { MetadataStore } from './store/metadata';
import type { MuteStore } from './store/mutes';
import type { RequestIdStore } from './store/request-ids';
import type { RosterStore } from './store/roster';

export interface SandboxPaths {
  dataDir: string;
  attachments: string;
  avatars: string;
  uploads: string;
}

/** Everything a route or service needs, built once per running sandbox. */
export interface SandboxContext {
  db: Database;
  accounts: AccountStore;
  messages: MessageStore;
  groups: GroupStore;
  distributionLists: DistributionListStore;
  events: EventStore;
  roster: RosterStore;
  metadata: MetadataStore;
  mutes: MuteStore;
  requestIds: RequestIdStore;
  hub: EventHub;
  fanout: Fanout;
  paths: SandboxPaths;
  now: () => number;
  maxAttachmentBytes: number;
  /** Sends and forwards with a `Request-ID` already used are answered 304 rather than stored again (idempotent-sends.ts). */
  deduplicateRequests: boolean;
  organizationKey: string;
  /** `http://127.0.0.1:PORT`, known once the server listens; used for avatar URLs. */
  baseUrl: () => string;
  /** Called after a message is stored and fanned out (the demo responder listens here). */
  messageListeners: ((message: MessageRow) => void)[];
}
