/**
 * `--org NAME|TOKEN`: the organization a command acts in, among those the account belongs
 * to. One resolver for every command that takes the option, so that each names an
 * organization the same way and refuses an unknown one the same way.
 */
import type { AccountRuntime } from '../core/account';
import { CliError, exitCodes } from './cli-error';
import { printable } from './human-output';

export interface KnownOrganization {
  token: string;
  name: string;
  /** The organization the account signed in with. */
  home: boolean;
}

/**
 * The account's organizations as last read from the server, home first; the home organization
 * alone when none were read yet (it is known from the sign-in).
 */
export function knownOrganizations(runtime: Pick<AccountRuntime, 'sync' | 'account'>): KnownOrganization[] {
  const home = runtime.account.organization;
  const listed = runtime.sync.organizations().map(({ token, name }) => ({ token, name, home: token === home.token }));
  const all = listed.some((organization) => organization.home) ? listed : [{ ...home, home: true }, ...listed];
  return [...all.filter((organization) => organization.home), ...all.filter((organization) => !organization.home)];
}

/** `NAME (TOKEN)`, marked when it is home: how an organization is named in errors and lists. */
export function organizationLabel(organization: KnownOrganization): string {
  return `${printable(organization.name)} (${organization.token}${organization.home ? ', home' : ''})`;
}

/** The organization `given` names: its token, or its name in any case. Pure. */
export function resolveOrganization(given: string, known: readonly KnownOrganization[]): KnownOrganization {
  const byToken = known.find((organization) => organization.token === given);
  if (byToken !== undefined) return byToken;
  const wanted = given.trim().toLowerCase();
  const byName = known.filter((organization) => organization.name.trim().toLowerCase() === wanted);
  if (byName.length === 1) return byName[0]!;
  const shown = JSON.stringify(printable(given.slice(0, 80)));
  if (byName.length > 1) {
    throw new CliError(exitCodes.failed, `--org ${shown} names ${byName.length} of your organizations: ${byName.map(organizationLabel).join(', ')}. Give its token instead`);
  }
  throw new CliError(exitCodes.failed, `--org ${shown} is not one of your organizations: ${known.map(organizationLabel).join(', ')}`);
}

/**
 * `--org` as the command was given it, resolved against the account's organizations: those
 * held (so that a send can be queued offline), else read again from the server, since the
 * account may have joined one since they were last read.
 */
export async function organizationOption(runtime: Pick<AccountRuntime, 'sync' | 'account'>, given: string): Promise<KnownOrganization> {
  try {
    return resolveOrganization(given, knownOrganizations(runtime));
  } catch (unknown) {
    try {
      await runtime.sync.refreshOrganizations();
    } catch {
      // Offline: the organizations held are all there is to go by.
      throw unknown;
    }
    return resolveOrganization(given, knownOrganizations(runtime));
  }
}
