import type { AccountRuntime } from '../../core/account';
import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { messageLines } from '../human-output';
import { catchUpOnce, openRuntime } from '../signed-in';

type Thread = Extract<Command, { name: 'thread' }>;

export async function thread(command: Thread, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    await catchUpOnce(runtime);
    const conversationId = await conversationOf(runtime, command.address);
    const messages = runtime.sync.thread(conversationId, { limit: command.limit });
    if (command.json) {
      for (const message of messages) io.stdout.write(`${JSON.stringify(message)}\n`);
      return;
    }
    if (messages.length === 0) io.stdout.write('No messages in this conversation.\n');
    for (const message of messages) {
      io.stdout.write(`${messageLines(message, senderName(runtime, message.senderToken, message.outgoing)).join('\n')}\n`);
    }
  } finally {
    await runtime.close();
  }
}

/** A conversation id (a user's or group's token) as it is; an email or phone number looked up. */
async function conversationOf(runtime: AccountRuntime, address: string): Promise<string> {
  if (runtime.sync.roster().some((conversation) => conversation.id === address)) return address;
  return (await runtime.api.lookupUser(address)).token;
}

function senderName(runtime: AccountRuntime, token: string, outgoing: boolean): string {
  if (outgoing) return 'you';
  const user = runtime.store.people.user(token);
  return user?.displayName ?? ([user?.firstName, user?.lastName].filter(Boolean).join(' ') || token);
}
