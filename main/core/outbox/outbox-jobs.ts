/**
 * The outbox's queries on outbox_jobs, over the store's connection. Every state change is
 * guarded by the state it leaves, so a change that lost a race changes nothing (and says so).
 * A job that succeeded is deleted: the table holds only work still to do or to look at.
 */
import type { UserText } from '../../../i18n/user-text';
import { storedText } from '../store/stored-text';
import type { Statements } from '../store/statements';
import { memberChangeKinds, muteChangeKinds } from './job-payload';
import type { JobKind } from './job-payload';

export type JobState = 'pending' | 'running' | 'failed';

export interface OutboxJob {
  id: number;
  kind: string;
  conversationId: string;
  /** The local message a send (or recall, forward) is about. */
  messageId: number | null;
  payloadJson: string;
  state: JobState;
  attempts: number;
  nextAttemptAt: number;
  /** When the give-up window opened: queued, or last retried by hand. */
  createdAt: number;
  /** The last attempt's failure, as stored: a UserText's JSON text (read it with readStoredText). */
  lastError: string | null;
}

const columns = `id, kind, conversation_id AS conversationId, message_id AS messageId, payload_json AS payloadJson,
  state, attempts, next_attempt_at AS nextAttemptAt, created_at AS createdAt, last_error AS lastError`;

export class OutboxJobs {
  private readonly sql: Statements;

  constructor(sql: Statements) {
    this.sql = sql;
  }

  insert(job: { kind: JobKind; conversationId: string; messageId: number | null; payload: unknown; now: number }): number {
    const result = this.sql.prepare(
      `INSERT INTO outbox_jobs (kind, conversation_id, message_id, payload_json, state, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, 'pending', 0, ?, ?)`,
    ).run(job.kind, job.conversationId, job.messageId, JSON.stringify(job.payload), job.now, job.now);
    return Number(result.lastInsertRowid);
  }

  byId(id: number): OutboxJob | undefined {
    return this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE id = ?`).get(id);
  }

  /** The send job of a message (a message has at most one). */
  sendOf(messageId: number): OutboxJob | undefined {
    return this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE message_id = ? AND kind = 'send'`).get(messageId);
  }

  /** The add and remove jobs of one group still held, oldest first. */
  memberChangesOf(groupId: string): OutboxJob[] {
    return this.sql.prepare<OutboxJob>(
      `SELECT ${columns} FROM outbox_jobs WHERE conversation_id = ? AND kind IN (SELECT value FROM json_each(?)) ORDER BY id`,
    ).all(groupId, JSON.stringify(memberChangeKinds));
  }

  /** The conversations with a mute or unmute still held (queued, being sent, or failed and kept). */
  conversationsWithMuteChanges(): string[] {
    return this.sql.prepare<{ id: string }>(
      'SELECT DISTINCT conversation_id AS id FROM outbox_jobs WHERE kind IN (SELECT value FROM json_each(?))',
    ).all(JSON.stringify(muteChangeKinds)).map((row) => row.id);
  }

  /** Every job still held, oldest first. */
  all(): OutboxJob[] {
    return this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs ORDER BY id`).all();
  }

  /** The oldest unfinished job of each conversation: only it may run (a failed job no longer blocks). */
  laneHeads(): OutboxJob[] {
    return this.sql.prepare<OutboxJob>(
      `SELECT ${columns} FROM outbox_jobs WHERE id IN (
         SELECT min(id) FROM outbox_jobs WHERE state IN ('pending', 'running') GROUP BY conversation_id)`,
    ).all();
  }

  /** Jobs left `running` by a process that stopped mid-attempt. */
  interrupted(): OutboxJob[] {
    return this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE state = 'running' ORDER BY id`).all();
  }

  markRunning(id: number): boolean {
    return this.sql.prepare(`UPDATE outbox_jobs SET state = 'running', attempts = attempts + 1 WHERE id = ? AND state = 'pending'`)
      .run(id).changes === 1;
  }

  /** Back to pending, to be tried at `at`. */
  reschedule(id: number, at: number, lastError: UserText | null): void {
    this.sql.prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ? AND state IN ('pending', 'running')`)
      .run(at, lastError === null ? null : storedText(lastError), id);
  }

  /** Records how far a job got (see PartlyDone in job-runner.ts). */
  setPayload(id: number, payload: unknown): void {
    this.sql.prepare('UPDATE outbox_jobs SET payload_json = ? WHERE id = ?').run(JSON.stringify(payload), id);
  }

  fail(id: number, reason: UserText): void {
    this.sql.prepare(`UPDATE outbox_jobs SET state = 'failed', last_error = ? WHERE id = ?`).run(storedText(reason), id);
  }

  remove(id: number): void {
    this.sql.prepare('DELETE FROM outbox_jobs WHERE id = ?').run(id);
  }

  /** A failed job back to pending with a fresh give-up window and attempt count. */
  revive(id: number, now: number): boolean {
    return this.sql.prepare(
      `UPDATE outbox_jobs SET state = 'pending', attempts = 0, next_attempt_at = ?, created_at = ?, last_error = NULL
       WHERE id = ? AND state = 'failed'`,
    ).run(now, now, id).changes === 1;
  }

  /** Pending jobs whose window opened at or before `cutoff`. */
  openedBefore(cutoff: number): OutboxJob[] {
    return this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE state = 'pending' AND created_at <= ? ORDER BY id`).all(cutoff);
  }

  /** The oldest window among pending jobs, to know when the next one runs out. */
  oldestPendingStart(): number | null {
    return this.sql.prepare<{ at: number | null }>(`SELECT min(created_at) AS at FROM outbox_jobs WHERE state = 'pending'`).get()?.at ?? null;
  }

  /** Pending jobs waiting for a later attempt (in one conversation, or all). */
  waiting(now: number, conversationId?: string): OutboxJob[] {
    return conversationId === undefined
      ? this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE state = 'pending' AND next_attempt_at > ?`).all(now)
      : this.sql.prepare<OutboxJob>(
        `SELECT ${columns} FROM outbox_jobs WHERE state = 'pending' AND next_attempt_at > ? AND conversation_id = ?`,
      ).all(now, conversationId);
  }

  failedJobs(conversationId?: string): OutboxJob[] {
    return conversationId === undefined
      ? this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE state = 'failed' ORDER BY id`).all()
      : this.sql.prepare<OutboxJob>(`SELECT ${columns} FROM outbox_jobs WHERE state = 'failed' AND conversation_id = ? ORDER BY id`)
        .all(conversationId);
  }

  makeDue(id: number, now: number): void {
    this.sql.prepare(`UPDATE outbox_jobs SET next_attempt_at = ? WHERE id = ? AND state = 'pending'`).run(now, id);
  }
}
