/**
 * The step to stored failure reasons as UserText (migration 14): the English sentences the code
 * stored before are read back as the catalog messages they are, with their variable parts as
 * parameters; anything else is kept as it is (said.english); new failures are stored as UserText
 * and read back as such, and a stored text that does not read as one is read as its text.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { englishText } from '../../i18n/english';
import { userText } from '../../i18n/user-text';
import type { UserText } from '../../i18n/user-text';
import { OutboxJobs } from '../../main/core/outbox/outbox-jobs';
import { databasePath, openStore } from '../../main/core/store';
import { migrate } from '../../main/core/store/migrate';
import { migrations } from '../../main/core/store/migrations';
import { recogniseReason } from '../../main/core/store/reason-recognition';
import { readStoredText, storedText } from '../../main/core/store/stored-text';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tigerdesk-reasons-migration-'));
  dirs.push(dir);
  return dir;
}

/** Sentences stored by the TigerDesk before migration 14, and what each reads back as. */
const stored: [string, UserText][] = [
  ['The server refused it as too large (HTTP 413)', userText('failure.refused-too-large', { status: 413 })],
  ['The server refused it as invalid (HTTP 400): body (too long)', userText('failure.refused-invalid-saying', { status: 400, serverMessage: 'body (too long)' })],
  ['The server refused it (HTTP 409)', userText('failure.refused', { status: 409 })],
  ['The server does not know the recipient or message (HTTP 404): no such user', userText('failure.unknown-recipient-saying', { status: 404, serverMessage: 'no such user' })],
  ['Not sent within 24 h', userText('failure.not-sent-hours', { hours: 24 })],
  ['Not sent within 90 min; last error: sendMessage: network: request failed (ECONNREFUSED)', userText('failure.not-sent-minutes-last-error', { minutes: 90, error: 'sendMessage: network: request failed (ECONNREFUSED)' })],
  ['The stored send job is damaged at recipient.token', userText('failure.job-damaged-at', { kind: 'send', path: 'recipient.token' })],
  ["The server's reply could not be read: sendMessage: bad-response: not JSON", userText('failure.unreadable-reply', { detail: 'sendMessage: bad-response: not JSON' })],
  ['Interrupted while forwarding: the server may already have it. Check the conversation before retrying', userText('failure.forward-interrupted')],
  ['The message never reached the server, so there is nothing to recall', userText('outbox.recall-never-sent')],
  ['The cached attachment 0123.bin is not there', userText('store.attachment-missing', { name: '0123.bin' })],
  // Not a sentence of ours: kept as it is.
  ['Das hat nicht geklappt', userText('said.english', { text: 'Das hat nicht geklappt' })],
];

/** Last errors of jobs still waiting: an ApiError's message. */
const lastErrors: [string, UserText][] = [
  ['sendMessage: HTTP 503: try later', userText('api.http-saying', { operation: 'sendMessage', status: 503, serverMessage: 'try later' })],
  ['sendMessage: timeout: no reply within 30000 ms', userText('api.failed-detail', { operation: 'sendMessage', kind: 'timeout', detail: 'no reply within 30000 ms' })],
  ['forwardMessage: network', userText('api.failed', { operation: 'forwardMessage', kind: 'network' })],
];

describe('stored failure reasons', () => {
  it('are recognised as the catalog messages the code worded them from, in the same English', () => {
    for (const [text, said] of [...stored, ...lastErrors]) {
      expect(recogniseReason(text)).toEqual(said);
      expect(englishText(recogniseReason(text))).toBe(text);
    }
  });

  it('become UserText at migration 14: recognised ones with their key and parameters, the rest as they were', () => {
    const dir = sandbox();
    const db = new Database(databasePath(dir));
    migrate(db, migrations.filter((step) => step.version <= 13), databasePath(dir));
    db.exec(`INSERT INTO conversations (id, kind) VALUES ('u-ann', 'user')`);
    const message = db.prepare(
      `INSERT INTO messages (client_id, conversation_id, direction, sender_token, body, created_time, status, failure_reason)
       VALUES (?, 'u-ann', 'out', 'me', 'hello', 1, ?, ?)`,
    );
    stored.forEach(([text], index) => message.run(`c-${index}`, 'failed', text));
    message.run('c-sent', 'sent', null);
    const job = db.prepare(
      `INSERT INTO outbox_jobs (kind, conversation_id, payload_json, state, next_attempt_at, created_at, last_error) VALUES ('send', 'u-ann', '{}', 'pending', 1, 1, ?)`,
    );
    for (const [text] of lastErrors) job.run(text);
    job.run(null);
    db.close();

    const store = openStore({ dir, key: null, unencryptedForTestsOnly: true, now: () => 0 });
    stored.forEach(([, said], index) => {
      expect(store.messages.byClientId(`c-${index}`)?.failureReason).toEqual(said);
    });
    expect(store.messages.byClientId('c-sent')?.failureReason).toBeNull();
    const jobs = new OutboxJobs(store.statements).all();
    expect(jobs.map((held) => readStoredText(held.lastError))).toEqual([...lastErrors.map(([, said]) => said), null]);
    store.close();
  });

  it('are stored as UserText when a send fails now, and read back as such; a row that does not parse reads as its text', () => {
    const store = openStore({ dir: sandbox(), key: null, unencryptedForTestsOnly: true, now: () => 0 });
    store.statements.prepare(`INSERT INTO conversations (id, kind) VALUES ('u-ann', 'user')`).run();
    const insert = store.statements.prepare(
      `INSERT INTO messages (client_id, conversation_id, direction, sender_token, body, created_time, status) VALUES (?, 'u-ann', 'out', 'me', 'hello', 1, 'sending')`,
    );
    const id = Number(insert.run('c-new').lastInsertRowid);
    const reason = userText('failure.refused-too-large', { status: 413 });
    store.messages.setStatus(id, 'failed', reason);
    expect(store.statements.prepare<{ text: string }>('SELECT failure_reason AS text FROM messages WHERE id = ?').get(id)?.text)
      .toBe('{"key":"failure.refused-too-large","params":{"status":413}}');
    expect(store.messages.byId(id)?.failureReason).toEqual(reason);

    for (const text of ['not JSON at all', '{"key":"no.such-key"}', '{"key":"failure.refused","params":{"status":{"nested":1}}}']) {
      store.statements.prepare('UPDATE messages SET failure_reason = ? WHERE id = ?').run(text, id);
      expect(store.messages.byId(id)?.failureReason).toEqual(userText('said.english', { text }));
    }
    expect(readStoredText(storedText(userText('outbox.empty-message')))).toEqual(userText('outbox.empty-message'));
    store.close();
  });
});
