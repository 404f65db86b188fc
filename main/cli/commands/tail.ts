import { englishText } from '../../../i18n/english';
import type { CliContext } from '../cli-context';
import { CliError, exitCodes } from '../cli-error';
import type { CliIo } from '../cli-io';
import { openRuntime } from '../signed-in';

/**
 * Prints every change set of the account (sync's and the outbox's) as one JSON line on stdout, and the connection's
 * state as plain lines on stderr, until interrupted, signed out or refused by the server.
 */
export async function tail(context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    runtime.changes.subscribe((changes) => {
      io.stdout.write(`${JSON.stringify(changes)}\n`);
    });
    runtime.subscribeConnection((state) => {
      io.stderr.write(`connection: ${state.kind}${state.kind === 'offline' ? ` (${englishText(state.reason)}; retrying)` : ''}\n`);
    });
    const ended = new Promise<void>((_resolve, reject) => {
      context.session.subscribe((state) => {
        if (state.kind === 'credentials-rejected') {
          reject(new CliError(exitCodes.notSignedIn, 'The server refused the stored credentials. Sign in again with: login <user-id>'));
        } else if (state.kind !== 'signed-in' || state.account.id !== runtime.account.id) {
          reject(new CliError(exitCodes.notSignedIn, 'This account was signed out (its local data was erased)'));
        }
      });
    });
    // The stream runs while start still reads the roster, so the end may come first: it is
    // raced from the start (a rejection with nobody listening would end the process).
    await Promise.race([ended, runtime.start().then(() => io.interrupted)]);
  } finally {
    await runtime.close();
  }
}
