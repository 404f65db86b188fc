/**
 * Performs one job against the server. Reads what it needs from the store at the moment it
 * runs (so an edit made while queued is what goes out) and writes nothing but a recall's
 * local effect: the outbox records the outcome in one transaction afterwards.
 */
import { userText } from '../../../i18n/user-text';
import { ApiError } from '../api/api-error';
import type { ApiClient } from '../api/client';
import { recallMessage } from '../lifecycle/erasure';
import { minutesUntil } from '../mutes/mute-choices';
import type { Logger } from '../log/logger';
import type { AttachmentCache } from '../store/attachment-cache';
import type { Store } from '../store/store';
import { clientIdElement } from './client-id';
import type { JobOperation, JobPayload } from './job-payload';
import { OutboxError } from './outbox-error';

/** The API operations the outbox calls: a real client in the app and in every test. */
export type OutboxApi = Pick<
  ApiClient,
  'sendMessage' | 'recallMessage' | 'forwardMessage' | 'addGroupMembers' | 'removeGroupMembers'
  | 'mutePerson' | 'unmutePerson' | 'muteGroup' | 'unmuteGroup'
>;

export interface RunnerDeps {
  api: OutboxApi;
  store: Store;
  attachments: AttachmentCache;
  senderOrganization: string;
  log: Logger;
  /** The time a queued mute's minutes are counted from. */
  now: () => number;
}

/**
 * An attempt that failed after doing part of its work: `payload` is the job's payload with
 * that part recorded, which the outbox stores with the failure so that no retry repeats it.
 */
export class PartlyDone extends Error {
  override readonly name = 'PartlyDone';
  readonly payload: JobPayload<'recall'>;
  /** What stopped the attempt, judged as if it had failed whole. */
  readonly failure: unknown;

  constructor(payload: JobPayload<'recall'>, failure: unknown) {
    super(failure instanceof Error ? failure.message : 'The attempt failed part-way');
    this.payload = payload;
    this.failure = failure;
  }
}

export type RunResult =
  | { kind: 'sent'; token: string; ttl?: number }
  /** Nothing left to send: the server's echo already gave the row its token, or the row is gone. */
  | { kind: 'nothing-to-do' }
  | { kind: 'done' };

export async function runJob(deps: RunnerDeps, messageId: number | null, operation: JobOperation, signal: AbortSignal): Promise<RunResult> {
  const { api, store } = deps;
  switch (operation.kind) {
    case 'send': {
      const message = messageId === null ? undefined : store.messages.byId(messageId);
      if (message === undefined || message.token !== null || message.clientId === null) return { kind: 'nothing-to-do' };
      const attachment = store.attachments.forMessage(message.id)[0];
      const file = attachment?.cacheFile
        ? {
            name: attachment.name ?? 'attachment',
            contentType: attachment.contentType ?? 'application/octet-stream',
            bytes: await deps.attachments.read(attachment.cacheFile),
          }
        : undefined;
      const sent = await api.sendMessage({
        recipient: operation.payload.recipient,
        body: message.body,
        ...(operation.payload.ttl === undefined ? {} : { ttl: operation.payload.ttl }),
        dor: message.dor,
        priority: message.priority,
        senderOrganization: operation.payload.organization ?? deps.senderOrganization,
        ...recipientOrganizationOf(operation.payload),
        data: [clientIdElement(message.clientId)],
        // The server stores the message once per client id, however often a lost reply makes us send it.
        requestId: message.clientId,
        ...(file ? { attachment: file } : {}),
      }, { signal });
      return { kind: 'sent', token: sent.messageId, ...(sent.ttl === undefined ? {} : { ttl: sent.ttl }) };
    }
    case 'recall': {
      // Not skipped when already marked recalled: that may be the echo of our own recall of the
      // first copy, with further copies still to go. A second recall of a copy changes nothing.
      const target = store.messages.byId(operation.payload.messageId);
      if (target === undefined) return { kind: 'nothing-to-do' };
      if (target.token === null) throw new OutboxError('not-editable', userText('outbox.recall-never-sent'));
      const recalled = [...(operation.payload.recalled ?? [])];
      // Every server copy (a resend the server had in fact accepted leaves two), or the
      // recipient keeps one the sender believes recalled.
      for (const token of [target.token, ...store.messages.aliasTokens(target.id)]) {
        if (recalled.includes(token)) continue;
        try {
          await api.recallMessage(token, { signal });
        } catch (error) {
          // A further copy the server no longer holds (expired, or read once) has nothing left to recall.
          const gone = token !== target.token && error instanceof ApiError && error.kind === 'http' && error.status === 404;
          if (!gone) throw recalled.length === 0 ? error : new PartlyDone({ ...operation.payload, recalled }, error);
        }
        recalled.push(token);
      }
      await recallMessage(store, deps.attachments, target.id, deps.log);
      return { kind: 'done' };
    }
    case 'forward': {
      const source = store.messages.byId(operation.payload.messageId);
      if (source === undefined || source.isRecalled) throw new OutboxError('not-found', userText('outbox.forward-source-gone'));
      if (source.token === null) throw new OutboxError('not-editable', userText('outbox.forward-never-sent'));
      await api.forwardMessage(source.token, {
        recipient: operation.payload.recipient,
        senderOrganization: operation.payload.organization ?? deps.senderOrganization,
        ...recipientOrganizationOf(operation.payload),
        ...(operation.payload.requestId === undefined ? {} : { requestId: operation.payload.requestId }),
      }, { signal });
      return { kind: 'done' };
    }
    case 'add-members':
      await api.addGroupMembers(operation.payload.group, operation.payload.members, { signal });
      return { kind: 'done' };
    case 'remove-members':
      await api.removeGroupMembers(operation.payload.group, operation.payload.members, { signal });
      return { kind: 'done' };
    case 'mute': {
      const { conversationKind, token, organization, endsAt } = operation.payload;
      // Ended while it waited (offline past its end): there is nothing left to mute.
      const minutes = minutesUntil(endsAt, deps.now());
      if (minutes < 1) return { kind: 'nothing-to-do' };
      // Muted in the conversation's organization: the same person elsewhere is not muted.
      const options = { signal, ...(organization ? { organizationKey: organization } : {}) };
      if (conversationKind === 'group') await api.muteGroup(token, minutes, options);
      else await api.mutePerson({ person: token, minutes, ...(organization ? { personOrganization: organization } : {}) }, options);
      return { kind: 'done' };
    }
    case 'unmute': {
      const { conversationKind, token, organization } = operation.payload;
      const options = { signal, ...(organization ? { organizationKey: organization } : {}) };
      if (conversationKind === 'group') await api.unmuteGroup(token, options);
      else await api.unmutePerson(token, organization, options);
      return { kind: 'done' };
    }
  }
}

/** Named when the job names one; else the server takes the sender's (API.md, "Multi-org"). */
function recipientOrganizationOf(payload: { organization?: string; recipientOrganization?: string }): { recipientOrganization?: string } {
  const organization = payload.recipientOrganization ?? payload.organization;
  return organization === undefined ? {} : { recipientOrganization: organization };
}
