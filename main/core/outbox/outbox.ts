/**
 * Offline-queued sending. Every request is written to the database (message row and job in
 * one transaction) before any network call and returns at once; the scheduler
 * (job-scheduler.ts) sends the jobs in order per conversation, retries, gives up after a
 * window, and every change to a message reaches the renderer as a change set.
 *
 * Queued: send, recall, forward, group membership changes, mutes. Not queued
 * (call the API directly; offline it fails at once with a network error): creating a group,
 * whose token is needed before anything can be addressed to it, and reads.
 */
import { readStoredText } from '../store/stored-text';
import { userText } from '../../../i18n/user-text';
import type { UserText } from '../../../i18n/user-text';
import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { ChangeSet, MessageView, OrganizationPolicy, OutboxState } from '../../../preload/contract';
import { organizationPolicyOf, sendUnderPolicy } from '../settings/organization-policy';
import { systemClock } from '../clock';
import type { Clock } from '../clock';
import { eraseMessages } from '../lifecycle/erasure';
import type { Logger } from '../log/logger';
import type { AttachmentCache } from '../store/attachment-cache';
import type { ConversationIdentity } from '../store/conversation-identity';
import type { ConversationKind } from '../store/messages';
import type { Store } from '../store/store';
import { createChangeEmitter } from './change-emitter';
import { clientIdElement, newClientId } from './client-id';
import { giveUpAfterFrom, giveUpSettingKey } from './give-up-window';
import { isMemberChange, readOperation } from './job-payload';
import type { JobKind } from './job-payload';
import type { OutboxApi } from './job-runner';
import { createJobScheduler } from './job-scheduler';
import { OutboxError } from './outbox-error';
import { OutboxJobs } from './outbox-jobs';
import type { JobState, OutboxJob } from './outbox-jobs';
import { checkSendInput, priorityToStored } from './send-input';
import type { SendInput } from './send-input';

export interface OutboxOptions {
  store: Store;
  api: OutboxApi;
  /** Where a queued file is kept, encrypted, until it is sent. */
  attachments: AttachmentCache;
  /** The signed-in user: the sender of every queued message. */
  senderToken: string;
  senderOrganization: string;
  log: Logger;
  onChange: (changes: ChangeSet) => void;
  /** Called once when the server answers 401: this outbox sends nothing more; after a new sign-in the account's next outbox does. */
  onAuthRequired?: () => void;
  clock?: Clock;
  random?: () => number;
  /** Conversations sending at the same time. Default 8. */
  concurrency?: number;
  /** Backoff between retries. Default 1 s doubling up to 5 min, full jitter. */
  retry?: { baseMs: number; capMs: number };
  /** Default: the account setting `outbox.giveUpAfterMs`, else 24 h. */
  giveUpAfterMs?: number;
  /** How long a send interrupted mid-request waits for `streamCaughtUp` before it is sent again. Default 15 s. */
  inDoubtHoldMs?: number;
}

/** One member of a group being added or removed by a job still in the outbox. */
export interface QueuedMemberChange {
  member: string;
  change: 'add' | 'remove';
  /** The outbox gave up on it: it stays listed until retried or cancelled. */
  failed: boolean;
}

/** A job as the CLI and the window list it (its stored payload is not shown). */
export interface OutboxJobView {
  id: number;
  kind: string;
  conversationId: string;
  messageId: number | null;
  state: JobState;
  attempts: number;
  nextAttemptAt: number;
  createdAt: number;
  /** Why the last attempt failed, in main's words (the CLI prints them in English). */
  lastError: UserText | null;
}

