/**
 * The step to several organizations (migration 10) on a database an older TigerDesk wrote:
 * every row stays where it was, under the same id, and is placed in the account's one
 * organization when the account opens.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath, openStore } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the migration to several organizations', () => {
  it('keeps every conversation, message, draft and queued send under its id, in the home organization', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-orgs-migration-'));
    dirs.push(dir);
    const db = new Database(databasePath(dir));
    db.pragma('journal_mode = WAL');
    migrate(db, migrations.filter((step) => step.version <= 9), databasePath(dir));
    db.exec(`INSERT INTO conversations (id, kind, name) VALUES ('u-ann', 'user', 'Ann Lee'), ('g-ward', 'group', 'Ward 7');
      INSERT INTO messages (conversation_id, direction, sender_token, body, created_time, status)
        VALUES ('u-ann', 'in', 'u-ann', 'Bed 4 needs a review', 1, 'sent'), ('g-ward', 'out', 'me', 'On my way', 2, 'queued');
      INSERT INTO outbox_jobs (kind, conversation_id, message_id, payload_json, state, next_attempt_at, created_at)
        VALUES ('send', 'g-ward', 2, '{"recipient":"g-ward"}', 'pending', 0, 0);
      INSERT INTO drafts (conversation_id, text, updated_at) VALUES ('u-ann', 'Will do', 0);`);
    db.close();

    const store = openStore({ dir, key: null, unencryptedForTestsOnly: true });
    const conversations = () => store.statements.prepare('SELECT id, kind, peer_token, organization_key FROM conversations ORDER BY id').all();
    expect(conversations()).toEqual([
      { id: 'g-ward', kind: 'group', peer_token: 'g-ward', organization_key: null },
      { id: 'u-ann', kind: 'user', peer_token: 'u-ann', organization_key: null },
    ]);
    expect(store.conversations.adoptOrganization('org-home')).toBe(2);
    expect(conversations()).toEqual([
      { id: 'g-ward', kind: 'group', peer_token: 'g-ward', organization_key: 'org-home' },
      { id: 'u-ann', kind: 'user', peer_token: 'u-ann', organization_key: 'org-home' },
    ]);
    expect(store.conversations.identityOf('u-ann')).toEqual({ kind: 'user', peer: 'u-ann', organizationKey: 'org-home' });
    expect(store.statements.prepare('SELECT conversation_id, organization_key FROM messages ORDER BY id').all()).toEqual([
      { conversation_id: 'u-ann', organization_key: null },
      { conversation_id: 'g-ward', organization_key: null },
    ]);
    expect(store.drafts.get('u-ann')).toBe('Will do');
    expect(store.statements.prepare('SELECT conversation_id, payload_json FROM outbox_jobs').all())
      .toEqual([{ conversation_id: 'g-ward', payload_json: '{"recipient":"g-ward"}' }]);
    expect(store.organizations.list()).toEqual([]);
    store.close();
  });
});
