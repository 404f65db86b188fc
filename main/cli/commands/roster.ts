import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { conversationLine, printable } from '../human-output';
import { organizationOption } from '../organization-option';
import { catchUpOnce, openRuntime } from '../signed-in';

type Roster = Extract<Command, { name: 'roster' }>;

export async function roster(command: Roster, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    await catchUpOnce(runtime);
    const organization = command.org === undefined ? undefined : await organizationOption(runtime, command.org);
    const home = runtime.account.organization.token;
    // A conversation whose organization is not known yet is held in the home organization.
    const conversations = runtime.sync.roster()
      .filter((conversation) => organization === undefined || (conversation.organizationKey ?? home) === organization.token);
    if (command.json) {
      for (const conversation of conversations) io.stdout.write(`${JSON.stringify(conversation)}\n`);
    } else if (conversations.length === 0) {
      io.stdout.write(organization === undefined ? 'No conversations yet.\n' : `No conversations in ${printable(organization.name)} yet.\n`);
    } else {
      for (const conversation of conversations) io.stdout.write(`${conversationLine(conversation)}\n`);
    }
  } finally {
    await runtime.close();
  }
}
