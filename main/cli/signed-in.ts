import { englishText } from '../../i18n/english';
import { openAccount } from '../core/account';
import type { AccountRuntime } from '../core/account';
import type { AccountSummary } from '../core/session';
import type { CliContext } from './cli-context';
import { CliError, exitCodes } from './cli-error';

/** The restored account, or exit status 3 with what to do. */
export async function restoredAccount(context: CliContext): Promise<AccountSummary> {
  const state = await context.session.restore();
  if (state.kind === 'signed-in') return state.account;
  const hint = context.secretStore === 'session-only'
    ? ' (no keychain answers, so no stored sign-in can be read)'
    : '';
  throw new CliError(exitCodes.notSignedIn, `Not signed in${hint}. Sign in with: login <user-id>`);
}

export async function openRuntime(context: CliContext): Promise<AccountRuntime> {
  await restoredAccount(context);
  const runtime = await openAccount({ session: context.session, log: context.log('account') });
  return runtime;
}

/**
 * Brings the local database up to date with the server (the replay of missed events,
 * stored), and sends what the outbox holds, as far as the server takes it. Fails at the
 * first failed connection rather than retrying: a command should report an unreachable
 * server, not wait for it.
 */
export async function catchUpOnce(runtime: AccountRuntime, timeoutMs = 20_000): Promise<void> {
  let unsubscribe = () => {};
  const offline = new Promise<never>((_resolve, reject) => {
    unsubscribe = runtime.subscribeConnection((state) => {
      if (state.kind === 'offline') {
        reject(new CliError(exitCodes.serverUnreachable, `Cannot reach the server at ${runtime.account.server} (${englishText(state.reason)})`));
      } else if (state.kind === 'auth-failed') {
        reject(new CliError(exitCodes.notSignedIn, 'The server refused the stored credentials. Sign in again with: login <user-id>'));
      }
    });
  });
  try {
    await Promise.race([runtime.catchUp(timeoutMs), offline]);
    await runtime.outbox.whenIdle();
  } finally {
    unsubscribe();
  }
}
