import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { accountLines } from '../human-output';
import { readSecret } from '../secret-input';

type Login = Extract<Command, { name: 'login' | 'login-key' }>;

export async function login(command: Login, context: CliContext, io: CliIo): Promise<void> {
  const account = command.name === 'login'
    ? await context.session.signInWithPassword({
      server: command.server,
      userId: command.userId,
      password: await readSecret(io, 'Password', command.passwordStdin),
    })
    : await context.session.signInWithKey({
      server: command.server,
      key: command.key,
      secret: await readSecret(io, 'Secret', command.passwordStdin),
    });
  if (command.json) {
    io.stdout.write(`${JSON.stringify({ ...account, secretStore: context.secretStore })}\n`);
    return;
  }
  io.stdout.write(`Signed in as ${accountLines(account, context.secretStore).join('\n  ')}\n`);
}
