import { describe, expect, it } from 'vitest';
import { defaultServer, parseCommand } from '../../main/cli/arguments';
import { CliError } from '../../main/cli/cli-error';
import { defaultDataDir } from '../../main/cli/data-dir';
import { directoryLine, printable } from '../../main/cli/human-output';
import { directoryGroup, directoryPerson } from '../support/view-builders';

function usageError(argv: string[]): CliError {
  try {
    parseCommand(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    return error as CliError;
  }
  throw new Error(`expected ${argv.join(' ')} to be refused`);
}

describe('the command line', () => {
  it('reads send with every option', () => {
    expect(parseCommand(['--data-dir', '/d', 'send', 'a@b.test', 'hi there', '--attach', 'x.pdf', '--ttl', '60', '--dor', '--priority', 'low']))
      .toEqual({ name: 'send', server: defaultServer, dataDir: '/d', json: false, address: 'a@b.test', text: 'hi there', attach: 'x.pdf', ttl: 60, dor: true, priority: 'low' });
  });

  it('takes --ttl=-1 for a message that never expires', () => {
    expect(parseCommand(['send', 'a', 'b', '--ttl=-1'])).toMatchObject({ ttl: -1 });
  });

  it('reads login by user id or by key, with the server given', () => {
    expect(parseCommand(['--server', 'https://x.test/v2', 'login', 'me@x.test', '--password-stdin']))
      .toMatchObject({ name: 'login', server: 'https://x.test/v2', userId: 'me@x.test', passwordStdin: true });
    expect(parseCommand(['login', '--key', 'K'])).toMatchObject({ name: 'login-key', key: 'K', passwordStdin: false });
  });

  it('reads --server as people type it, as the sign-in form does', () => {
    for (const [typed, meant] of [
      ['tigertext.example.org', 'https://tigertext.example.org/v2'],
      ['https://tigertext.example.org/', 'https://tigertext.example.org/v2'],
      ['tigertext.example.org:8443', 'https://tigertext.example.org:8443/v2'],
      ['https://tigertext.example.org/custom/path/', 'https://tigertext.example.org/custom/path'],
      ['http://127.0.0.1:7443', 'http://127.0.0.1:7443/v2'],
      ['http://localhost:7443/v2', 'http://localhost:7443/v2'],
    ]) {
      expect(parseCommand(['--server', typed!, 'whoami']).server, typed).toBe(meant);
    }
    expect(defaultServer).toBe('http://127.0.0.1:7443/v2');
    expect(parseCommand(['whoami']).server).toBe(defaultServer);
  });

  it('refuses a --server over plain http to another computer, or none at all, with the usage and status 2', () => {
    const refused = usageError(['--server', 'http://tigertext.example.org', 'login', 'me@x.test']).message;
    expect(refused).toMatch(/^--server: TigerDesk only sends credentials over https; http is allowed only for a server on this computer\n\nusage:/);
    expect(usageError(['--server', 'ftp://x', 'whoami']).message).toContain('--server: TigerDesk only sends credentials over https');
    expect(usageError(['--server', '', 'whoami']).message).toContain('--server: Enter the server address');
  });

  it('defaults the thread to the 50 newest messages and bounds --limit', () => {
    expect(parseCommand(['thread', 'peer'])).toMatchObject({ name: 'thread', address: 'peer', limit: 50 });
    expect(usageError(['thread', 'peer', '--limit', '0']).message).toContain('--limit must be a whole number from 1 to 500');
  });

  it('reads outbox as a listing, or a retry or cancel of one job by its number', () => {
    expect(parseCommand(['outbox', '--json'])).toMatchObject({ name: 'outbox', action: 'list', json: true });
    expect(parseCommand(['outbox', 'retry', '12'])).toMatchObject({ name: 'outbox', action: 'retry', jobId: 12 });
    expect(parseCommand(['outbox', 'cancel', '3'])).toMatchObject({ name: 'outbox', action: 'cancel', jobId: 3 });
    expect(usageError(['outbox', 'retry']).message).toContain('outbox takes no operands (list), or retry <job-id>, or cancel <job-id>');
    expect(usageError(['outbox', 'drop', '3']).message).toContain('outbox takes no operands');
    expect(usageError(['outbox', 'retry', 'x1']).message).toContain('job id must be a whole number from 1');
    expect(usageError(['outbox', 'cancel', '3', '--json']).message).toContain('outbox cancel does not take --json');
  });

  it('refuses options a command does not take, unknown commands and missing operands', () => {
    expect(usageError(['roster', '--attach', 'x']).message).toContain('roster does not take --attach');
    expect(usageError(['fly']).message).toContain('unknown command "fly"');
    expect(usageError(['send', 'only-an-address']).message).toContain('send takes an address and the text');
    expect(usageError(['send', 'a', 'b', '--ttl', 'soon']).message).toContain('--ttl must be a whole number');
    expect(usageError(['login']).message).toContain('login takes one user id');
  });

  it('reads search with a name, an organization and a limit, and refuses it without a name', () => {
    expect(parseCommand(['search', 'jor', '--org', 'Northside Clinic', '--limit', '5', '--json']))
      .toEqual({ name: 'search', server: defaultServer, dataDir: undefined, json: true, typed: 'jor', organization: 'Northside Clinic', limit: 5 });
    expect(parseCommand(['search', 'jordan lee'])).toMatchObject({ typed: 'jordan lee', limit: 50 });
    expect(parseCommand(['search', 'jor'])).not.toHaveProperty('organization');
    expect(usageError(['search']).message).toContain('search takes one name (quote it if it has spaces)');
    expect(usageError(['search', ' ']).message).toContain('name must not be empty');
    expect(usageError(['search', 'jor', '--org', '']).message).toContain('--org must not be empty');
    expect(usageError(['search', 'jor', '--limit', '0']).message).toContain('--limit must be a whole number from 1 to 500');
  });

  it('prints a search result with title, department, organization and DND, so two of one name are told apart', () => {
    expect(directoryLine(directoryPerson({ token: 'u-1', name: 'Jordan Lee', title: 'Registrar', department: 'Cardiology', held: true })))
      .toBe('Jordan Lee  Registrar, Cardiology, Tiger General Hospital  [user u-1, held here]');
    expect(directoryLine(directoryPerson({ token: 'u-2', name: 'Jordan Lee', title: 'Charge nurse', department: null, dnd: true, dndText: 'In theatre\u001b[2J' })))
      .toBe('Jordan Lee  Charge nurse, Tiger General Hospital, do not disturb: In theatre\ufffd[2J  [user u-2]');
    expect(directoryLine(directoryGroup({ token: 'g-1', name: 'Ward 7', members: 4, organizationName: null }))).toBe('Ward 7  group of 4  [group g-1]');
  });

  it('asks for help when there is no command', () => {
    expect(parseCommand([])).toMatchObject({ name: 'help' });
  });
});

describe('the data folder', () => {
  it('follows XDG on Linux, and each platform elsewhere', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux', '/home/a')).toBe('/x/data/tigerdesk-cli');
    expect(defaultDataDir({}, 'linux', '/home/a')).toBe('/home/a/.local/share/tigerdesk-cli');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', '/home/a')).toBe('/home/a/.local/share/tigerdesk-cli');
    expect(defaultDataDir({}, 'darwin', '/Users/a')).toBe('/Users/a/Library/Application Support/tigerdesk-cli');
  });
});

