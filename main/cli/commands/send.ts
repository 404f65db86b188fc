import { englishText } from '../../../i18n/english';
import { extname } from 'node:path';
import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import { CliError, exitCodes } from '../cli-error';
import type { CliIo } from '../cli-io';
import { organizationOption } from '../organization-option';
import { conversationIn, conversationOf } from '../recipient-address';
import { openRuntime } from '../signed-in';

type Send = Extract<Command, { name: 'send' }>;

export const queuedNotice = 'Queued: the server could not be reached; it will be sent the next time TigerDesk connects';

/**
 * Stores the message in the outbox, then sends what the outbox holds until nothing is due
 * (a retry that must wait ends the command). A message the server did not take yet stays
 * queued, which is success: it is safe, and the next command that connects sends it.
 */
export async function send(command: Send, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    const conversation = command.org === undefined
      ? await conversationOf(runtime, command.address)
      : await conversationIn(runtime, command.address, await organizationOption(runtime, command.org));
    const view = await runtime.outbox.send({
      conversationId: conversation.id,
      conversationKind: conversation.kind,
      body: command.text,
      deleteOnRead: command.dor,
      ...(command.ttl === undefined ? {} : { ttlMinutes: command.ttl }),
      ...(command.priority === undefined ? {} : { priority: command.priority }),
      ...(command.attach === undefined ? {} : { attachment: { path: command.attach, contentType: contentTypeOf(command.attach) } }),
    });
    runtime.outbox.start();
    await runtime.outbox.whenIdle();
    const messageId = Number(view.id);
    const job = runtime.outbox.jobOfMessage(messageId);
    const stored = runtime.store.messages.byId(messageId);
    if (job !== undefined && context.session.state.kind === 'credentials-rejected') {
      throw new CliError(exitCodes.notSignedIn, keptForSignIn(job.id));
    }
    if (job?.state === 'failed') {
      throw new CliError(
        exitCodes.failed,
        `Not sent: ${job.lastError === null ? 'the server refused it' : englishText(job.lastError)}. It stays in the outbox: try again with "outbox retry ${job.id}" or remove it with "outbox cancel ${job.id}"`,
      );
    }
    const outcome = job === undefined ? 'sent' : 'queued';
    if (command.json) {
      io.stdout.write(`${JSON.stringify({
        outcome,
        messageId: view.id,
        conversationId: conversation.id,
        token: stored?.token ?? null,
        ttlMinutes: stored?.ttlMinutes ?? null,
        outboxJob: job?.id ?? null,
      })}\n`);
    } else if (job !== undefined) {
      io.stdout.write(`${queuedNotice} (outbox job ${job.id}).\n`);
      if (job.lastError !== null) io.stdout.write(`  last attempt: ${englishText(job.lastError)}\n`);
    } else {
      const ttl = stored?.ttlMinutes ?? null;
      const shortened = command.ttl !== undefined && ttl !== null && ttl !== command.ttl
        ? ` (the organization set its lifetime to ${ttl} minutes)`
        : '';
      io.stdout.write(`Sent to ${command.address}: message ${stored?.token ?? view.id}${shortened}\n`);
    }
  } finally {
    await runtime.close();
  }
}

/** The queue survives a refused sign-in: signing in again to the same account sends it. */
export function keptForSignIn(jobId: number): string {
  return `The server refused the stored credentials. It is kept in the outbox (job ${jobId}) and is sent once you sign in again with: login <user-id>`;
}

const contentTypes: Record<string, string> = {
  '.txt': 'text/plain', '.csv': 'text/csv', '.json': 'application/json', '.pdf': 'application/pdf',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.heic': 'image/heic',
  '.webp': 'image/webp', '.mp4': 'video/mp4', '.mov': 'video/quicktime', '.mp3': 'audio/mpeg', '.wav': 'audio/wav',
  '.doc': 'application/msword', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.zip': 'application/zip',
};

function contentTypeOf(path: string): string {
  return contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}
