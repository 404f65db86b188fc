import { acquireAccountLock } from '../../core/account';
import { accountFiles } from '../../core/session';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { restoredAccount } from '../signed-in';

export async function logout(context: CliContext, io: CliIo): Promise<void> {
  const account = await restoredAccount(context);
  // Refused, before anything is revoked, while another process has the account open: erasing
  // its folder would pull the database from under it.
  const lock = await acquireAccountLock({ dir: accountFiles(context.dataDir, account.id).dir, log: context.log('account') });
  let report;
  try {
    report = await context.session.signOut();
  } finally {
    lock.release();
  }
  const server = report.revoked
    ? 'the server revoked the session'
    : `the server at ${account.server} could not be reached to revoke the session; it ends when the server expires it`;
  io.stdout.write(`Signed out of ${account.displayName}: local credentials, database and attachments erased; ${server}.\n`);
  for (const path of report.kept) io.stdout.write(`Kept (an unreadable database set aside earlier): ${path}\n`);
}
