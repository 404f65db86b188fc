/**
 * Performs one job against the server. Reads what it needs from the store at the moment it
 * runs (so an edit made while queued is what goes out) and writes nothing: the outbox
 * records the outcome in one transaction afterwards.
 */
import type { ApiClient } from '../api/client';
import { recallMessage } from '../store/erase';
import type { AttachmentCache } from '../store/attachment-cache';
import type { Store } from '../store/store';
import { clientIdElement } from './client-id';
import type { JobOperation } from './job-payload';
import { OutboxError } from './outbox-error';

/** The API operations the outbox calls: a real client in the app and in every test. */
export type OutboxApi = Pick<
  ApiClient,
  'sendMessage' | 'recallMessage' | 'forwardMessage' | 'addGroupMembers' | 'removeGroupMembers' | 'setMetadata'
>;

export interface RunnerDeps {
  api: OutboxApi;
  store: Store;
  attachments: AttachmentCache;
  senderOrganization: string;
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
        senderOrganization: deps.senderOrganization,
        ...(operation.payload.recipientOrganization ? { recipientOrganization: operation.payload.recipientOrganization } : {}),
        data: [clientIdElement(message.clientId)],
        ...(file ? { attachment: file } : {}),
      }, { signal });
      return { kind: 'sent', token: sent.messageId, ...(sent.ttl === undefined ? {} : { ttl: sent.ttl }) };
    }
    case 'recall': {
      const target = store.messages.byId(operation.payload.messageId);
      if (target === undefined || target.isRecalled) return { kind: 'nothing-to-do' };
      if (target.token === null) throw new OutboxError('not-editable', 'The message never reached the server, so there is nothing to recall');
      await api.recallMessage(target.token, { signal });
      await recallMessage(store, deps.attachments, target.id);
      return { kind: 'done' };
    }
    case 'forward': {
      const source = store.messages.byId(operation.payload.messageId);
      if (source === undefined || source.isRecalled) throw new OutboxError('not-found', 'The message to forward is no longer held');
      if (source.token === null) throw new OutboxError('not-editable', 'The message to forward never reached the server');
      await api.forwardMessage(source.token, {
        recipient: operation.payload.recipient,
        senderOrganization: deps.senderOrganization,
        ...(operation.payload.recipientOrganization ? { recipientOrganization: operation.payload.recipientOrganization } : {}),
      }, { signal });
      return { kind: 'done' };
    }
    case 'add-members':
      await api.addGroupMembers(operation.payload.group, operation.payload.members, { signal });
      return { kind: 'done' };
    case 'remove-members':
      await api.removeGroupMembers(operation.payload.group, operation.payload.members, { signal });
      return { kind: 'done' };
    case 'set-metadata':
      await api.setMetadata(operation.payload.token, operation.payload.values, { signal });
      return { kind: 'done' };
  }
}