describe('printing text from the server', () => {
  it('replaces terminal control sequences and bidi overrides, keeping tabs, newlines and accents', () => {
    expect(printable('\u001b]0;owned\u0007red\u001b[31m\tok\nCafé \u202eevil')).toBe('\ufffd]0;owned\ufffdred\ufffd[31m\tok\nCafé \ufffdevil');
  });
});

describe('organizations on the command line', () => {
  it('reads orgs, and --org on send and roster', () => {
    expect(parseCommand(['orgs', '--json'])).toMatchObject({ name: 'orgs', json: true });
    expect(parseCommand(['roster', '--org', 'Northside Clinic'])).toMatchObject({ name: 'roster', org: 'Northside Clinic' });
    expect(parseCommand(['roster'])).not.toHaveProperty('org');
    expect(parseCommand(['send', 'peer', 'hi', '--org', 'org-2'])).toMatchObject({ name: 'send', address: 'peer', text: 'hi', org: 'org-2' });
  });

  it('refuses an empty --org, and --org on a command that does not take it, with the usage and status 2', () => {
    expect(usageError(['roster', '--org', ' ']).message).toMatch(/^--org must not be empty\n\nusage:/);
    expect(usageError(['thread', 'peer', '--org', 'x']).message).toMatch(/^thread does not take --org/);
    expect(usageError(['orgs', 'extra']).message).toMatch(/^orgs takes no operands/);
  });
});
