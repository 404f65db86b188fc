import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { messageLines } from '../human-output';
import { conversationOf } from '../recipient-address';
import { catchUpOnce, openRuntime } from '../signed-in';

type Thread = Extract<Command, { name: 'thread' }>;

export async function thread(command: Thread, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    await catchUpOnce(runtime);
    const conversationId = (await conversationOf(runtime, command.address)).id;
    const messages = runtime.sync.thread(conversationId, { limit: command.limit });
    if (command.json) {
      for (const message of messages) io.stdout.write(`${JSON.stringify(message)}\n`);
      return;
    }
    if (messages.length === 0) io.stdout.write('No messages in this conversation.\n');
    for (const message of messages) {
      io.stdout.write(`${messageLines(message).join('\n')}\n`);
    }
  } finally {
    await runtime.close();
  }
}
