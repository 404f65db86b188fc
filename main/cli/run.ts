import { parseCommand, usage } from './arguments';
import { openCliContext } from './cli-context';
import { describeFailure, exitCodes } from './cli-error';
import type { CliIo } from './cli-io';
import { defaultDataDir } from './data-dir';
import { doNotDisturb } from './commands/dnd';
import { login } from './commands/login';
import { logout } from './commands/logout';
import { orgs } from './commands/orgs';
import { outbox } from './commands/outbox';
import { profile } from './commands/profile';
import { roster } from './commands/roster';
import { search } from './commands/search';
import { send } from './commands/send';
import { tail } from './commands/tail';
import { thread } from './commands/thread';
import { whoami } from './commands/whoami';

/** Runs one command line; resolves to the exit status. Failures are one line on stderr. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.name === 'help') {
      io.stdout.write(`${usage}\n`);
      return exitCodes.ok;
    }
    const context = await openCliContext(command.dataDir ?? defaultDataDir(io.env), io.stderr);
    switch (command.name) {
      case 'login':
      case 'login-key':
        await login(command, context, io);
        break;
      case 'whoami':
        await whoami(command, context, io);
        break;
      case 'orgs':
        await orgs(command, context, io);
        break;
      case 'profile':
        await profile(command, context, io);
        break;
      case 'dnd':
        await doNotDisturb(command, context, io);
        break;
      case 'roster':
        await roster(command, context, io);
        break;
      case 'search':
        await search(command, context, io);
        break;
      case 'thread':
        await thread(command, context, io);
        break;
      case 'send':
        await send(command, context, io);
        break;
      case 'tail':
        await tail(context, io);
        break;
      case 'outbox':
        await outbox(command, context, io);
        break;
      case 'logout':
        await logout(context, io);
        break;
    }
    return exitCodes.ok;
  } catch (error) {
    const failure = describeFailure(error);
    io.stderr.write(`error: ${failure.message}\n`);
    return failure.exitCode;
  }
}
