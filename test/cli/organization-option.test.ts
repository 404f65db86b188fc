import { describe, expect, it } from 'vitest';
import { CliError } from '../../main/cli/cli-error';
import { resolveOrganization } from '../../main/cli/organization-option';
import type { KnownOrganization } from '../../main/cli/organization-option';

const home: KnownOrganization = { token: 'org-home', name: 'General Hospital', home: true };
const clinic: KnownOrganization = { token: 'org-clinic', name: 'Northside Clinic', home: false };

function refusal(given: string, known: readonly KnownOrganization[]): CliError {
  try {
    resolveOrganization(given, known);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    return error as CliError;
  }
  throw new Error(`expected --org ${given} to be refused`);
}

describe('--org', () => {
  it('names an organization by token, or by name in any case and spacing', () => {
    expect(resolveOrganization('org-clinic', [home, clinic])).toBe(clinic);
    expect(resolveOrganization('northside clinic', [home, clinic])).toBe(clinic);
    expect(resolveOrganization('  GENERAL HOSPITAL ', [home, clinic])).toBe(home);
  });

  it('refuses an unknown organization, listing the account\'s', () => {
    expect(refusal('Eastside', [home, clinic]).message)
      .toBe('--org "Eastside" is not one of your organizations: General Hospital (org-home, home), Northside Clinic (org-clinic)');
  });

  it('refuses a name two organizations share, asking for the token', () => {
    const twin = { token: 'org-twin', name: 'northside CLINIC', home: false };
    expect(refusal('Northside Clinic', [home, clinic, twin]).message)
      .toBe('--org "Northside Clinic" names 2 of your organizations: Northside Clinic (org-clinic), northside CLINIC (org-twin). Give its token instead');
    expect(resolveOrganization('org-twin', [home, clinic, twin])).toBe(twin);
  });

  it('shows a name with control characters made harmless', () => {
    expect(refusal('a\u001b[31mb', [home]).message).toBe('--org "a\ufffd[31mb" is not one of your organizations: General Hospital (org-home, home)');
  });
});
