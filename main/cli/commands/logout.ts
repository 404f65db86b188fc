import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { restoredAccount } from '../signed-in';

export async function logout(context: CliContext, io: CliIo): Promise<void> {
  const account = await restoredAccount(context);
  const report = await context.session.signOut();
  const server = report.revoked
    ? 'the server revoked the session'
    : `the server at ${account.server} could not be reached to revoke the session; it ends when the server expires it`;
  io.stdout.write(`Signed out of ${account.displayName}: local credentials, database and attachments erased; ${server}.\n`);
  for (const path of report.kept) io.stdout.write(`Kept (an unreadable database set aside earlier): ${path}\n`);
}