export interface Outbox {
  /** Queues a message; resolves once it is stored, with the queued view. */
  send(input: SendInput): Promise<MessageView>;
  /** Queues a recall; a message the server never got is simply removed ('cancelled'). */
  recall(messageId: number): Promise<OutboxJobView | 'cancelled'>;
  forward(messageId: number, to: { conversationId: string; recipientOrganization?: string }): OutboxJobView;
  /** Queues adding or removing members; the group's conversation is reported changed when it is queued, sent or fails. */
  changeGroupMembers(group: string, change: 'add' | 'remove', members: readonly string[]): OutboxJobView;
  /**
   * Queues muting a conversation until `endsAt` (or unmuting it, with null). The mute is
   * shown at once by whoever called (sync.setMute); this sends it when the server answers.
   */
  changeMute(conversationId: string, endsAt: number | null): OutboxJobView;
  /** Conversations whose mute is still to be sent (or failed and kept): the server's word must not overwrite them. */
  conversationsWithMuteChanges(): ReadonlySet<string>;
  /** The group's add and remove jobs still held, oldest first, one entry per member. */
  pendingMemberChanges(groupId: string): QueuedMemberChange[];
  /** A failed job back to queued with a fresh window; a waiting one is tried now. */
  retry(jobId: number): void;
  /** Every failed or waiting job (of one conversation, or all); returns how many. */
  retryAll(conversationId?: string): number;
  /** Removes a job that is not being sent right now, and its message if the server never got it. */
  cancel(jobId: number): Promise<void>;
  /** Changes the text of a message that has not been tried yet. */
  edit(jobId: number, text: string): MessageView;
  jobs(): OutboxJobView[];
  /** What the window's banner shows: how many wait, how many failed, and whether sending is paused. */
  summary(): OutboxState;
  jobOfMessage(messageId: number): OutboxJobView | undefined;
  /** The server cannot be reached: every attempt is held until `networkBack`. */
  networkLost(): void;
  /** The network is back: attempts go again, and waiting jobs go now (not those in doubt, see streamCaughtUp). */
  networkBack(): void;
  /**
   * The event stream is live and sync has stored its replay: the server's echo of any send
   * it accepted is in the store by now, so sends in doubt can finish (or go) without doubling.
   */
  streamCaughtUp(): void;
  pauseForAuth(): void;
  start(): void;
  /** Aborts attempts in flight and waits for them; they count as in doubt on the next start. */
  stop(): Promise<void>;
  /** Resolves once nothing is in flight and nothing is due (waiting on time, offline or paused counts as idle). */
  whenIdle(): Promise<void>;
}

// Over a real network each send waits a round trip: several conversations in flight keep a
// backlog moving, and more commits carry several outcomes at once.
const defaultConcurrency = 8;
const defaultRetry = { baseMs: 1_000, capMs: 5 * 60_000 };
const defaultInDoubtHoldMs = 15_000;

