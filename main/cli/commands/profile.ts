import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { profileLines } from '../human-output';
import { openRuntime } from '../signed-in';

/** Shows the own profile, or changes the name or status text first; either way as the server then holds it. */
export async function profile(command: Extract<Command, { name: 'profile' }>, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    const change = {
      ...(command.displayName === undefined ? {} : { displayName: command.displayName }),
      ...(command.status === undefined ? {} : { status: command.status }),
    };
    const user = Object.keys(change).length === 0
      ? await runtime.api.getUser()
      : await runtime.api.updateSettings(runtime.account.userToken, change);
    runtime.sync.rememberPeople([user]);
    io.stdout.write(command.json ? `${JSON.stringify(user)}\n` : `${profileLines(user).join('\n')}\n`);
  } finally {
    await runtime.close();
  }
}
