import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { profileLines } from '../human-output';
import { openRuntime } from '../signed-in';

/** Do Not Disturb on the server, where colleagues see it; the text, when given, is what they read. */
export async function doNotDisturb(command: Extract<Command, { name: 'dnd' }>, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    const user = await runtime.api.updateSettings(runtime.account.userToken, {
      dnd: command.on,
      ...(command.text === undefined ? {} : { dndText: command.text }),
    });
    runtime.sync.rememberPeople([user]);
    io.stdout.write(command.json ? `${JSON.stringify(user)}\n` : `${profileLines(user).join('\n')}\n`);
  } finally {
    await runtime.close();
  }
}
