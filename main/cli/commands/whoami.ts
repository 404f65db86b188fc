import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { accountLines } from '../human-output';
import { restoredAccount } from '../signed-in';

export async function whoami(command: Command, context: CliContext, io: CliIo): Promise<void> {
  const account = await restoredAccount(context);
  io.stdout.write(command.json
    ? `${JSON.stringify({ ...account, secretStore: context.secretStore })}\n`
    : `${accountLines(account, context.secretStore).join('\n')}\n`);
}