export function createOutbox(options: OutboxOptions): Outbox {
  const { store, log } = options;
  const clock = options.clock ?? systemClock;
  const jobs = new OutboxJobs(store.statements);
  const concurrency = options.concurrency ?? defaultConcurrency;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError('createOutbox: concurrency must be a whole number >= 1');
  const changes = createChangeEmitter(store, options.onChange, log);
  const scheduler = createJobScheduler({
    store,
    jobs,
    runner: { api: options.api, store, attachments: options.attachments, senderOrganization: options.senderOrganization, log, now: () => clock.now() },
    clock,
    log,
    policy: { ...(options.retry ?? defaultRetry), random: options.random ?? Math.random },
    concurrency,
    giveUpAfterMs: options.giveUpAfterMs ?? giveUpAfterFrom(store.settings.get(giveUpSettingKey)),
    inDoubtHoldMs: options.inDoubtHoldMs ?? defaultInDoubtHoldMs,
    emit: (ids, groups) => changes.emit(ids, [], groups),
    ...(options.onAuthRequired ? { onAuthRequired: options.onAuthRequired } : {}),
  });

  function enqueue(kind: JobKind, conversationId: string, messageId: number | null, payload: unknown): OutboxJobView {
    const id = store.transaction(() => jobs.insert({ kind, conversationId, messageId, payload, now: clock.now() }));
    changes.emit([], [], groupsOf([{ kind, conversationId }]));
    scheduler.kick();
    return toJobView(jobs.byId(id)!);
  }

  function requireJob(jobId: number): OutboxJob {
    const job = Number.isSafeInteger(jobId) ? jobs.byId(jobId) : undefined;
    if (job === undefined) throw new OutboxError('not-found', userText('outbox.no-job', { job: String(jobId) }));
    return job;
  }

  function requireIdle(job: OutboxJob, what: 'cancelled' | 'edited' | 'retried'): void {
    if (scheduler.isInFlight(job.id)) {
      throw new OutboxError('busy', userText('outbox.job-busy', { job: job.id, change: what }));
    }
  }

  function revive(job: OutboxJob, now: number): boolean {
    if (!jobs.revive(job.id, now)) return false;
    if (job.kind === 'send' && job.messageId !== null) store.messages.setStatus(job.messageId, 'queued');
    return true;
  }

  async function cancel(jobId: number): Promise<void> {
    const job = requireJob(jobId);
    requireIdle(job, 'cancelled');
    scheduler.forget(job.id);
    const message = job.kind === 'send' ? changes.viewOf(job.messageId) : undefined;
    if (message !== undefined && message.token === null) {
      // The server never confirmed it: the message goes with its job (and its cached file). Should
      // an earlier attempt have reached the server after all, its echo brings the message back as sent.
      await eraseMessages(store, options.attachments, [job.messageId!], log);
      changes.emit([], [{ id: job.messageId!, conversationId: message.conversationId }]);
    } else {
      store.transaction(() => jobs.remove(job.id));
      changes.emit([], [], groupsOf([job]));
    }
    scheduler.kick();
  }

  /**
   * Who a send to `conversationId` goes to, and in which organization: the held conversation's
   * counterparty and organization; for one not held yet, the id is the person's or group's
   * token in the home organization (see conversation-identity).
   */
  /** The organization's policy as last read (its defaults while the organizations are not known). */
  function policyOf(organization: string): OrganizationPolicy {
    return organizationPolicyOf(store.organizations.byToken(organization)?.settings ?? {});
  }

  function recipientOf(conversationId: string, kind: ConversationKind | undefined): ConversationIdentity {
    return store.conversations.identityOf(conversationId)
      ?? { kind: kind ?? 'user', peer: conversationId, organizationKey: options.senderOrganization };
  }

  return {
    async send(input) {
      checkSendInput(input);
      const to = recipientOf(input.conversationId, input.conversationKind);
      const organization = to.organizationKey ?? options.senderOrganization;
      const allowed = sendUnderPolicy(input, policyOf(organization));
      if (!allowed.ok) throw new OutboxError('not-allowed', userText(allowed.reason));
      const { ttlMinutes, deleteOnRead, priority } = allowed.choices;
      const file = input.attachment;
      let cached: { name: string; cacheFile: string; contentType: string; size: number } | undefined;
      if (file !== undefined) {
        let bytes: Buffer;
        try {
          bytes = await readFile(file.path);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
          throw new OutboxError('attachment-unreadable', userText('outbox.file-unreadable', { file: basename(file.path), code }));
        }
        const cacheFile = await options.attachments.write(bytes);
        cached = { name: file.name ?? basename(file.path), cacheFile, contentType: file.contentType, size: bytes.length };
      }
      const clientId = newClientId();
      let messageId: number;
      try {
        messageId = store.transaction(() => {
          const now = clock.now();
          const { id } = store.messages.upsert({
            token: null,
            clientId,
            conversationId: input.conversationId,
            conversationKind: to.kind,
            peerToken: to.peer,
            organizationKey: organization,
            direction: 'out',
            senderToken: options.senderToken,
            body: input.body,
            createdTime: now,
            ttlMinutes: ttlMinutes ?? null,
            dor: deleteOnRead ?? false,
            priority: priorityToStored(priority ?? 'normal'),
            status: 'queued',
            data: [clientIdElement(clientId)],
            ...(cached
              ? { attachments: [{ attachmentId: null, name: cached.name, contentType: cached.contentType, size: cached.size }] }
              : {}),
          });
          if (cached) store.attachments.setCached(id, 1, cached.cacheFile);
          jobs.insert({
            kind: 'send',
            conversationId: input.conversationId,
            messageId: id,
            payload: {
              recipient: to.peer,
              organization,
              ...(input.recipientOrganization ? { recipientOrganization: input.recipientOrganization } : {}),
              ...(ttlMinutes === undefined ? {} : { ttl: ttlMinutes }),
            },
            now,
          });
          return id;
        });
      } catch (error) {
        if (cached) await options.attachments.erase(cached.cacheFile).catch(() => undefined);
        throw error;
      }
      changes.emit([messageId]);
      scheduler.kick();
      return changes.viewOf(messageId)!;
    },

    async recall(messageId) {
      const message = store.messages.byId(messageId);
      if (message === undefined) throw new OutboxError('not-found', userText('outbox.no-message', { message: messageId }));
      if (message.direction !== 'out') throw new OutboxError('invalid-input', userText('outbox.recall-not-yours'));
      if (message.isRecalled) throw new OutboxError('invalid-input', userText('outbox.already-recalled', { message: messageId }));
      const sendJob = jobs.sendOf(messageId);
      if (message.token === null && sendJob !== undefined && !scheduler.isInFlight(sendJob.id)) {
        await cancel(sendJob.id);
        return 'cancelled';
      }
      return enqueue('recall', message.conversationId, messageId, { messageId });
    },

    forward(messageId, to) {
      const message = store.messages.byId(messageId);
      if (message === undefined) throw new OutboxError('not-found', userText('outbox.no-message', { message: messageId }));
      if (message.isRecalled) throw new OutboxError('invalid-input', userText('outbox.forward-recalled', { message: messageId }));
      if (typeof to.conversationId !== 'string' || to.conversationId === '') throw new OutboxError('invalid-input', userText('outbox.forward-needs-recipient'));
      const recipient = recipientOf(to.conversationId, undefined);
      const from = store.conversations.identityOf(message.conversationId)?.organizationKey ?? options.senderOrganization;
      for (const organization of new Set([from, recipient.organizationKey ?? options.senderOrganization])) {
        if (!policyOf(organization).forwardAllowed) {
          throw new OutboxError('not-allowed', forwardingRefused(store.organizations.byToken(organization)?.name));
        }
      }
      return enqueue('forward', to.conversationId, messageId, {
        messageId,
        recipient: recipient.peer,
        organization: recipient.organizationKey ?? options.senderOrganization,
        ...(to.recipientOrganization ? { recipientOrganization: to.recipientOrganization } : {}),
        requestId: newClientId(),
      });
    },

    changeGroupMembers(group, change, members) {
      if (typeof group !== 'string' || group === '') throw new OutboxError('invalid-input', userText('outbox.group-token-empty'));
      if (members.length === 0 || members.some((member) => typeof member !== 'string' || member.trim() === '' || member.includes(','))) {
        throw new OutboxError('invalid-input', userText('outbox.members-invalid'));
      }
      return enqueue(change === 'add' ? 'add-members' : 'remove-members', group, null, { group, members: [...members] });
    },

    changeMute(conversationId, endsAt) {
      const held = store.conversations.identityOf(conversationId);
      if (held === undefined) throw new OutboxError('not-found', userText('outbox.no-conversation-to-mute', { conversation: JSON.stringify(conversationId.slice(0, 80)) }));
      if (held.kind === 'list') throw new OutboxError('invalid-input', userText('outbox.list-not-mutable'));
      const target = { conversationKind: held.kind, token: held.peer, ...(held.organizationKey ? { organization: held.organizationKey } : {}) };
      return endsAt === null ? enqueue('unmute', conversationId, null, target) : enqueue('mute', conversationId, null, { ...target, endsAt });
    },

    conversationsWithMuteChanges: () => new Set(jobs.conversationsWithMuteChanges()),

    pendingMemberChanges(groupId) {
      return jobs.memberChangesOf(groupId).flatMap((job) => {
        const read = readOperation(job.kind, job.payloadJson);
        // A damaged job is failed with its reason when its turn comes; it names no one to list.
        if (!read.ok || (read.operation.kind !== 'add-members' && read.operation.kind !== 'remove-members')) return [];
        const change = read.operation.kind === 'add-members' ? 'add' : 'remove';
        return read.operation.payload.members.map((member) => ({ member, change, failed: job.state === 'failed' }));
      });
    },

    retry(jobId) {
      const job = requireJob(jobId);
      const now = clock.now();
      if (job.state === 'failed') {
        store.transaction(() => revive(job, now));
        changes.emit([job.messageId], [], groupsOf([job]));
      } else if (job.state === 'pending') {
        scheduler.hurry(job, now);
      }
      scheduler.kick();
    },

    retryAll(conversationId) {
      const now = clock.now();
      const failed = jobs.failedJobs(conversationId);
      const revived = store.transaction(() => failed.filter((job) => revive(job, now)));
      const hurried = jobs.waiting(now, conversationId).filter((job) => scheduler.hurry(job, now));
      changes.emit(revived.map((job) => job.messageId), [], groupsOf(revived));
      scheduler.kick();
      return revived.length + hurried.length;
    },

    cancel,

    edit(jobId, text) {
      const job = requireJob(jobId);
      if (job.kind !== 'send' || job.messageId === null) throw new OutboxError('not-editable', userText('outbox.job-not-a-message', { job: jobId }));
      requireIdle(job, 'edited');
      if (typeof text !== 'string') throw new OutboxError('invalid-input', userText('outbox.text-not-string'));
      const hasFile = store.attachments.forMessage(job.messageId).length > 0;
      if (text.trim() === '' && !hasFile) throw new OutboxError('invalid-input', userText('outbox.empty-message'));
      // Only before the first attempt: once tried, the server may hold the old text under the same client id.
      const changed = store.statements.prepare(`UPDATE messages SET body = ? WHERE id = ? AND status = 'queued' AND token IS NULL`)
        .run(text, job.messageId).changes;
      if (changed === 0) throw new OutboxError('not-editable', userText('outbox.already-tried', { message: job.messageId }));
      changes.emit([job.messageId]);
      return changes.viewOf(job.messageId)!;
    },

    jobs() {
      return jobs.all().map(toJobView);
    },

    summary() {
      return summarize(jobs.all(), scheduler.authPaused);
    },

    jobOfMessage(messageId) {
      const job = jobs.sendOf(messageId);
      return job && toJobView(job);
    },

    networkLost: scheduler.networkLost,
    networkBack: scheduler.networkBack,
    streamCaughtUp: scheduler.streamCaughtUp,
    pauseForAuth: scheduler.pauseForAuth,
    start: scheduler.start,
    stop: scheduler.stop,
    whenIdle: scheduler.whenIdle,
  };
}

/** The groups among the jobs' lanes whose members the jobs change. */
function groupsOf(changed: readonly Pick<OutboxJob, 'kind' | 'conversationId'>[]): string[] {
  return changed.filter((job) => isMemberChange(job.kind)).map((job) => job.conversationId);
}

function summarize(all: readonly Pick<OutboxJob, 'state'>[], paused: boolean): OutboxState {
  const failed = all.filter((job) => job.state === 'failed').length;
  return { queued: all.length - failed, failed, paused };
}

function toJobView(job: OutboxJob): OutboxJobView {
  return {
    id: job.id,
    kind: job.kind,
    conversationId: job.conversationId,
    messageId: job.messageId,
    state: job.state,
    attempts: job.attempts,
    nextAttemptAt: job.nextAttemptAt,
    createdAt: job.createdAt,
    lastError: readStoredText(job.lastError),
  };
}

/** A forward the organization does not allow: named when it is known. */
function forwardingRefused(organization: string | undefined): UserText {
  return organization === undefined
    ? userText('outbox.forwarding-not-allowed-yours')
    : userText('outbox.forwarding-not-allowed', { organization });
}
