import type { DirectoryResult } from '../../../preload/contract';
import { organizationsToSearch, searchDirectory } from '../../core/sync/directory-search';
import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import { CliError, exitCodes } from '../cli-error';
import type { CliIo } from '../cli-io';
import { directoryLine, printable } from '../human-output';
import { openRuntime } from '../signed-in';

type SearchCommand = Extract<Command, { name: 'search' }>;

/**
 * People and groups by name, email or username in the user's organizations (or the one of
 * `--org`, by token or name): those held here first, then the directory's, up to `--limit`.
 * With the server out of reach, only those held, and stderr says so.
 */
export async function search(command: SearchCommand, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    // The organizations' names; out of reach, the ones held (or none) serve.
    await runtime.sync.refreshOrganizations().catch(() => undefined);
    const home = runtime.account.organization.token;
    const organizationKey = command.organization === undefined ? undefined : organizationToken(runtime.store.organizations.list(), command.organization);
    let organizations;
    try {
      organizations = organizationsToSearch(runtime.store, home, organizationKey);
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(exitCodes.failed, error.message);
      throw error;
    }
    const found: DirectoryResult[] = [];
    let continuation: string | undefined;
    let offline = false;
    do {
      const page = await searchDirectory(
        { store: runtime.store, api: runtime.api, me: runtime.account.userToken, homeOrganization: home },
        { typed: command.typed, organizations, kinds: ['person', 'group'], continuation, signal: AbortSignal.timeout(15_000) },
      );
      found.push(...page.results);
      offline = page.offline;
      continuation = page.continuation ?? undefined;
    } while (continuation !== undefined && found.length < command.limit);
    if (offline) io.stderr.write('offline: showing people held on this computer\n');
    const shown = found.slice(0, command.limit);
    if (command.json) {
      for (const result of shown) io.stdout.write(`${JSON.stringify(result)}\n`);
    } else if (shown.length === 0) {
      io.stdout.write(`Nobody found for "${printable(command.typed)}".\n`);
    } else {
      for (const result of shown) io.stdout.write(`${directoryLine(result)}\n`);
    }
  } finally {
    await runtime.close();
  }
}

/** `--org` as a token, or as an organization's name (any case). */
function organizationToken(held: readonly { token: string; name: string }[], given: string): string {
  const byName = held.filter((organization) => organization.name.toLowerCase() === given.trim().toLowerCase());
  if (byName.length === 1) return byName[0]!.token;
  return given;
}
