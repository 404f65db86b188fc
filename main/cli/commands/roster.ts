import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { conversationLine } from '../human-output';
import { catchUpOnce, openRuntime } from '../signed-in';

export async function roster(command: Command, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    await catchUpOnce(runtime);
    const conversations = runtime.sync.roster();
    if (command.json) {
      for (const conversation of conversations) io.stdout.write(`${JSON.stringify(conversation)}\n`);
    } else if (conversations.length === 0) {
      io.stdout.write('No conversations yet.\n');
    } else {
      for (const conversation of conversations) io.stdout.write(`${conversationLine(conversation)}\n`);
    }
  } finally {
    await runtime.close();
  }
}
