import type { Command } from '../arguments';
import type { CliContext } from '../cli-context';
import type { CliIo } from '../cli-io';
import { knownOrganizations, organizationLabel } from '../organization-option';
import { openRuntime } from '../signed-in';

/** The organizations the account belongs to, read again from the server, home first. */
export async function orgs(command: Command, context: CliContext, io: CliIo): Promise<void> {
  const runtime = await openRuntime(context);
  try {
    // Read from the server now: an unreachable server is an error (status 4), not an old list.
    await runtime.sync.refreshOrganizations();
    for (const organization of knownOrganizations(runtime)) {
      io.stdout.write(command.json ? `${JSON.stringify(organization)}\n` : `${organizationLabel(organization)}\n`);
    }
  } finally {
    await runtime.close();
  }
}
