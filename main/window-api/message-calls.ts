// The sending calls of the IPC contract, answered by the account's outbox: every send is
// stored before any network call, so none of them needs the server to be reachable. Also
// the message reads that go beyond a thread page: who got a message, and search.
import { userText } from '../../i18n/user-text';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CallInput, MessageView } from '../../preload/contract';
import type { SendInput } from '../core/outbox';
import { checkedFile, plainFileName } from './file-dialogs';
import type { PickedFiles } from './file-dialogs';
import type { CallHandlers } from './answer-call';
import { CallRefusal } from './call-refusal';
import { localMessageId, requireRuntime } from './runtime-calls';
import type { CallRuntime, CurrentRuntime } from './runtime-calls';

export type MessageCalls = Pick<
  CallHandlers,
  | 'sendMessage' | 'retryMessage' | 'retryAll' | 'cancelMessage' | 'editQueued' | 'recallMessage' | 'forwardMessage'
  | 'messageInfo' | 'searchMessages'
>;

const searchLimit = 50;

export function messageCalls(current: CurrentRuntime, picked: PickedFiles): MessageCalls {
  const runtime = () => requireRuntime(current);
  /** The outbox job that sends this message; a message with none has been sent (or cancelled). */
  const sendJob = (messageId: string) => {
    const job = runtime().outbox.jobOfMessage(localMessageId(messageId));
    if (job === undefined) throw new CallRefusal('refused', userText('outbox.not-waiting', { message: messageId }));
    return job;
  };
  return {
    async sendMessage(input) {
      const account = runtime();
      const { attachment } = input;
      if (attachment === undefined) return account.outbox.send(sendInput(input));
      if (attachment.kind === 'picked') {
        // Checked again: the file may have changed since it was picked.
        const file = await checkedFile(picked.get(attachment.pickId).path);
        const view = await account.outbox.send(sendInput(input, { path: file.path, name: file.name, contentType: file.contentType }));
        picked.forget(attachment.pickId);
        return view;
      }
      return sendBytes(account, input, attachment.file);
    },
    retryMessage({ messageId }) {
      runtime().outbox.retry(sendJob(messageId).id);
      return { ok: true };
    },
    retryAll({ conversationId }) {
      runtime().outbox.retryAll(conversationId);
      return { ok: true };
    },
    async cancelMessage({ messageId }) {
      await runtime().outbox.cancel(sendJob(messageId).id);
      return { ok: true };
    },
    editQueued: ({ messageId, body }) => runtime().outbox.edit(sendJob(messageId).id, body),
    async recallMessage({ messageId }) {
      await runtime().outbox.recall(localMessageId(messageId));
      return { ok: true };
    },
    forwardMessage({ messageId, to }) {
      runtime().outbox.forward(localMessageId(messageId), { conversationId: to });
      return { ok: true };
    },
    messageInfo({ messageId }) {
      const { store, sync } = runtime();
      const id = localMessageId(messageId);
      if (store.messages.byId(id) === undefined) throw new CallRefusal('not-found', userText('outbox.no-message', { message: messageId }));
      return {
        statuses: store.messages.recipientStatuses(id).map((report) => ({
          token: report.accountId,
          name: sync.person(report.accountId).name,
          status: report.status,
          at: report.timestamp,
        })),
      };
    },
    searchMessages({ query }) {
      const { sync } = runtime();
      const found = sync.search(query, { limit: searchLimit });
      const names = new Map(sync.summaries(found.map(({ message }) => message.conversationId)).map((conversation) => [conversation.id, conversation.name]));
      return found.map(({ message }) => ({
        message,
        conversationName: names.get(message.conversationId) ?? message.conversationId,
      }));
    },
  };
}

function sendInput(input: CallInput<'sendMessage'>, attachment?: SendInput['attachment']): SendInput {
  return {
    conversationId: input.conversationId,
    body: input.body,
    ...(input.ttlMinutes === undefined ? {} : { ttlMinutes: input.ttlMinutes }),
    ...(input.deleteOnRead === undefined ? {} : { deleteOnRead: input.deleteOnRead }),
    ...(input.priority === undefined ? {} : { priority: input.priority }),
    ...(attachment === undefined ? {} : { attachment }),
  };
}

/**
 * Bytes dropped or pasted into the window: the outbox takes a file, so they are written to
 * a private file in the account's own folder, which the outbox copies (encrypted) into its
 * cache before `send` returns, and removed at once, whether the send was queued or refused.
 */
async function sendBytes(
  runtime: CallRuntime,
  input: CallInput<'sendMessage'>,
  file: { name: string; contentType: string; bytes: Uint8Array },
): Promise<MessageView> {
  const name = plainFileName(file.name);
  if (name === '') throw new CallRefusal('refused', userText('outbox.attachment-needs-name'));
  const folder = join(dirname(runtime.cache.dir), 'outgoing');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, randomBytes(16).toString('hex'));
  try {
    await writeFile(path, file.bytes, { flag: 'wx', mode: 0o600 });
    return await runtime.outbox.send(sendInput(input, { path, name, contentType: file.contentType }));
  } finally {
    await rm(path, { force: true });
  }
}
