import type Database from 'better-sqlite3-multiple-ciphers';
import { Attachments } from './attachments';
import { ConversationPreferences } from './conversation-preferences';
import { Conversations } from './conversations';
import { DistributionLists } from './distribution-lists';
import { Drafts } from './drafts';
import { Messages } from './messages';
import { Mutes } from './mutes';
import { Organizations } from './organizations';
import { People } from './people';
import { PersonAddresses } from './person-addresses';
import { Receipts } from './receipts';
import { Search } from './search';
import { Settings } from './settings';
import { Statements } from './statements';
import { UrgentAlerts } from './urgent-alerts';

/**
 * An open account database, its queries grouped by area. Writes that belong together go in
 * one `transaction`. `statements` is for query modules of other areas (the outbox).
 */
const rewriteRequest = 'store.rewrite-requested';

export class Store {
  readonly statements: Statements;
  readonly messages: Messages;
  readonly conversations: Conversations;
  readonly people: People;
  readonly attachments: Attachments;
  readonly drafts: Drafts;
  readonly settings: Settings;
  readonly receipts: Receipts;
  readonly search: Search;
  readonly urgentAlerts: UrgentAlerts;
  readonly mutes: Mutes;
  readonly conversationPreferences: ConversationPreferences;
  readonly organizations: Organizations;
  readonly distributionLists: DistributionLists;
  readonly addresses: PersonAddresses;
  private readonly db: Database.Database;

  constructor(db: Database.Database, now: () => number) {
    this.db = db;
    this.statements = new Statements(db);
    this.messages = new Messages(this.statements);
    this.conversations = new Conversations(this.statements);
    this.people = new People(this.statements, now);
    this.attachments = new Attachments(this.statements, now);
    this.drafts = new Drafts(this.statements, now);
    this.settings = new Settings(this.statements);
    this.receipts = new Receipts(this.statements, now);
    this.search = new Search(this.statements);
    this.urgentAlerts = new UrgentAlerts(this.statements);
    this.mutes = new Mutes(this.statements);
    this.conversationPreferences = new ConversationPreferences(this.statements);
    this.organizations = new Organizations(this.statements, now);
    this.distributionLists = new DistributionLists(this.statements, now);
    this.addresses = new PersonAddresses(this.statements, now);
  }

  /** Runs `work` in one IMMEDIATE transaction: all of it commits, or none of it (it throws). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  /**
   * After a commit that erased messages: copies the WAL into the database and truncates it to
   * nothing, since the WAL still holds the earlier images of the pages the text was on. Not
   * for ordinary writes: it costs a sync of the file. Returns false when a reader kept it from
   * finishing (the next one finishes the work).
   */
  truncateWal(): boolean {
    const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return result?.busy === 0;
  }

  /**
   * Rewrites the whole file when a migration asked for it (migration 7: free pages written
   * before secure_delete may hold erased text), then truncates the WAL. Throws when it cannot
   * (a full disk): the request stays for the next open. Returns whether it rewrote.
   */
  rewriteIfRequested(): boolean {
    if (this.settings.get(rewriteRequest) !== true) return false;
    this.db.exec('VACUUM');
    this.settings.delete(rewriteRequest);
    this.truncateWal();
    return true;
  }

  close(): void {
    this.db.close();
  }
}
